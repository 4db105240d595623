"""formacion/pdf.py: the certificate PDF read back, and static images offline."""

import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from pypdf import PdfReader

from formacion import services
from formacion.models import Matricula
from formacion.pdf import url_verificacion
from tests.factories import EmpleadoFactory, curso_con_lecciones


def _texto(pdf: bytes) -> str:
    return " ".join(
        " ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages
    )


@pytest.mark.django_db
def test_pdf_del_certificado_dice_nombre_horas_fechas_y_codigo_en_cada_pagina():
    empleado = EmpleadoFactory(nombre="Lucía", apellidos="Martín Gómez")
    curso, lecciones, _p = curso_con_lecciones(
        n_lecciones=1,
        n_preguntas=1,
        preguntas_por_intento=1,
        horas=Decimal("12.5"),
        validez_meses=24,
        title="Atención telefónica de calidad",
    )
    matricula = services.matricular(empleado=empleado, curso=curso, origen="propia")
    inicio = timezone.now() - timedelta(days=9)
    Matricula.objects.filter(pk=matricula.pk).update(iniciada_en=inicio)
    matricula.refresh_from_db()
    services.completar_leccion(matricula=matricula, leccion=lecciones[0])
    intento = services.iniciar_intento(matricula=matricula)
    r = intento.respuestas.select_related("version").get()
    services.enviar_intento(
        intento=intento,
        respuestas={r.pk: [o.pk for o in r.version.opciones.all() if o.correcta]},
    )
    certificado = matricula.certificados.get()
    certificado = services.generar_pdf(certificado=certificado)
    contenido = certificado.pdf.read()
    lector = PdfReader(io.BytesIO(contenido))
    texto = _texto(contenido)
    assert "Lucía Martín Gómez" in texto
    assert "Atención telefónica de calidad" in texto
    assert "12,5 horas" in texto
    assert timezone.localdate(inicio).strftime("%d/%m/%Y") in texto
    assert timezone.localdate().strftime("%d/%m/%Y") in texto
    assert "100 / 100" in texto and "aprovechamiento" in texto
    assert certificado.valido_hasta.strftime("%d/%m/%Y") in texto
    for pagina in lector.pages:
        plano = pagina.extract_text().replace(" ", "").replace("\n", "")
        assert certificado.codigo in plano
        assert url_verificacion(certificado.codigo).replace(" ", "") in plano
    import hashlib

    assert hashlib.sha256(contenido).hexdigest() == certificado.sha256
    # Generating again never replaces the stored original.
    assert services.generar_pdf(certificado=certificado).sha256 == certificado.sha256


@pytest.mark.django_db
def test_pdf_de_formacion_con_una_imagen_de_static_se_genera(settings, tmp_path):
    """WeasyPrint ≥ 70 asks the fetcher for every resource, and formacion's own
    fetcher refused them all by raising: a template with a logo could not be
    rendered. The shared fetcher serves the project's static files."""
    from PIL import Image

    from formacion.pdf import pdf_expediente

    settings.STATIC_ROOT = tmp_path / "static"
    (settings.STATIC_ROOT / "formacion").mkdir(parents=True)
    Image.new("RGB", (40, 20), "#0b4f8a").save(
        settings.STATIC_ROOT / "formacion" / "sello.png"
    )
    plantillas = tmp_path / "plantillas"
    (plantillas / "formacion" / "pdf").mkdir(parents=True)
    (plantillas / "formacion" / "pdf" / "expediente.html").write_text(
        '{% load static %}<img src="{% static "formacion/sello.png" %}" alt="">'
        "<p>{{ empleado.nombre_completo }}</p>",
        encoding="utf-8",
    )
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [plantillas, *settings.TEMPLATES[0]["DIRS"]]}
    ]
    empleado = EmpleadoFactory(nombre="Lucía", apellidos="Martín Gómez")
    contenido = pdf_expediente(empleado=empleado, filas=[], totales={"horas": 0})
    pagina = PdfReader(io.BytesIO(contenido)).pages[0]
    assert "Lucía Martín Gómez" in _texto(contenido)
    assert [imagen.image.size for imagen in pagina.images] == [(40, 20)]


def _certificado_emitido(empleado):
    curso, lecciones, _p = curso_con_lecciones(
        n_lecciones=1, tipo_certificado="asistencia", title="Atenció presencial"
    )
    matricula = services.matricular(empleado=empleado, curso=curso, origen="propia")
    services.completar_leccion(matricula=matricula, leccion=lecciones[0])
    return services.generar_pdf(certificado=matricula.certificados.get())


@pytest.mark.django_db
def test_el_certificado_sale_en_el_idioma_de_su_titular():
    certificado = _certificado_emitido(EmpleadoFactory(idioma="eu"))
    texto = _texto(certificado.pdf.read())
    assert "Se certifica que" not in texto and "Página" not in texto
    assert certificado.codigo in texto.replace(" ", "")


@pytest.mark.django_db
def test_con_lengua_cooficial_el_certificado_es_bilingue_una_pagina_por_idioma(
    settings,
):
    settings.FORMACION_CERTIFICADO_COOFICIAL = "ca"
    certificado = _certificado_emitido(EmpleadoFactory(idioma="gl"))
    paginas = PdfReader(io.BytesIO(certificado.pdf.read())).pages
    assert len(paginas) == 2
    castellano, catalan = (" ".join(p.extract_text().split()) for p in paginas)
    assert "Se certifica que" in castellano and "Es certifica que" not in castellano
    assert "Es certifica que" in catalan and "Se certifica que" not in catalan
    for texto in (castellano, catalan):
        assert certificado.codigo in texto.replace(" ", "")
        assert certificado.nombre_persona in texto
