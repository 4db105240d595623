"""organizacion/admin.py: only quality staff import the staff file from the admin."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from organizacion.models import Empleado, Importacion
from tests.factories import PuestoFactory, UsuarioFactory

pytestmark = pytest.mark.django_db


IMPORTAR = "/admin/organizacion/empleado/importar/"


@pytest.fixture
def cliente_calidad(client, usuario_calidad):
    client.force_login(usuario_calidad)
    return client


def _fichero(filas, nombre="empleados.csv"):
    texto = "\r\n".join(";".join(f) for f in filas)
    return SimpleUploadedFile(
        nombre, texto.encode("utf-8-sig"), content_type="text/csv"
    )


CABECERA = ["Identificador", "Nombre", "Apellidos", "Oficina", "Puesto"]


@pytest.fixture
def importar_en_cola(django_capture_on_commit_callbacks):
    """Upload: the page answers at once with a redirect to the import's own page;
    the task (eager here) runs after commit, and that page shows its report."""

    def importar(cliente, datos):
        with django_capture_on_commit_callbacks(execute=True):
            respuesta = cliente.post(IMPORTAR, datos)
        assert respuesta.status_code == 302
        importacion = Importacion.objects.latest("pk")
        assert respuesta["Location"] == reverse(
            "admin:organizacion_empleado_importacion", args=[importacion.pk]
        )
        # The uploaded file lived in private storage only while it was imported.
        importacion.refresh_from_db()
        assert importacion.estado == Importacion.Estado.TERMINADA
        assert not importacion.fichero
        return cliente.get(respuesta["Location"])

    return importar


def test_personal_de_la_administracion_sin_perfil_de_calidad_no_importa(client):
    # A supervisor made staff: her group reads staff records (her team's), no more.
    usuario = UsuarioFactory(is_staff=True, roles=["empleado", "supervisor"])
    client.force_login(usuario)
    assert client.get(IMPORTAR).status_code == 403
    lista = client.get(reverse("admin:organizacion_empleado_changelist"))
    assert lista.status_code == 200
    assert IMPORTAR not in lista.content.decode()


def test_la_lista_de_empleados_enlaza_la_importacion(cliente_calidad):
    respuesta = cliente_calidad.get(reverse("admin:organizacion_empleado_changelist"))
    assert f"{IMPORTAR}?tipo=empleados" in respuesta.content.decode()
    respuesta = cliente_calidad.get(reverse("admin:organizacion_oficina_changelist"))
    assert f"{IMPORTAR}?tipo=oficinas" in respuesta.content.decode()
    respuesta = cliente_calidad.get(reverse("admin:organizacion_servicio_changelist"))
    assert f"{IMPORTAR}?tipo=servicios" in respuesta.content.decode()


def test_calidad_importa_desde_la_administracion(
    cliente_calidad, usuario_calidad, importar_en_cola
):
    oficina = usuario_calidad.empleado.oficina
    PuestoFactory(codigo="informador")
    fichero = _fichero(
        [CABECERA, ["W1", "Ana", "Gil", oficina.codigo_dir3, "informador"]]
    )
    respuesta = importar_en_cola(cliente_calidad, {"fichero": fichero, "tipo": "auto"})
    assert respuesta.status_code == 200
    assert "Importación completada" in respuesta.content.decode()
    assert Empleado.objects.filter(identificador="W1").exists()


def test_la_importacion_con_errores_responde_422_y_lista_linea_y_columna(
    cliente_calidad, importar_en_cola
):
    PuestoFactory(codigo="informador")
    fichero = _fichero([CABECERA, ["W2", "Ana", "Gil", "O99999999", "informador"]])
    respuesta = importar_en_cola(
        cliente_calidad, {"fichero": fichero, "tipo": "empleados"}
    )
    assert respuesta.status_code == 422
    html = respuesta.content.decode()
    assert "no se ha importado nada" in html
    assert "<td>2</td><td>D (Oficina)</td>" in html
    assert not Empleado.objects.filter(identificador="W2").exists()


def test_la_simulacion_desde_la_administracion_no_guarda(
    cliente_calidad, usuario_calidad, importar_en_cola
):
    PuestoFactory(codigo="informador")
    oficina = usuario_calidad.empleado.oficina
    fichero = _fichero(
        [CABECERA, ["W3", "Ana", "Gil", oficina.codigo_dir3, "informador"]]
    )
    respuesta = importar_en_cola(
        cliente_calidad, {"fichero": fichero, "tipo": "auto", "simular": "on"}
    )
    assert respuesta.status_code == 200
    assert "Simulación correcta" in respuesta.content.decode()
    assert not Empleado.objects.filter(identificador="W3").exists()


def test_el_formulario_sin_fichero_o_con_otra_extension_responde_400(cliente_calidad):
    assert cliente_calidad.post(IMPORTAR, {"tipo": "auto"}).status_code == 400
    pdf = SimpleUploadedFile(
        "plantilla.pdf", b"%PDF-1.7", content_type="application/pdf"
    )
    respuesta = cliente_calidad.post(IMPORTAR, {"fichero": pdf, "tipo": "auto"})
    assert respuesta.status_code == 400
    assert ".xlsx" in respuesta.content.decode()
