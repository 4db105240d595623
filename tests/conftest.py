import pytest
from django.conf import settings

from config.celery import app as celery_app
from tests.factories import EmpleadoFactory, UsuarioFactory, con_rol


@pytest.fixture(autouse=True)
def _celery_en_proceso(request):
    """Unit tests run tasks in-process; integration tests opt out with the marker."""
    if request.node.get_closest_marker("integration"):
        yield
        return
    anterior = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    celery_app.conf.task_eager_propagates = True
    yield
    celery_app.conf.task_always_eager = anterior


@pytest.fixture(autouse=True)
def _medios_temporales(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def empleado(db):
    return EmpleadoFactory()


@pytest.fixture
def supervisor(db):
    """A supervisor with two direct reports, one of whom supervises a third person."""
    jefe = EmpleadoFactory(usuario__roles=["empleado", "supervisor"])
    return jefe


@pytest.fixture
def usuario_direccion(db):
    return EmpleadoFactory(usuario__roles=["empleado", "direccion"]).usuario


@pytest.fixture
def usuario_calidad(db):
    usuario = EmpleadoFactory(usuario__roles=["empleado", "calidad"]).usuario
    usuario.is_staff = True
    usuario.save(update_fields=["is_staff"])
    return usuario


@pytest.fixture
def usuario_sin_rol(db):
    return UsuarioFactory()


def cliente_de(client, usuario):
    client.force_login(usuario)
    return client


__all__ = ["settings", "con_rol", "cliente_de"]
