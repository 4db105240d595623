"""Retention: rows on both sides of each cut-off, the report, and a dry run that
changes nothing."""

import os
from datetime import date, timedelta

import pytest
from axes.models import AccessAttempt, AccessLog
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from formacion import services as formacion
from organizacion import services
from organizacion.conservacion import hace_anos
from organizacion.models import Empleado
from tests.factories import EmpleadoFactory, curso_con_lecciones

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def plazos(settings, tmp_path):
    settings.CONSERVACION_EXEMPLEADOS_ANOS = 4
    settings.CONSERVACION_ACCESOS_DIAS = 90
    settings.CONSERVACION_CORREO_DIAS = 14
    settings.EMAIL_FILE_PATH = str(tmp_path / "correo")
    settings.ENCUESTAS_SMS_DIR = str(tmp_path / "sms")


def _por_codigo(resultados):
    return {r.codigo: r for r in resultados}


def _exempleado(anos_y_dias: tuple[int, int], **kwargs) -> Empleado:
    baja = hace_anos(anos_y_dias[0]) + timedelta(days=anos_y_dias[1])
    return EmpleadoFactory(
        fecha_alta=baja - timedelta(days=3000), fecha_baja=baja, **kwargs
    )


def test_antiguos_empleados_se_anonimizan_pasados_los_anos_y_no_antes():
    viejo = _exempleado((4, -1), nombre="Ana", apellidos="Pérez Gil")
    reciente = _exempleado((4, 1), nombre="Luis", apellidos="Mora")
    activo = EmpleadoFactory(nombre="Eva")
    simulado = _por_codigo(services.aplicar_conservacion(simulacion=True))
    assert simulado["exempleados"].afectados == 1
    assert not simulado["exempleados"].aplicado
    assert Empleado.objects.get(pk=viejo.pk).nombre == "Ana"  # dry run: nothing

    resultado = _por_codigo(services.aplicar_conservacion())["exempleados"]
    assert resultado.afectados == 1 and resultado.aplicado
    assert resultado.corte == hace_anos(4)
    viejo = Empleado.objects.select_related("usuario").get(pk=viejo.pk)
    assert "Ana" not in viejo.nombre_completo and "Pérez" not in viejo.nombre_completo
    assert viejo.identificador == f"anon-{viejo.pk}"
    usuario = viejo.usuario
    assert (usuario.username, usuario.email, usuario.first_name) == (
        f"anon-{viejo.pk}",
        "",
        "",
    )
    assert not usuario.is_active and not usuario.has_usable_password()
    # Structure kept for the statistics: office, post, dates.
    assert viejo.fecha_baja and viejo.oficina_id and viejo.puesto_id
    assert Empleado.objects.get(pk=reciente.pk).nombre == "Luis"
    assert Empleado.objects.get(pk=activo.pk).nombre == "Eva"
    # Idempotent: a second run finds nobody left.
    assert _por_codigo(services.aplicar_conservacion())["exempleados"].afectados == 0


def test_el_certificado_de_un_antiguo_empleado_anonimizado_sigue_verificandose(
    client,
):
    empleada = EmpleadoFactory(nombre="Marta", apellidos="Soler")
    curso, lecciones, _p = curso_con_lecciones(
        n_lecciones=1, tipo_certificado="asistencia"
    )
    matricula = formacion.matricular(empleado=empleada, curso=curso, origen="propia")
    formacion.completar_leccion(matricula=matricula, leccion=lecciones[0])
    certificado = matricula.certificados.get()
    Empleado.objects.filter(pk=empleada.pk).update(
        fecha_baja=hace_anos(5), fecha_alta=hace_anos(10)
    )
    services.aplicar_conservacion()
    assert Empleado.objects.get(pk=empleada.pk).nombre != "Marta"
    r = client.get(reverse("formacion:verificar", args=[certificado.codigo]))
    assert r.status_code == 200
    # The certificate is a document issued to that person: its frozen copy stays.
    assert "Marta Soler" in r.content.decode()


def test_inicios_de_sesion_se_borran_pasados_los_dias():
    ahora = timezone.now()
    for dias, nombre in ((91, "viejo"), (89, "reciente")):
        intento = AccessAttempt.objects.create(
            username=nombre, failures_since_start=1, ip_address="10.0.0.1"
        )
        registro = AccessLog.objects.create(username=nombre, ip_address="10.0.0.1")
        # auto_now_add: the date is set after the insert.
        AccessAttempt.objects.filter(pk=intento.pk).update(
            attempt_time=ahora - timedelta(days=dias)
        )
        AccessLog.objects.filter(pk=registro.pk).update(
            attempt_time=ahora - timedelta(days=dias)
        )
    assert (
        _por_codigo(services.aplicar_conservacion(simulacion=True))["accesos"].afectados
        == 2
    )
    assert AccessAttempt.objects.count() == 2 and AccessLog.objects.count() == 2
    assert _por_codigo(services.aplicar_conservacion())["accesos"].afectados == 2
    assert list(AccessAttempt.objects.values_list("username", flat=True)) == [
        "reciente"
    ]
    assert list(AccessLog.objects.values_list("username", flat=True)) == ["reciente"]


def _fichero(ruta, dias: float):
    ruta.parent.mkdir(parents=True, exist_ok=True)
    ruta.write_text("x", encoding="utf-8")
    momento = (timezone.now() - timedelta(days=dias)).timestamp()
    os.utime(ruta, (momento, momento))
    return ruta


def test_el_correo_guardado_en_la_maquina_se_borra_pasados_los_dias(settings, tmp_path):
    correo = tmp_path / "correo"
    viejo = _fichero(correo / "2026-01-01" / "a.eml", 15)
    _fichero(correo / "2026-01-01" / "indice.txt", 15)
    reciente = _fichero(correo / "2026-11-25" / "b.eml", 13)
    assert (
        _por_codigo(services.aplicar_conservacion(simulacion=True))["correo"].afectados
        == 2
    )
    assert viejo.exists()
    assert _por_codigo(services.aplicar_conservacion())["correo"].afectados == 2
    assert not viejo.exists() and not viejo.parent.exists()  # the emptied day too
    assert reciente.exists() and correo.exists()


def test_sin_carpeta_de_correo_no_falla(settings):
    settings.EMAIL_FILE_PATH = None
    assert _por_codigo(services.aplicar_conservacion())["correo"].afectados == 0


def test_el_informe_tiene_cada_politica_con_su_corte():
    resultados = services.aplicar_conservacion(simulacion=True)
    codigos = [r.codigo for r in resultados]
    assert {
        "contactos_alertas",
        "contactos_invitaciones",
        "exempleados",
        "accesos",
        "correo",
        "sms",
    } <= set(codigos)
    assert all(isinstance(r.corte, date) and r.descripcion for r in resultados)


def test_hace_anos_el_29_de_febrero():
    assert hace_anos(1, date(2028, 2, 29)) == date(2027, 2, 28)


def test_un_usuario_anonimizado_no_puede_entrar(client):
    empleada = _exempleado((6, 0))
    services.aplicar_conservacion()
    usuario = get_user_model().objects.get(pk=empleada.usuario_id)
    client.force_login(usuario)  # even with a session, an inactive user is out
    assert client.get("/").status_code in (302, 403)
