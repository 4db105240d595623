"""Public verification (/verificar/): a code typed as people type it still finds
the certificate; a wrong one answers "not found", never a 500."""

import hashlib
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from formacion import services
from tests.factories import EmpleadoFactory, curso_con_lecciones

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificado(db):
    empleada = EmpleadoFactory()
    curso, lecciones, _p = curso_con_lecciones(
        n_lecciones=1, tipo_certificado="asistencia"
    )
    matricula = services.matricular(empleado=empleada, curso=curso, origen="propia")
    services.completar_leccion(matricula=matricula, leccion=lecciones[0])
    return matricula.certificados.get()


def _variantes(codigo: str) -> dict[str, str]:
    sin_guiones = codigo.replace("-", "")
    return {
        "con guiones": codigo,
        "sin guiones": sin_guiones,
        "en minúsculas": codigo.lower(),
        "en minúsculas sin guiones": sin_guiones.lower(),
        "con espacios": "  " + codigo.replace("-", " ") + " ",
        "con espacios dentro de los grupos": " ".join(sin_guiones),
        "con guiones tipográficos": codigo.replace("-", "–"),
    }


@pytest.mark.parametrize(
    "variante",
    [
        "con guiones",
        "sin guiones",
        "en minúsculas",
        "en minúsculas sin guiones",
        "con espacios",
        "con espacios dentro de los grupos",
        "con guiones tipográficos",
    ],
)
def test_el_formulario_encuentra_el_certificado_escriba_como_se_escriba_el_codigo(
    client, certificado, variante
):
    tecleado = _variantes(certificado.codigo)[variante]
    respuesta = client.get(
        reverse("formacion:verificar_formulario"), {"codigo": tecleado}, follow=True
    )
    assert respuesta.status_code == 200
    assert (
        respuesta.redirect_chain[-1][0]
        == reverse("formacion:verificar", args=[certificado.codigo]) + "?idioma=es"
    )
    texto = respuesta.content.decode()
    assert certificado.nombre_persona in texto and certificado.codigo in texto


def test_la_direccion_con_el_codigo_sin_normalizar_tambien_lo_encuentra(
    client, certificado
):
    tecleado = certificado.codigo.replace("-", "").lower()
    respuesta = client.get(reverse("formacion:verificar", args=[tecleado]))
    assert respuesta.status_code == 200
    assert certificado.nombre_persona in respuesta.content.decode()


@pytest.mark.parametrize(
    "tecleado",
    ["AAAA-BBBB-CCCC-DDDD-EEEE-FFFF", "aaaabbbbccccddddeeeeffff", "corto", "¿?%/"],
)
def test_un_codigo_equivocado_responde_no_encontrado(client, certificado, tecleado):
    respuesta = client.get(
        reverse("formacion:verificar_formulario"), {"codigo": tecleado}, follow=True
    )
    assert respuesta.status_code == 404
    texto = respuesta.content.decode()
    assert "Certificado no encontrado" in texto
    assert certificado.nombre_persona not in texto


def test_el_formulario_vacio_pide_el_codigo(client):
    respuesta = client.get(reverse("formacion:verificar_formulario"), {"codigo": "  "})
    assert respuesta.status_code == 200
    assert "Código seguro de verificación" in respuesta.content.decode()


def test_revocar_solo_calidad(client, escenario, usuario_calidad):
    url = reverse("formacion:revocar", args=[escenario["certificado"].pk])
    client.force_login(escenario["jefa"].usuario)
    assert (
        client.post(url, {"motivo": "No procede", "accion": "revocar"}).status_code
        == 403
    )
    client.force_login(usuario_calidad)
    assert client.post(url, {"motivo": "", "accion": "revocar"}).status_code == 400
    respuesta = client.post(url, {"motivo": "Emitido por error", "accion": "revocar"})
    assert respuesta.status_code == 302
    pagina = client.get(respuesta["Location"]).content.decode()
    assert "Revocado" in pagina and "Emitido por error" in pagina


def test_verificacion_publica_muestra_todo_y_sirve_el_original(client, escenario):
    c = escenario["certificado"]
    respuesta = client.get(reverse("formacion:verificar", args=[c.codigo]))
    assert respuesta.status_code == 200
    texto = respuesta.content.decode()
    for dato in (
        c.nombre_persona,
        c.titulo_curso,
        c.codigo,
        c.sha256,
        "Válido",
        c.fecha_inicio.strftime("%d/%m/%Y"),
        c.valido_hasta.strftime("%d/%m/%Y"),
    ):
        assert dato in texto
    pdf = client.get(reverse("formacion:verificar_pdf", args=[c.codigo]))
    contenido = b"".join(pdf.streaming_content)

    assert hashlib.sha256(contenido).hexdigest() == c.sha256


def test_verificacion_caducado_y_codigo_desconocido(client, escenario):
    c = escenario["certificado"]
    type(c).objects.filter(pk=c.pk).update(
        valido_hasta=timezone.localdate() - timedelta(days=1)
    )
    assert (
        "Caducado"
        in client.get(reverse("formacion:verificar", args=[c.codigo])).content.decode()
    )
    respuesta = client.get(
        reverse("formacion:verificar", args=["AAAA-BBBB-CCCC-DDDD-EEEE-FFFF"])
    )
    assert respuesta.status_code == 404
    assert c.nombre_persona not in respuesta.content.decode()
    assert (
        client.get(reverse("formacion:verificar_pdf", args=["NOPE"])).status_code == 404
    )


def test_el_pdf_pendiente_dice_que_se_esta_generando_sin_datos_de_la_persona(
    client, certificado
):
    assert not certificado.pdf
    respuesta = client.get(
        reverse("formacion:verificar_pdf", args=[certificado.codigo])
    )
    assert respuesta.status_code == 202
    assert respuesta["Retry-After"]
    texto = respuesta.content.decode()
    assert "se está generando" in texto
    assert "Certificado no encontrado" not in texto
    assert certificado.nombre_persona not in texto
    assert certificado.identificador_persona not in texto


def test_un_codigo_falso_sigue_dando_404_en_el_pdf(client, certificado):
    respuesta = client.get(
        reverse("formacion:verificar_pdf", args=["AAAA-BBBB-CCCC-DDDD-EEEE-FFFF"])
    )
    assert respuesta.status_code == 404


def test_un_pdf_interrumpido_se_vuelve_a_encargar_una_sola_vez(
    client, certificado, settings, django_capture_on_commit_callbacks
):
    from datetime import timedelta

    from django.utils import timezone

    from formacion.models import Certificado
    from formacion.selectors import pdf_certificado_interrumpido

    settings.GENERACION_LATIDO_UMBRAL_SEGUNDOS = 60
    Certificado.objects.filter(pk=certificado.pk).update(
        latido=timezone.now() - timedelta(minutes=10)
    )
    certificado.refresh_from_db()
    assert pdf_certificado_interrumpido(certificado)

    url = reverse("formacion:verificar_pdf", args=[certificado.codigo])
    with django_capture_on_commit_callbacks(execute=True) as encargos:
        assert client.get(url).status_code == 202
    # The (eager) worker rendered it: the next request downloads the original.
    assert len(encargos) == 1
    certificado.refresh_from_db()
    assert certificado.pdf and len(certificado.sha256) == 64
    with django_capture_on_commit_callbacks(execute=True) as otra_vez:
        assert client.get(url).status_code == 200
    assert otra_vez == []


@pytest.mark.parametrize(
    ("idioma", "formato", "estado"),
    [
        ("es", "%d/%m/%Y", "Válido"),
        ("eu", "%Y-%m-%d", None),
        ("gl", "%d-%m-%Y", None),
        ("en", "%d/%m/%Y", "Valid"),  # British, not Django's American default
    ],
)
def test_la_verificacion_es_publica_en_cinco_idiomas_con_sus_fechas(
    client, certificado, idioma, formato, estado
):
    from django.utils import timezone

    respuesta = client.get(
        reverse("formacion:verificar", args=[certificado.codigo]), {"idioma": idioma}
    )
    html = respuesta.content.decode()
    assert respuesta["Content-Language"] == idioma and f'<html lang="{idioma}">' in html
    assert timezone.localtime(certificado.emitido_en).strftime(formato) in html
    if estado:
        assert f'id="estado-certificado">{estado}<' in html
    # No staff header: a public page leads nowhere else.
    assert "Cerrar sesión" not in html and 'hreflang="en"' in html
