"""Every FileField of every installed app, as every role: a private file is read
only through the view of the page that shows it, by the roles that page admits,
and never under /media/ (Django serves media/ with DEBUG and in the pilot); its
stored name cannot be guessed. Public content (Wagtail images) stays public, and
a certificate's PDF is public through its verification code."""

import re
from pathlib import Path

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import FileField
from django.test import Client
from django.urls import reverse

from evaluacion import pdf as evaluacion_pdf
from evaluacion import services as evaluacion_services
from evaluacion.models import Evaluacion
from formacion import services as formacion_services
from formacion.models import Certificado
from mejora.models import Informe, ModeloCalidad
from organizacion.services.importacion import solicitar_importacion
from tests.evaluacion.conftest import enviada
from tests.factories import (
    CampanaFactory,
    EmpleadoFactory,
    OficinaFactory,
    UsuarioFactory,
    curso_con_lecciones,
)

pytestmark = pytest.mark.django_db

ROLES = (
    "anonimo",
    "titular",  # the person the file is about
    "empleado",  # a colleague of the same office
    "supervisor",  # the person's supervisor
    "supervisor_ajeno",  # another team's supervisor
    "direccion",
    "calidad",
    "dpd",
    "superusuario",
)
TODOS = frozenset(ROLES)
# A private file's name: its folder and 32 random hex digits.
NOMBRE_ALEATORIO = re.compile(r"^[a-z0-9/]+/[0-9a-f]{32}(\.[a-z0-9]+)?$")


@pytest.fixture
def personas(db):
    oficina = OficinaFactory()
    supervisora = EmpleadoFactory(
        usuario__roles=["empleado", "supervisor"], oficina=oficina
    )
    titular = EmpleadoFactory(oficina=oficina, supervisor=supervisora)
    calidad = EmpleadoFactory(usuario__roles=["empleado", "calidad"]).usuario
    calidad.is_staff = True
    calidad.save(update_fields=["is_staff"])
    usuarios = {
        "anonimo": None,
        "titular": titular.usuario,
        "empleado": EmpleadoFactory(oficina=oficina).usuario,
        "supervisor": supervisora.usuario,
        "supervisor_ajeno": EmpleadoFactory(
            usuario__roles=["empleado", "supervisor"]
        ).usuario,
        "direccion": EmpleadoFactory(usuario__roles=["empleado", "direccion"]).usuario,
        "calidad": calidad,
        "dpd": EmpleadoFactory(usuario__roles=["empleado", "dpd"]).usuario,
        "superusuario": UsuarioFactory(is_superuser=True, is_staff=True),
    }
    return {"oficina": oficina, "titular": titular, "usuarios": usuarios}


# --- One case per FileField: the row with its file, and who reads it where. ------
# Each returns (instance, field name, [(view URL, roles admitted)]).


def _evaluacion(p):
    campana = CampanaFactory(oficinas=[p["oficina"]])
    evaluacion_services.abrir_campana(campana=campana)
    ev = enviada(Evaluacion.objects.get(campana=campana, empleado=p["titular"]))
    evaluacion_pdf.guardar_pdf_evaluacion(ev.pk)  # the real renderer stores it
    ev.refresh_from_db()
    lectores = {"titular", "supervisor", "direccion", "superusuario"}
    return ev, "pdf", [(reverse("evaluacion:pdf", args=[ev.pk]), lectores)]


def _certificado(p):
    curso, lecciones, _preguntas = curso_con_lecciones(
        n_lecciones=1, tipo_certificado="asistencia"
    )
    matricula = formacion_services.matricular(
        empleado=p["titular"], curso=curso, origen="propia"
    )
    formacion_services.completar_leccion(matricula=matricula, leccion=lecciones[0])
    certificado = Certificado.objects.get(matricula=matricula)
    certificado = formacion_services.generar_pdf(certificado=certificado)
    lectores = {"titular", "supervisor", "direccion", "calidad", "superusuario"}
    return (
        certificado,
        "pdf",
        [
            (
                reverse("formacion:descargar_certificado", args=[certificado.pk]),
                lectores,
            ),
            # Public by design: whoever holds the verification code.
            (reverse("formacion:verificar_pdf", args=[certificado.codigo]), TODOS),
        ],
    )


def _expediente(p):
    expediente = formacion_services.solicitar_expediente(empleado=p["titular"])
    expediente = formacion_services.generar_pdf_expediente(expediente=expediente)
    lectores = {"titular", "supervisor", "direccion", "superusuario"}
    url = reverse("formacion:descargar_expediente", args=[expediente.pk])
    return expediente, "pdf", [(url, lectores)]


def _formacion_externa(p):
    formacion = formacion_services.registrar_formacion_externa(
        empleado=p["titular"],
        por=p["usuarios"]["supervisor"],
        titulo="Primeros auxilios",
        entidad="Cruz Roja",
        horas=8,
        modalidad="presencial",
        fecha_inicio="2026-03-02",
        fecha_fin="2026-03-03",
        evidencia=SimpleUploadedFile("diploma de Ana.pdf", b"%PDF-1.4 diploma"),
    )
    lectores = {"titular", "supervisor", "direccion", "calidad", "superusuario"}
    url = reverse("formacion:evidencia_externa", args=[formacion.pk])
    return formacion, "evidencia", [(url, lectores)]


def _informe(p):
    informe = Informe.objects.create(
        tipo="trimestral",
        periodo="2026-Q2",
        modelo=ModeloCalidad.objects.first(),
        estado="listo",
    )
    informe.archivo.save("informe.pdf", ContentFile(b"%PDF-1.4 informe"))
    lectores = {"direccion", "calidad", "superusuario"}
    return (
        informe,
        "archivo",
        [(reverse("mejora:informe_pdf", args=[informe.pk]), lectores)],
    )


def _importacion(p):
    importacion = solicitar_importacion(
        contenido=b"identificador;nombre\nN1;Ana\n", nombre="plantilla.csv"
    )
    # Read only by the import task: no view serves it.
    return importacion, "fichero", []


CASOS = {
    "evaluacion.Evaluacion.pdf": _evaluacion,
    "formacion.Certificado.pdf": _certificado,
    "formacion.Expediente.pdf": _expediente,
    "formacion.FormacionExterna.evidencia": _formacion_externa,
    "mejora.Informe.archivo": _informe,
    "organizacion.Importacion.fichero": _importacion,
}
# Wagtail's own files. Images are public content (nginx serves /media/images/);
# documents go through Wagtail's /documentos/ view, which applies collection
# privacy; uploads in progress and avatars are served by nobody.
DE_WAGTAIL = {
    "wagtailimages.Image.file": "público: imágenes de los cursos",
    "wagtailimages.Rendition.file": "público: miniaturas de esas imágenes",
    "wagtaildocs.Document.file": "por /documentos/ (privacidad de colecciones)",
    "wagtailcore.UploadedFile.file": "subida temporal del editor; nadie la sirve",
    "wagtailusers.UserProfile.avatar": "nadie la sirve",
}


def _campos_de_fichero() -> set[str]:
    return {
        f"{modelo._meta.label}.{campo.name}"
        for modelo in apps.get_models()
        for campo in modelo._meta.get_fields()
        if isinstance(campo, FileField)
    }


def test_cada_campo_de_fichero_tiene_su_caso():
    """A new FileField fails here until its case says who may read it."""
    assert _campos_de_fichero() == set(CASOS) | set(DE_WAGTAIL)


def _cliente(usuario) -> Client:
    cliente = Client()
    if usuario is not None:
        cliente.force_login(usuario)
    return cliente


def _cuerpo(respuesta) -> bytes:
    if getattr(respuesta, "streaming", False):
        return b"".join(respuesta.streaming_content)
    return respuesta.content


@pytest.mark.parametrize("caso", sorted(CASOS))
def test_cada_fichero_privado_solo_lo_leen_quienes_ven_su_pagina(
    caso, personas, media_servido, settings
):
    instancia, nombre_campo, vistas = CASOS[caso](personas)
    fichero = getattr(instancia, nombre_campo)
    assert fichero, caso
    with fichero.open("rb") as f:
        contenido = f.read()
    leido = {}
    for rol in ROLES:
        cliente = _cliente(personas["usuarios"][rol])
        for url, _admitidos in vistas:
            respuesta = cliente.get(url)
            puede = respuesta.status_code == 200 and _cuerpo(respuesta) == contenido
            leido[(url, rol)] = puede
            if puede:
                assert respuesta["Cache-Control"] == "private, no-store"
                assert respuesta["X-Content-Type-Options"] == "nosniff"
                assert respuesta["Content-Disposition"].startswith("attachment")
            else:
                assert respuesta.status_code in (302, 403, 404), (url, rol)
        for direccion in (
            f"/media/{fichero.name}",
            f"/media/../privado/{fichero.name}",
        ):
            respuesta = cliente.get(direccion)
            assert respuesta.status_code in (400, 404), (direccion, rol)
            assert contenido not in _cuerpo(respuesta)
    esperado = {
        (url, rol): rol in admitidos for url, admitidos in vistas for rol in ROLES
    }
    assert leido == esperado

    ruta = Path(fichero.path)
    # Stored outside MEDIA_ROOT, under a name that says nothing.
    assert ruta.is_relative_to(settings.PRIVATE_MEDIA_ROOT), ruta
    assert not ruta.is_relative_to(settings.MEDIA_ROOT), ruta
    assert NOMBRE_ALEATORIO.match(fichero.name), fichero.name
    with pytest.raises(AttributeError):
        fichero.url  # noqa: B018 - a private file has no public address


@pytest.mark.parametrize("caso", sorted(CASOS))
def test_el_admin_no_enlaza_ni_falla_con_un_fichero_privado(caso, personas):
    """A private file has no URL: the Django admin shows no /media/ link for it,
    and its pages still answer (no 500)."""
    from django.contrib import admin

    instancia, nombre_campo, _vistas = CASOS[caso](personas)
    if type(instancia) not in admin.site._registry:
        pytest.skip(f"{caso}: sin página en el admin de Django")
    fichero = getattr(instancia, nombre_campo)
    cliente = _cliente(personas["usuarios"]["superusuario"])
    opciones = instancia._meta
    for url in (
        reverse(f"admin:{opciones.app_label}_{opciones.model_name}_changelist"),
        reverse(
            f"admin:{opciones.app_label}_{opciones.model_name}_change",
            args=[instancia.pk],
        ),
    ):
        respuesta = cliente.get(url)
        assert respuesta.status_code == 200, url
        html = respuesta.content.decode()
        assert f"/media/{fichero.name}" not in html, url


def test_nada_privado_queda_bajo_media_root(personas, settings):
    for construir in CASOS.values():
        construir(personas)
    media = Path(settings.MEDIA_ROOT)
    restos = [p for p in media.rglob("*") if p.is_file()] if media.exists() else []
    assert restos == []


def test_las_imagenes_de_los_cursos_siguen_siendo_publicas(media_servido, settings):
    carpeta = Path(settings.MEDIA_ROOT) / "original_images"
    carpeta.mkdir(parents=True)
    (carpeta / "mostrador.png").write_bytes(b"png")
    (Path(settings.MEDIA_ROOT) / "documents").mkdir()
    (Path(settings.MEDIA_ROOT) / "documents" / "interno.pdf").write_bytes(b"%PDF")
    cliente = Client()
    respuesta = cliente.get("/media/original_images/mostrador.png")
    assert respuesta.status_code == 200 and _cuerpo(respuesta) == b"png"
    # Wagtail documents only through /documentos/, which checks their collection.
    assert cliente.get("/media/documents/interno.pdf").status_code == 404
