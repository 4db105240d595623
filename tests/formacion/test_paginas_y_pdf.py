"""Wagtail tree rules, the certificate PDF read back, bounded queries per page."""

import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from formacion import services
from formacion.models import (
    CursoPage,
    CursosIndexPage,
    LeccionPage,
    Matricula,
    ProgresoLeccion,
)
from formacion.pdf import url_verificacion
from tests.factories import (
    EmpleadoFactory,
    crear_curso,
    crear_leccion,
    curso_con_lecciones,
)
from tests.organizacion.test_consultas import MAXIMO_INICIO


class TestArbolDePaginas(WagtailPageTestCase):
    def test_reglas_del_arbol(self):
        self.assertAllowedParentPageTypes(CursosIndexPage, {Page})
        self.assertAllowedSubpageTypes(CursosIndexPage, {CursoPage})
        self.assertAllowedParentPageTypes(CursoPage, {CursosIndexPage})
        self.assertAllowedSubpageTypes(CursoPage, {LeccionPage})
        self.assertAllowedParentPageTypes(LeccionPage, {CursoPage})
        self.assertAllowedSubpageTypes(LeccionPage, set())
        self.assertCanCreateAt(CursosIndexPage, CursoPage)
        self.assertCanCreateAt(CursoPage, LeccionPage)
        self.assertCanNotCreateAt(CursosIndexPage, LeccionPage)
        self.assertCanNotCreateAt(Page, CursoPage)
        self.assertCanNotCreateAt(LeccionPage, LeccionPage)

    def test_el_indice_existe_en_contenidos_cursos(self):
        indice = CursosIndexPage.objects.get()
        self.assertEqual(indice.url, "/contenidos/cursos/")


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


@pytest.fixture
def volumen(db, settings):
    """A 200-person team × 20 mandatory courses, with enrolments and progress."""
    # 200 users: a fast hasher keeps the fixture quick (passwords are not under test).
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    jefa = EmpleadoFactory(usuario__roles=["empleado", "supervisor"])
    equipo = [
        EmpleadoFactory(supervisor=jefa, oficina=jefa.oficina) for _ in range(200)
    ]
    cursos = [crear_curso(obligatorio=True, validez_meses=12) for _ in range(20)]
    lecciones = [crear_leccion(cursos[0]) for _ in range(15)]
    ahora = timezone.now()
    filas = []
    for i, persona in enumerate(equipo):
        for j, curso in enumerate(cursos):
            if (i + j) % 3 == 0:
                filas.append(
                    Matricula(
                        empleado=persona,
                        curso=curso,
                        origen="asignacion",
                        estado="completada",
                        completada_en=ahora - timedelta(days=(i * j) % 400),
                        iniciada_en=ahora - timedelta(days=400),
                        caduca_en=(
                            ahora + timedelta(days=((i + j) % 500) - 100)
                        ).date(),
                        obligatoria=True,
                    )
                )
            elif (i + j) % 3 == 1:
                filas.append(
                    Matricula(
                        empleado=persona,
                        curso=curso,
                        origen="asignacion",
                        estado="pendiente",
                        plazo=timezone.localdate() + timedelta(days=(i % 40) - 20),
                        obligatoria=True,
                    )
                )
    Matricula.objects.bulk_create(filas)
    yo = equipo[1]
    mia = Matricula.objects.get(empleado=yo, curso=cursos[0])
    ProgresoLeccion.objects.bulk_create(
        ProgresoLeccion(matricula=mia, leccion=le) for le in lecciones[:7]
    )
    return {"jefa": jefa, "yo": yo, "cursos": cursos, "lecciones": lecciones}


@pytest.mark.django_db
def test_consultas_acotadas_con_200_personas_y_20_cursos(
    client, volumen, django_assert_max_num_queries
):
    client.force_login(volumen["jefa"].usuario)
    with django_assert_max_num_queries(25):
        respuesta = client.get(reverse("formacion:equipo"))
    assert respuesta.status_code == 200 and len(respuesta.context["filas"]) == 200
    with django_assert_max_num_queries(25):
        assert (
            client.get(reverse("formacion:equipo_exportar", args=["csv"])).status_code
            == 200
        )
    client.force_login(volumen["yo"].usuario)
    with django_assert_max_num_queries(20):
        respuesta = client.get(reverse("formacion:mi_formacion"))
    assert (
        respuesta.status_code == 200
        and len(respuesta.context["asignadas"]) + len(respuesta.context["completadas"])
        > 5
    )
    with django_assert_max_num_queries(20):
        respuesta = client.get(volumen["cursos"][0].url)
    assert respuesta.status_code == 200 and len(respuesta.context["lecciones"]) == 15
    with django_assert_max_num_queries(25):
        respuesta = client.get(volumen["lecciones"][9].url)
    assert (
        respuesta.status_code == 200 and respuesta.context["progreso"]["n_hechas"] == 7
    )
    with django_assert_max_num_queries(20):
        respuesta = client.get(CursosIndexPage.objects.get().url)
    assert len(respuesta.context["cursos"]) == 20
    # The home page carries every app's panels: the shared ceiling applies
    # (tests/organizacion/test_consultas.py also checks it does not grow with volume).
    with django_assert_max_num_queries(MAXIMO_INICIO):
        assert client.get(reverse("inicio")).status_code == 200


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
