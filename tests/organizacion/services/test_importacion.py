"""The import runs as a task: its page shows the progress while it runs, the
report when it ends, and "interrupted" when its worker died."""

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from organizacion import selectors
from organizacion.models import Importacion

pytestmark = pytest.mark.django_db


@pytest.fixture
def cliente_calidad(client, usuario_calidad):
    client.force_login(usuario_calidad)
    return client


def _importacion(**campos):
    importacion = Importacion(nombre="empleados.csv", tipo="auto", **campos)
    importacion.fichero.save("empleados.csv", ContentFile(b"x;y\r\n"), save=False)
    importacion.save()
    return importacion


def test_el_fichero_subido_se_guarda_fuera_de_media(settings):
    importacion = _importacion()
    ruta = importacion.fichero.path
    assert ruta.startswith(str(settings.PRIVATE_MEDIA_ROOT))
    assert not ruta.startswith(str(settings.MEDIA_ROOT))


def test_en_curso_muestra_el_progreso_y_se_recarga(cliente_calidad):
    importacion = _importacion(
        estado=Importacion.Estado.PROCESANDO,
        progreso=40,
        etapa="Comprobando las filas",
        latido=timezone.now(),
    )
    url = reverse("admin:organizacion_empleado_importacion", args=[importacion.pk])
    html = cliente_calidad.get(url).content.decode()
    assert "Comprobando las filas" in html and "40" in html
    assert 'http-equiv="refresh"' in html
    assert "interrumpi" not in html


def test_sin_latido_reciente_se_muestra_interrumpida(cliente_calidad, settings):
    settings.GENERACION_LATIDO_UMBRAL_SEGUNDOS = 60
    importacion = _importacion(
        estado=Importacion.Estado.PROCESANDO,
        progreso=40,
        latido=timezone.now() - timedelta(minutes=5),
    )
    assert selectors.importacion_interrumpida(importacion)
    assert list(selectors.importaciones_interrumpidas()) == [importacion]
    url = reverse("admin:organizacion_empleado_importacion", args=[importacion.pk])
    html = cliente_calidad.get(url).content.decode()
    assert "interrumpi" in html
    assert 'http-equiv="refresh"' not in html


def test_otra_persona_sin_permiso_no_ve_la_importacion(client, usuario_direccion):
    importacion = _importacion()
    client.force_login(usuario_direccion)
    url = reverse("admin:organizacion_empleado_importacion", args=[importacion.pk])
    assert client.get(url).status_code in (302, 403)


def test_la_memoria_de_importar_no_crece_con_el_tamano_del_fichero():
    """Peak RSS of a fresh process importing (simulated) a 2 MB and an 8 MB
    file: read in a stream and checked keeping only keys per row, the larger
    file costs a few MB more, not its size many times over (issue 13, point 6)."""
    import json
    import subprocess
    import sys
    from pathlib import Path

    bench = Path(__file__).resolve().parents[3] / "bench"
    salida = subprocess.run(
        [sys.executable, str(bench / "organizacion_importacion_memoria.py")]
        + ["--json", "2", "8"],
        check=True,
        capture_output=True,
        text=True,
        timeout=600,
    ).stdout
    pequeno, grande = (json.loads(linea) for linea in salida.splitlines())
    assert grande["filas"] > 3.9 * pequeno["filas"]
    assert grande["pico_mb"] - pequeno["pico_mb"] < 40, (pequeno, grande)
