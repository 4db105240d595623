"""Every view that shows, downloads or exports someone else's personal data
writes exactly one access row with the right fields, costs at most one query
more than without the log, and writes nothing when the person reads their own.

Cross-cutting: walks views of evaluacion, formacion and encuestas."""

from datetime import timedelta
from importlib import import_module

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from auditoria.models import AccesoDatos
from encuestas import services as encuestas_services
from encuestas.models import Alerta
from evaluacion import services as evaluacion_services
from evaluacion.models import Evaluacion
from formacion import services as formacion_services
from formacion.models import Certificado, Expediente
from tests.evaluacion.conftest import enviada
from tests.factories import (
    CampanaFactory,
    EmpleadoFactory,
    OficinaFactory,
    curso_con_lecciones,
    invitar,
    responder_con,
)

pytestmark = pytest.mark.django_db

C, A = AccesoDatos.Categoria, AccesoDatos.Accion
PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.fixture
def mundo(settings):
    settings.ENCUESTAS_MIN_N_OFICINA = 3
    oficina = OficinaFactory(canales=["presencial"])
    coordinador = EmpleadoFactory(
        oficina=oficina, usuario__roles=["empleado", "supervisor"]
    )
    jefa = EmpleadoFactory(
        oficina=oficina,
        supervisor=coordinador,
        usuario__roles=["empleado", "supervisor"],
    )
    oficina.responsable = jefa
    oficina.save()
    ana = EmpleadoFactory(oficina=oficina, supervisor=jefa, identificador="A000001")

    campana = CampanaFactory(oficinas=[oficina])
    evaluacion_services.abrir_campana(campana=campana)
    ev = enviada(Evaluacion.objects.get(campana=campana, empleado=ana))
    ev = evaluacion_services.alegar_evaluacion(
        evaluacion=ev, version=ev.version, texto="No estoy de acuerdo", por=None
    )
    # A stored PDF of the current version (rendering is not under test).
    ev.pdf.save(f"prueba-{ev.pk}.pdf", ContentFile(PDF), save=False)
    Evaluacion.objects.filter(pk=ev.pk).update(pdf=ev.pdf.name, pdf_version=ev.version)

    expediente = Expediente(
        empleado=ana,
        estado=Expediente.Estado.LISTO,
        huella="h",
        sha256="0" * 64,
        generado_en=timezone.now(),
    )
    expediente.pdf.save("expediente.pdf", ContentFile(PDF), save=True)

    curso, lecciones, _p = curso_con_lecciones(tipo_certificado="asistencia")
    matricula = formacion_services.matricular(
        empleado=ana, curso=curso, origen="asignacion"
    )
    for leccion in lecciones:
        formacion_services.completar_leccion(matricula=matricula, leccion=leccion)
    certificado = matricula.certificados.get()
    certificado.pdf.save("certificado.pdf", ContentFile(PDF), save=False)
    Certificado.objects.filter(pk=certificado.pk).update(pdf=certificado.pdf.name)

    for sat in (5, 4, 3):
        responder_con(oficina, {"SAT": str(sat)}, comentario=f"Comentario {sat}")
    _r, token = invitar(oficina)
    encuestas_services.responder(
        token=token, datos={"SAT": "1", "CONTACTO": "1"}, contacto="600111222"
    )
    return {
        "jefa": jefa,
        "coordinador": coordinador,
        "ana": ana,
        "ev": ev,
        "campana": campana,
        "expediente": expediente,
        "certificado": certificado,
        "alerta": Alerta.objects.get(),
    }


def _url(nombre, objeto=None, *args):
    return reverse(nombre, args=[objeto.pk] if objeto is not None else list(args))


# (who, view module, url, category, action, object key or None, has subject)
CASOS = {
    "evaluacion": (
        "jefa",
        "evaluacion.views.evaluaciones",
        lambda m: _url("evaluacion:evaluacion", m["ev"]),
        C.EVALUACION,
        A.VER,
        "ev",
        True,
    ),
    "evaluacion_pdf": (
        "jefa",
        "evaluacion.views.evaluaciones",
        lambda m: _url("evaluacion:pdf", m["ev"]),
        C.EVALUACION,
        A.DESCARGAR,
        "ev",
        True,
    ),
    "plan": (
        "jefa",
        "evaluacion.views.plan",
        lambda m: _url("evaluacion:plan", m["ev"]),
        C.EVALUACION,
        A.VER,
        "ev",
        True,
    ),
    "alegacion": (
        "coordinador",
        "evaluacion.views.puntuacion",
        lambda m: _url("evaluacion:revisar", m["ev"]),
        C.ALEGACION,
        A.VER,
        "ev",
        True,
    ),
    "mapa": (
        "jefa",
        "evaluacion.views.campanas",
        lambda m: _url("evaluacion:mapa", m["campana"]),
        C.CAMPANA,
        A.VER,
        "campana",
        False,
    ),
    "calibracion": (
        "jefa",
        "evaluacion.views.campanas",
        lambda m: _url("evaluacion:calibracion", m["campana"]),
        C.CAMPANA,
        A.VER,
        "campana",
        False,
    ),
    "expediente": (
        "jefa",
        "formacion.views.mi_formacion",
        lambda m: _url("formacion:descargar_expediente", m["expediente"]),
        C.EXPEDIENTE,
        A.DESCARGAR,
        "expediente",
        True,
    ),
    "certificado": (
        "jefa",
        "formacion.views.mi_formacion",
        lambda m: _url("formacion:descargar_certificado", m["certificado"]),
        C.CERTIFICADO,
        A.DESCARGAR,
        "certificado",
        True,
    ),
    "formacion_equipo": (
        "jefa",
        "formacion.views.equipo",
        lambda m: reverse("formacion:equipo"),
        C.EXPEDIENTE,
        A.VER,
        None,
        False,
    ),
    "formacion_equipo_csv": (
        "jefa",
        "formacion.views.equipo",
        lambda m: reverse("formacion:equipo_exportar", args=["csv"]),
        C.EXPORTACION,
        A.EXPORTAR,
        None,
        False,
    ),
    "formacion_equipo_xlsx": (
        "jefa",
        "formacion.views.equipo",
        lambda m: reverse("formacion:equipo_exportar", args=["xlsx"]),
        C.EXPORTACION,
        A.EXPORTAR,
        None,
        False,
    ),
    "comentarios": (
        "jefa",
        "encuestas.views",
        lambda m: reverse("encuestas:comentarios"),
        C.COMENTARIOS,
        A.VER,
        None,
        False,
    ),
    "alerta": (
        "jefa",
        "encuestas.views",
        lambda m: _url("encuestas:alerta", m["alerta"]),
        C.ALERTA,
        A.VER,
        "alerta",
        False,
    ),
    "encuestas_csv": (
        "jefa",
        "encuestas.views",
        lambda m: reverse("encuestas:exportar_csv"),
        C.EXPORTACION,
        A.EXPORTAR,
        None,
        False,
    ),
    "encuestas_xlsx": (
        "jefa",
        "encuestas.views",
        lambda m: reverse("encuestas:exportar_xlsx"),
        C.EXPORTACION,
        A.EXPORTAR,
        None,
        False,
    ),
}


def _consultas(client, url) -> int:
    with CaptureQueriesContext(connection) as capturadas:
        respuesta = client.get(url)
        if respuesta.streaming:
            b"".join(respuesta.streaming_content)
    assert respuesta.status_code == 200, (url, respuesta.status_code)
    return len(capturadas)


@pytest.mark.parametrize("caso", list(CASOS))
def test_cada_vista_escribe_una_fila_y_una_consulta_mas(
    client, mundo, monkeypatch, caso
):
    quien, modulo, url, categoria, accion, clave, con_sujeto = CASOS[caso]
    url = url(mundo)
    usuario = mundo[quien].usuario
    client.force_login(usuario)

    # By module name: evaluacion.views re-exports functions named like its modules.
    modulo = import_module(modulo)
    real = modulo.registrar_acceso
    monkeypatch.setattr(modulo, "registrar_acceso", lambda *a, **k: None)
    _consultas(client, url)  # warm: session, caches
    sin_registro = _consultas(client, url)
    monkeypatch.setattr(modulo, "registrar_acceso", real)
    con_registro = _consultas(client, url)

    assert con_registro - sin_registro <= 1
    fila = AccesoDatos.objects.get()
    assert (fila.categoria, fila.accion) == (categoria, accion)
    assert fila.usuario == usuario
    assert fila.usuario_nombre == usuario.username
    assert fila.roles == "empleado,supervisor"
    assert fila.ruta == url and fila.metodo == "GET"
    if clave is None:
        assert (fila.objeto_tipo, fila.objeto_id) == ("", "")
    else:
        objeto = mundo[clave]
        assert fila.objeto_tipo == objeto._meta.label_lower
        assert fila.objeto_id == str(objeto.pk)
    if con_sujeto:
        assert fila.sujeto == mundo["ana"]
        assert fila.sujeto_identificador == "A000001"
    else:
        assert fila.sujeto is None and fila.sujeto_identificador == ""
    assert timezone.now() - fila.fecha < timedelta(minutes=1)


@pytest.mark.parametrize(
    "caso", ["evaluacion", "evaluacion_pdf", "plan", "expediente", "certificado"]
)
def test_la_propia_persona_no_deja_rastro(client, mundo, caso):
    client.force_login(mundo["ana"].usuario)
    respuesta = client.get(CASOS[caso][2](mundo))
    assert respuesta.status_code == 200
    assert not AccesoDatos.objects.exists()


def test_un_acceso_denegado_no_se_registra(client, mundo):
    otra = EmpleadoFactory(usuario__roles=["empleado", "supervisor"])
    client.force_login(otra.usuario)
    for caso in ("evaluacion", "evaluacion_pdf", "expediente", "certificado"):
        assert client.get(CASOS[caso][2](mundo)).status_code == 403
    assert not AccesoDatos.objects.exists()
