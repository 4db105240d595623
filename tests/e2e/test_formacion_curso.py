"""An employee completes a course, passes the quiz and downloads the certificate;
an anonymous visitor verifies it. axe-core on course, lesson and quiz pages."""

import io

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from formacion import services
from formacion.models import Certificado
from tests.factories import EmpleadoFactory, curso_con_lecciones

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_empleada_completa_curso_aprueba_y_descarga_certificado(
    pagina, live_server, entrar_como, comprobar_accesibilidad
):
    empleada = EmpleadoFactory(nombre="Lucía", apellidos="Martín Gómez")
    curso, lecciones, _p = curso_con_lecciones(
        n_lecciones=2,
        n_preguntas=3,
        preguntas_por_intento=3,
        tiempo_limite_minutos=10,
        title="Atención presencial de calidad",
        slug="atencion-presencial-e2e",
    )
    services.matricular(
        empleado=empleada, curso=curso, origen="asignacion", obligatoria=True
    )
    entrar_como(pagina, empleada.usuario)

    pagina.goto(f"{live_server.url}{curso.url}")
    expect(
        pagina.get_by_role("heading", name="Atención presencial de calidad", level=1)
    ).to_be_visible()
    comprobar_accesibilidad(pagina)
    pagina.get_by_role("link", name="Empezar el curso").click()
    expect(pagina.get_by_role("heading", name=lecciones[0].title)).to_be_visible()
    comprobar_accesibilidad(pagina)
    pagina.get_by_role("button", name="Marcar como completada").click()
    # Resumes at the next lesson.
    expect(pagina.get_by_role("heading", name=lecciones[1].title)).to_be_visible()
    pagina.get_by_role("button", name="Marcar como completada").click()
    expect(pagina.get_by_text("2 de 2 lecciones completadas")).to_be_visible()

    pagina.get_by_role("button", name="Hacer el cuestionario").click()
    expect(
        pagina.get_by_role(
            "heading", name="Cuestionario: Atención presencial de calidad"
        )
    ).to_be_visible()
    expect(pagina.get_by_text("Envía tus respuestas antes de las")).to_be_visible()
    comprobar_accesibilidad(pagina)
    preguntas = pagina.locator("fieldset.pregunta")
    expect(preguntas).to_have_count(3)
    for i in range(3):
        preguntas.nth(i).get_by_label("Sí").check()
    pagina.get_by_role("button", name="Enviar respuestas").click()
    expect(pagina.get_by_text("100 / 100 — Aprobado")).to_be_visible()
    comprobar_accesibilidad(pagina)

    with pagina.expect_download() as descarga:
        pagina.get_by_role("link", name="Descargar el certificado").first.click()
    contenido = open(descarga.value.path(), "rb").read()
    texto = " ".join(
        " ".join(p.extract_text().split())
        for p in PdfReader(io.BytesIO(contenido)).pages
    )
    certificado = Certificado.objects.get(empleado=empleada)
    assert "Lucía Martín Gómez" in texto and "10 horas" in texto
    assert certificado.codigo in texto.replace(" ", "")

    # An anonymous visitor verifies it from the code in the PDF.
    contexto = pagina.context.browser.new_context(locale="es-ES")
    anonima = contexto.new_page()
    anonima.goto(f"{live_server.url}/verificar/")
    anonima.get_by_label("Código seguro de verificación").fill(certificado.codigo)
    anonima.get_by_role("button", name="Verificar").click()
    expect(anonima.locator("#estado-certificado")).to_have_text("Válido")
    expect(anonima.get_by_text("Lucía Martín Gómez")).to_be_visible()
    expect(anonima.get_by_text(certificado.sha256)).to_be_visible()
    comprobar_accesibilidad(anonima)
    with anonima.expect_download() as original:
        anonima.get_by_role("link", name="Descargar el PDF original").click()
    assert open(original.value.path(), "rb").read() == contenido
    anonima.goto(f"{live_server.url}/verificar/NO-EXISTE-1234/")
    expect(
        anonima.get_by_role("heading", name="Certificado no encontrado")
    ).to_be_visible()
    contexto.close()


def test_supervisora_ve_su_equipo_accesible(
    pagina, live_server, entrar_como, comprobar_accesibilidad
):
    jefa = EmpleadoFactory(usuario__roles=["empleado", "supervisor"])
    EmpleadoFactory(supervisor=jefa, apellidos="Persona Sinformación")
    curso_con_lecciones(
        n_lecciones=1, obligatorio=True, title="Protección de datos", slug="pd-e2e"
    )
    entrar_como(pagina, jefa.usuario)
    pagina.goto(f"{live_server.url}/formacion/equipo/")
    expect(pagina.get_by_role("heading", name="Formación del equipo")).to_be_visible()
    expect(pagina.get_by_role("cell", name="Sin formación")).to_be_visible()
    comprobar_accesibilidad(pagina)
    pagina.goto(f"{live_server.url}/formacion/")
    comprobar_accesibilidad(pagina)
