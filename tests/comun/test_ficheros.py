"""Private storage: random names, no URL, downloads streamed by Django or handed
to nginx (X-Accel-Redirect), and the move of old public files."""

from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import Http404
from django.test import RequestFactory

from comun.ficheros import (
    AlmacenPrivado,
    RutaPrivada,
    almacen_privado,
    mover_a_privado,
    respuesta_privada,
)
from mejora.models import Informe, ModeloCalidad


def test_la_ruta_es_aleatoria_y_conserva_solo_la_extension():
    ruta = RutaPrivada("evaluacion")
    primera, segunda = ruta(None, "evaluacion-7-v3.PDF"), ruta(None, "x.pdf")
    assert primera != segunda
    assert primera.startswith("evaluacion/") and primera.endswith(".pdf")
    assert int(Path(primera).stem, 16) and len(Path(primera).stem) == 32
    assert ruta(None, "sin extension").count(".") == 0
    assert ruta(None, "raro.p?f").count(".") == 0


def test_el_almacen_privado_sigue_el_ajuste_y_no_tiene_url(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "otro"
    almacen = almacen_privado()
    assert isinstance(almacen, AlmacenPrivado)
    nombre = almacen.save("a/b.pdf", ContentFile(b"%PDF"))
    assert (tmp_path / "otro" / nombre).read_bytes() == b"%PDF"
    with pytest.raises(AttributeError):
        almacen.url(nombre)


@pytest.fixture
def fichero(settings):
    nombre = almacen_privado().save("mejora/informes/x.pdf", ContentFile(b"%PDF-1"))
    informe = Informe(archivo=nombre)
    return informe.archivo


def test_sin_prefijo_django_envia_el_fichero(fichero, settings):
    settings.PRIVATE_MEDIA_ACCEL_PREFIX = ""
    respuesta = respuesta_privada(RequestFactory().get("/"), fichero, "informe.pdf")
    assert b"".join(respuesta.streaming_content) == b"%PDF-1"
    assert respuesta["Content-Type"] == "application/pdf"
    assert respuesta["Content-Disposition"] == 'attachment; filename="informe.pdf"'
    assert respuesta["Cache-Control"] == "private, no-store"
    assert respuesta["X-Content-Type-Options"] == "nosniff"
    assert "X-Accel-Redirect" not in respuesta


def test_con_prefijo_nginx_envia_el_fichero(fichero, settings):
    settings.PRIVATE_MEDIA_ACCEL_PREFIX = "/_privado/"
    respuesta = respuesta_privada(
        RequestFactory().get("/"), fichero, "informe mejora ñ.pdf"
    )
    assert respuesta.content == b""
    assert respuesta["X-Accel-Redirect"] == f"/_privado/{fichero.name}"
    assert respuesta["Content-Type"] == "application/pdf"
    assert respuesta["Content-Disposition"].startswith("attachment; filename*=")
    assert respuesta["Cache-Control"] == "private, no-store"


@pytest.mark.parametrize("prefijo", ["", "/_privado"])
def test_un_fichero_que_falta_es_404(settings, prefijo):
    settings.PRIVATE_MEDIA_ACCEL_PREFIX = prefijo
    informe = Informe(archivo="mejora/informes/no-existe.pdf")
    with pytest.raises(Http404):
        respuesta_privada(RequestFactory().get("/"), informe.archivo, "i.pdf")
    with pytest.raises(Http404):
        respuesta_privada(RequestFactory().get("/"), Informe().archivo, "i.pdf")


@pytest.mark.django_db
def test_mover_a_privado_renombra_borra_el_publico_y_es_idempotente(
    settings, django_capture_on_commit_callbacks
):
    antiguo = default_storage.save(
        "mejora/informes/2026-Q2/informe-2026-Q2.pdf", ContentFile(b"%PDF-viejo")
    )
    informe = Informe.objects.create(
        tipo="trimestral", periodo="2026-Q2", modelo=ModeloCalidad.objects.first()
    )
    Informe.objects.filter(pk=informe.pk).update(archivo=antiguo)
    sin_fichero = Informe.objects.create(
        tipo="trimestral", periodo="2026-Q3", modelo=ModeloCalidad.objects.first()
    )

    with django_capture_on_commit_callbacks(execute=True):
        assert mover_a_privado(Informe, "archivo", "mejora/informes") == 1
    informe.refresh_from_db()
    assert informe.archivo.name != antiguo
    assert informe.archivo.name.startswith("mejora/informes/")
    assert informe.archivo.read() == b"%PDF-viejo"
    assert Path(informe.archivo.path).is_relative_to(settings.PRIVATE_MEDIA_ROOT)
    assert not default_storage.exists(antiguo)
    sin_fichero.refresh_from_db()
    assert not sin_fichero.archivo

    nombre = informe.archivo.name
    with django_capture_on_commit_callbacks(execute=True):
        assert mover_a_privado(Informe, "archivo", "mejora/informes") == 0
    informe.refresh_from_db()
    assert informe.archivo.name == nombre
