"""Mi formación: the tables an employee reads, and the training-record PDF that
is being generated (works with and without JavaScript)."""

import hashlib
import io
import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from formacion import services
from formacion.models import Certificado, Expediente, Matricula
from tests.factories import EmpleadoFactory, curso_con_lecciones

pytestmark = pytest.mark.django_db


def _tabla(html: str, ident: str) -> str:
    inicio = html.index(f'id="tabla-{ident}"')
    return html[inicio : html.index("</table>", inicio)]


def _cabeceras(tabla: str) -> list[str]:
    return re.findall(r'<th scope="col"[^>]*>([^<]*)</th>', tabla)


@pytest.fixture
def empleada_con_matriculas(db):
    """One enrolment of each kind: assigned and overdue, in progress without a
    deadline, completed."""
    empleada = EmpleadoFactory()
    hoy = timezone.localdate()
    asignado, _l, _p = curso_con_lecciones(
        n_lecciones=1, tipo_certificado="asistencia", title="Atención telefónica"
    )
    vencida = services.matricular(
        empleado=empleada, curso=asignado, origen="asignacion", obligatoria=True
    )
    Matricula.objects.filter(pk=vencida.pk).update(plazo=hoy - timedelta(days=3))
    en_curso, lecciones, _p = curso_con_lecciones(
        n_lecciones=2, tipo_certificado="asistencia", title="Lenguaje claro"
    )
    m = services.matricular(empleado=empleada, curso=en_curso, origen="propia")
    services.completar_leccion(matricula=m, leccion=lecciones[0])
    con_plazo, _l, _p = curso_con_lecciones(
        n_lecciones=1, tipo_certificado="asistencia", title="Protección de datos"
    )
    services.matricular(
        empleado=empleada,
        curso=con_plazo,
        origen="asignacion",
        plazo=hoy + timedelta(days=30),
    )
    hecho, lecciones, _p = curso_con_lecciones(
        n_lecciones=1, tipo_certificado="asistencia", title="Atención presencial"
    )
    m = services.matricular(empleado=empleada, curso=hecho, origen="propia")
    services.completar_leccion(matricula=m, leccion=lecciones[0])
    return {"empleada": empleada, "hoy": hoy}


def test_asignados_y_en_curso_muestran_la_fecha_limite_y_completados_la_fecha_de_fin(
    client, empleada_con_matriculas
):
    hoy = empleada_con_matriculas["hoy"]
    client.force_login(empleada_con_matriculas["empleada"].usuario)
    html = client.get(reverse("formacion:mi_formacion")).content.decode()

    asignados = _tabla(html, "asignados")
    assert "Fecha límite" in _cabeceras(asignados)
    assert "Completado" not in _cabeceras(asignados)
    assert (hoy - timedelta(days=3)).strftime("%d/%m/%Y") in asignados
    assert (hoy + timedelta(days=30)).strftime("%d/%m/%Y") in asignados
    # Overdue is said in words, not only with a colour.
    fila_vencida = asignados[asignados.index("Atención telefónica") :]
    fila_vencida = fila_vencida[: fila_vencida.index("</tr>")]
    assert "vencida" in fila_vencida

    en_curso = _tabla(html, "en-curso")
    assert "Fecha límite" in _cabeceras(en_curso)
    assert "Completado" not in _cabeceras(en_curso)
    assert "Lenguaje claro" in en_curso and "sin fecha límite" in en_curso

    completados = _tabla(html, "completados")
    assert "Completado" in _cabeceras(completados)
    assert "Fecha límite" not in _cabeceras(completados)
    assert hoy.strftime("%d/%m/%Y") in completados


# --- The training record being generated ------------------------------------------


@pytest.fixture
def cola_pdf(monkeypatch):
    """The "pdf" queue, not run: the record stays pending until the test runs it."""
    from formacion import tasks

    encoladas = []
    for nombre in ("generar_pdf_expediente", "generar_pdf_certificado"):
        monkeypatch.setattr(
            getattr(tasks, nombre), "delay", lambda pk, _n=nombre: encoladas.append(pk)
        )
    return encoladas


def _enlace_comprobar(html: str) -> str:
    encontrado = re.search(r'<a [^>]*href="([^"]*)"[^>]*>Comprobar de nuevo</a>', html)
    assert encontrado, "no hay enlace «Comprobar de nuevo»"
    return encontrado.group(1)


def test_expediente_en_preparacion_sin_refresco_y_con_comprobar_de_nuevo_sin_fragmento(
    client, empleada_con_matriculas, cola_pdf, django_capture_on_commit_callbacks
):
    empleada = empleada_con_matriculas["empleada"]
    client.force_login(empleada.usuario)
    with django_capture_on_commit_callbacks(execute=True):
        respuesta = client.post(reverse("formacion:generar_expediente"))
    expediente = Expediente.objects.get(empleado=empleada)
    assert expediente.estado == Expediente.Estado.PENDIENTE and cola_pdf
    html = client.get(respuesta["Location"]).content.decode()
    assert "Generándose" in html
    assert 'http-equiv="refresh"' not in html
    # A plain GET of the page, without the "#expediente" that made reloads no-ops.
    enlace = _enlace_comprobar(html)
    assert enlace == reverse("formacion:mi_formacion") and "#" not in enlace
    estado = reverse("formacion:estado_expediente", args=[expediente.pk])
    assert f'data-espera-pdf="{estado}"' in html and "js/espera_pdf.js" in html
    assert 'aria-live="polite"' in html

    services.generar_pdf_expediente(expediente=expediente)
    html = client.get(enlace).content.decode()
    assert reverse("formacion:descargar_expediente", args=[expediente.pk]) in html
    assert "Generándose" not in html


def test_el_estado_del_expediente_en_json_para_quien_puede_descargarlo(
    client, empleada_con_matriculas, cola_pdf, django_capture_on_commit_callbacks
):
    empleada = empleada_con_matriculas["empleada"]
    with django_capture_on_commit_callbacks(execute=True):
        expediente = services.solicitar_expediente(empleado=empleada)
    url = reverse("formacion:estado_expediente", args=[expediente.pk])
    client.force_login(EmpleadoFactory().usuario)
    assert client.get(url).status_code == 403
    client.force_login(empleada.usuario)
    datos = client.get(url).json()
    assert datos["listo"] is False and datos["estado"] == "pendiente"
    assert datos["descarga"] == "" and datos["mensaje"]
    services.generar_pdf_expediente(expediente=expediente)
    datos = client.get(url).json()
    assert datos["listo"] is True and datos["estado"] == "listo"
    assert datos["descarga"] == reverse(
        "formacion:descargar_expediente", args=[expediente.pk]
    )
    assert datos["texto_descarga"]


def test_certificado_en_preparacion_sin_refresco_y_con_estado_en_json(
    client, empleada_con_matriculas, cola_pdf, django_capture_on_commit_callbacks
):
    from formacion.models import Certificado

    empleada = empleada_con_matriculas["empleada"]
    certificado = Certificado.objects.get(empleado=empleada)
    Certificado.objects.filter(pk=certificado.pk).update(pdf="", sha256="")
    client.force_login(empleada.usuario)
    url = reverse("formacion:descargar_certificado", args=[certificado.pk])
    with django_capture_on_commit_callbacks(execute=True):
        respuesta = client.get(url)
    assert respuesta.status_code == 202
    html = respuesta.content.decode()
    assert 'http-equiv="refresh"' not in html
    assert _enlace_comprobar(html) == url
    estado = reverse("formacion:estado_certificado", args=[certificado.pk])
    assert f'data-espera-pdf="{estado}"' in html
    assert client.get(estado).json()["listo"] is False
    services.generar_pdf(certificado=certificado)
    datos = client.get(estado).json()
    assert datos["listo"] is True and datos["descarga"] == url
    client.force_login(EmpleadoFactory().usuario)
    assert client.get(estado).status_code == 403


def _texto_pdf(contenido: bytes) -> str:
    from pypdf import PdfReader

    return " ".join(
        " ".join(p.extract_text().split())
        for p in PdfReader(io.BytesIO(contenido)).pages
    )


def _sin_renderizar(monkeypatch):
    from formacion import pdf

    def _prohibido(*args, **kwargs):
        raise AssertionError("PDF rendered inside the request")

    monkeypatch.setattr(pdf, "pdf_de_plantilla", _prohibido)


@pytest.fixture
def cola_pdf_por_tarea(monkeypatch):
    """Non-eager stand-in for the "pdf" queue: records what would be enqueued so a
    test can prove the request itself rendered nothing."""
    from formacion import tasks

    encoladas = []
    for nombre in ("generar_pdf_expediente", "generar_pdf_certificado"):
        tarea = getattr(tasks, nombre)
        monkeypatch.setattr(
            tarea, "delay", lambda pk, _n=nombre: encoladas.append((_n, pk))
        )
    return encoladas


@pytest.mark.parametrize(
    "quien,esperado",
    [
        ("empleada", 200),
        ("jefa", 200),
        ("otro", 403),
        ("calidad", 200),
        ("direccion", 200),
    ],
)
def test_matriz_permisos_descarga_certificado(
    client, escenario, usuario_calidad, usuario_direccion, quien, esperado
):
    usuarios = {
        "empleada": escenario["empleada"].usuario,
        "jefa": escenario["jefa"].usuario,
        "otro": escenario["otro"].usuario,
        "calidad": usuario_calidad,
        "direccion": usuario_direccion,
    }
    client.force_login(usuarios[quien])
    url = reverse("formacion:descargar_certificado", args=[escenario["certificado"].pk])
    assert client.get(url).status_code == esperado


def test_mi_formacion_y_expediente(
    client, escenario, django_capture_on_commit_callbacks
):
    client.force_login(escenario["empleada"].usuario)
    respuesta = client.get(reverse("formacion:mi_formacion"))
    assert respuesta.context["horas_este_anio"] == 10
    assert escenario["certificado"].codigo in respuesta.content.decode()
    assert respuesta.context["expediente"] is None
    assert "Generar expediente" in respuesta.content.decode()
    # Celery is eager in unit tests: the task runs on commit of the POST.
    with django_capture_on_commit_callbacks(execute=True):
        respuesta = client.post(reverse("formacion:generar_expediente"))
    assert respuesta.status_code == 302
    expediente = Expediente.objects.get(empleado=escenario["empleada"])
    assert expediente.estado == Expediente.Estado.LISTO and expediente.generado_en
    pagina = client.get(reverse("formacion:mi_formacion")).content.decode()
    url = reverse("formacion:descargar_expediente", args=[expediente.pk])
    assert url in pagina and 'http-equiv="refresh"' not in pagina
    pdf = client.get(url)
    assert pdf["Content-Type"] == "application/pdf"
    contenido = b"".join(pdf.streaming_content)
    assert hashlib.sha256(contenido).hexdigest() == expediente.sha256
    texto = _texto_pdf(contenido)
    assert escenario["curso"].title in texto
    assert escenario["certificado"].codigo in texto.replace(" ", "")
    assert escenario["empleada"].identificador in texto


def test_expediente_no_se_renderiza_en_la_peticion_y_la_pagina_espera(
    client,
    escenario,
    cola_pdf_por_tarea,
    monkeypatch,
    django_capture_on_commit_callbacks,
):
    _sin_renderizar(monkeypatch)
    client.force_login(escenario["empleada"].usuario)
    with django_capture_on_commit_callbacks(execute=True):
        respuesta = client.post(reverse("formacion:generar_expediente"))
    assert respuesta.status_code == 302
    expediente = Expediente.objects.get()
    assert expediente.estado == Expediente.Estado.PENDIENTE and not expediente.pdf
    assert cola_pdf_por_tarea == [("generar_pdf_expediente", expediente.pk)]
    pagina = client.get(reverse("formacion:mi_formacion")).content.decode()
    # No timed refresh (WCAG F41): a script asks, or "Comprobar de nuevo" reloads.
    assert 'http-equiv="refresh"' not in pagina and "Generándose" in pagina
    assert "Comprobar de nuevo" in pagina
    assert "Generar expediente" not in pagina
    descarga = client.get(
        reverse("formacion:descargar_expediente", args=[expediente.pk])
    )
    assert (
        descarga.status_code == 202 and b"se est\xc3\xa1 generando" in descarga.content
    )
    # A second click while pending reuses the record and queues nothing more.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("formacion:generar_expediente"))
    assert Expediente.objects.count() == 1 and len(cola_pdf_por_tarea) == 1


def test_expediente_idempotente_hasta_que_hay_formacion_nueva(
    client, escenario, monkeypatch, django_capture_on_commit_callbacks
):
    from formacion import pdf

    renders = []
    original = pdf.pdf_de_plantilla
    monkeypatch.setattr(
        pdf,
        "pdf_de_plantilla",
        lambda *a, **k: renders.append(a[0]) or original(*a, **k),
    )
    empleada = escenario["empleada"]
    with django_capture_on_commit_callbacks(execute=True):
        primero = services.solicitar_expediente(empleado=empleada)
    primero.refresh_from_db()
    assert primero.estado == Expediente.Estado.LISTO and len(renders) == 1
    with django_capture_on_commit_callbacks(execute=True):
        segundo = services.solicitar_expediente(empleado=empleada)
    assert segundo.pk == primero.pk and len(renders) == 1
    client.force_login(empleada.usuario)
    assert client.get(reverse("formacion:mi_formacion")).context["expediente_al_dia"]
    # New training changes the fingerprint: a new file that includes it.
    curso, lecciones, _p = curso_con_lecciones(
        n_lecciones=1, tipo_certificado="asistencia"
    )
    matricula = services.matricular(empleado=empleada, curso=curso, origen="propia")
    services.completar_leccion(matricula=matricula, leccion=lecciones[0])
    assert not client.get(reverse("formacion:mi_formacion")).context[
        "expediente_al_dia"
    ]
    with django_capture_on_commit_callbacks(execute=True):
        tercero = services.solicitar_expediente(empleado=empleada)
    tercero.refresh_from_db()
    assert tercero.pk != primero.pk and tercero.huella != primero.huella
    assert (
        tercero.estado == Expediente.Estado.LISTO and tercero.sha256 != primero.sha256
    )
    assert curso.title in _texto_pdf(tercero.pdf.read())


@pytest.mark.parametrize(
    "quien,esperado",
    [("empleada", 200), ("jefa", 200), ("otro", 403), ("direccion", 200)],
)
def test_permisos_descarga_expediente(
    client,
    escenario,
    usuario_direccion,
    quien,
    esperado,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        expediente = services.solicitar_expediente(empleado=escenario["empleada"])
    usuarios = {
        "empleada": escenario["empleada"].usuario,
        "jefa": escenario["jefa"].usuario,
        "otro": escenario["otro"].usuario,
        "direccion": usuario_direccion,
    }
    client.force_login(usuarios[quien])
    url = reverse("formacion:descargar_expediente", args=[expediente.pk])
    assert client.get(url).status_code == esperado


def test_generar_expediente_solo_por_post_y_para_uno_mismo(client, escenario):
    client.force_login(escenario["jefa"].usuario)
    assert client.get(reverse("formacion:generar_expediente")).status_code == 405
    client.post(reverse("formacion:generar_expediente"))
    assert set(Expediente.objects.values_list("empleado_id", flat=True)) == {
        escenario["jefa"].pk
    }


def test_certificado_sin_pdf_se_encola_no_se_renderiza(
    client,
    escenario,
    cola_pdf_por_tarea,
    monkeypatch,
    django_capture_on_commit_callbacks,
):
    from django.core.files.storage import default_storage

    certificado = escenario["certificado"]
    default_storage.delete(certificado.pdf.name)
    Certificado.objects.filter(pk=certificado.pk).update(pdf="", sha256="")
    _sin_renderizar(monkeypatch)
    client.force_login(escenario["empleada"].usuario)
    url = reverse("formacion:descargar_certificado", args=[certificado.pk])
    with django_capture_on_commit_callbacks(execute=True):
        respuesta = client.get(url)
    assert respuesta.status_code == 202
    assert 'http-equiv="refresh"' not in respuesta.content.decode()
    assert "Comprobar de nuevo" in respuesta.content.decode()
    assert cola_pdf_por_tarea == [("generar_pdf_certificado", certificado.pk)]
    certificado.refresh_from_db()
    assert not certificado.pdf
    # Checking again does not flood the queue.
    with django_capture_on_commit_callbacks(execute=True):
        client.get(url)
    assert len(cola_pdf_por_tarea) == 1


def test_expediente_interrumpido_se_muestra_con_regenerar_y_se_vuelve_a_encargar(
    client,
    empleada_con_matriculas,
    cola_pdf,
    settings,
    django_capture_on_commit_callbacks,
):
    """Its worker died mid-render: the beat stopped, so the page says so and
    offers the button again; asking again queues it at once."""
    from formacion.selectors import expediente_interrumpido

    settings.GENERACION_LATIDO_UMBRAL_SEGUNDOS = 60
    empleada = empleada_con_matriculas["empleada"]
    client.force_login(empleada.usuario)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("formacion:generar_expediente"))
    expediente = Expediente.objects.get(empleado=empleada)
    Expediente.objects.filter(pk=expediente.pk).update(
        estado=Expediente.Estado.GENERANDO,
        latido=timezone.now() - timedelta(minutes=5),
    )
    expediente.refresh_from_db()
    assert expediente_interrumpido(expediente)
    html = client.get(reverse("formacion:mi_formacion")).content.decode()
    assert "interrumpi" in html
    assert reverse("formacion:generar_expediente") in html
    encargados = len(cola_pdf)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("formacion:generar_expediente"))
    assert len(cola_pdf) == encargados + 1

    # Still beating: in progress, no button, not queued twice.
    Expediente.objects.filter(pk=expediente.pk).update(latido=timezone.now())
    expediente.refresh_from_db()
    assert not expediente_interrumpido(expediente)
    html = client.get(reverse("formacion:mi_formacion")).content.decode()
    assert "interrumpi" not in html
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("formacion:generar_expediente"))
    assert len(cola_pdf) == encargados + 1
