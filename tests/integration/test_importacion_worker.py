"""A staff import run by a real worker: the upload is queued, the worker reads
the file from private storage, writes everything and stores the report."""

import pytest

from organizacion import services
from organizacion.models import Empleado, Importacion
from tests.factories import OficinaFactory, PuestoFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def test_el_worker_importa_la_plantilla_y_deja_el_informe(
    worker_celery, privado_compartido, esperar
):
    oficina = OficinaFactory(codigo_dir3="O00000007")
    PuestoFactory(codigo="informador")
    filas = ["Identificador;Nombre;Apellidos;Oficina;Puesto"] + [
        f"Q{n};Ana;Gil;{oficina.codigo_dir3};informador" for n in range(1, 41)
    ]
    malo = (filas[0] + "\r\nQ99;Eva;Ruiz;O99999999;informador\r\n").encode("utf-8")
    bueno = "\r\n".join(filas).encode("utf-8-sig")

    erronea = services.solicitar_importacion(
        contenido=malo, nombre="malo.csv", tipo="empleados", por=None
    )
    correcta = services.solicitar_importacion(
        contenido=bueno, nombre="empleados.csv", tipo="auto", por=None
    )

    def terminadas():
        # Finished, and the upload removed from private storage.
        return not (
            Importacion.objects.exclude(estado=Importacion.Estado.TERMINADA)
            .union(Importacion.objects.exclude(fichero=""))
            .exists()
        )

    esperar(terminadas, 90, "que el worker termine las dos importaciones")
    erronea.refresh_from_db()
    correcta.refresh_from_db()
    assert erronea.progreso == correcta.progreso == 100
    assert erronea.informe["errores"] == [
        {
            "hoja": "malo.csv",
            "linea": 2,
            "columna": "D (Oficina)",
            "mensaje": erronea.informe["errores"][0]["mensaje"],
        }
    ]
    assert not Empleado.objects.filter(identificador="Q99").exists()
    assert correcta.informe["errores"] == []
    assert correcta.informe["recuentos"]["empleados"]["creados"] == 40
    assert Empleado.objects.filter(identificador__startswith="Q").count() == 40
    assert not erronea.fichero and not correcta.fichero


def test_la_orden_en_cola_espera_al_worker_y_muestra_el_informe(
    worker_celery, privado_compartido, tmp_path, capsys
):
    from django.core.management import call_command

    oficina = OficinaFactory(codigo_dir3="O00000008")
    PuestoFactory(codigo="informador")
    ruta = tmp_path / "empleados.csv"
    ruta.write_bytes(
        (
            "Identificador;Nombre;Apellidos;Oficina;Puesto\r\n"
            f"R1;Ana;Gil;{oficina.codigo_dir3};informador\r\n"
        ).encode("utf-8-sig")
    )
    call_command("importar_plantilla", str(ruta), "--en-cola")
    salida = capsys.readouterr().out
    assert "en cola" in salida
    assert "Empleados: 1 filas; 1 nuevos" in salida
    assert Empleado.objects.filter(identificador="R1").exists()
    assert Importacion.objects.get().estado == Importacion.Estado.TERMINADA
