import pytest

from mejora.models import Informe
from tests.mejora.conftest import _generar

pytestmark = pytest.mark.django_db


def test_tarea_idempotente_y_version_superada_no_hace_nada(
    datos, usuario_direccion, django_capture_on_commit_callbacks
):
    inf = _generar(datos, usuario_direccion, django_capture_on_commit_callbacks)
    sha, nombre = inf.sha256, inf.archivo.name
    from mejora.tasks import generar_pdf_informe

    generar_pdf_informe(inf.pk, inf.version)  # run twice: same result
    generar_pdf_informe(inf.pk, inf.version - 1)  # an old message: ignored
    inf.refresh_from_db()
    assert (inf.sha256, inf.archivo.name, inf.estado) == (
        sha,
        nombre,
        Informe.Estado.LISTO,
    )
