from importlib import import_module
from importlib.util import find_spec

import pytest
from django.conf import settings
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from config.celery import app as celery_app
from tests.constantes import CLAVE_CONTACTO_PRUEBAS
from tests.factories import EmpleadoFactory, UsuarioFactory, con_rol

# Fails any test that checks nothing (always on, CI included).
pytest_plugins = ["tests.afirmaciones"]

# Property tests judge answers, not speed: on CI's two loaded cores one example
# can pass the default 200 ms deadline and fail a correct test.
hypothesis_settings.register_profile(
    "ci", deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
hypothesis_settings.load_profile("ci")


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
def _datos_iniciales(request):
    """A transactional test's flush empties every table, including what data
    migrations loaded (roles, channels, dictionaries): load it again, through
    each app's idempotent `datos_iniciales.cargar(apps)`."""
    if (
        "transactional_db" not in request.fixturenames
        and "live_server" not in request.fixturenames
    ):
        marker = request.node.get_closest_marker("django_db")
        if not (marker and marker.kwargs.get("transaction")):
            yield
            return
    request.getfixturevalue("transactional_db")
    from django.apps import apps
    from django.contrib.auth.models import Group

    if not Group.objects.filter(name="empleado").exists():
        for app_config in apps.get_app_configs():
            nombre = f"{app_config.name}.datos_iniciales"
            if app_config.path.startswith(str(settings.BASE_DIR)) and find_spec(nombre):
                import_module(nombre).cargar(apps)
    yield


@pytest.fixture(autouse=True)
def _registro_de_accesos_vaciable(request):
    """SQLite's flush after a transactional test is a DELETE, which the access
    log's trigger refuses (auditoria/sql.py): empty the log first, with the
    triggers lifted for that moment. PostgreSQL's flush is a TRUNCATE."""
    marker = request.node.get_closest_marker("django_db")
    if not (
        "transactional_db" in request.fixturenames
        or "live_server" in request.fixturenames
        or (marker and marker.kwargs.get("transaction"))
    ):
        yield
        return
    request.getfixturevalue("transactional_db")
    yield
    from django.db import connection

    from auditoria import sql

    if connection.vendor == "sqlite":
        sql.quitar(connection)
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {sql.TABLA}")
        sql.instalar(connection)


@pytest.fixture(autouse=True)
def _medios_temporales(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "privado"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    # A fixed key of the contact hashes, not the one generated in var/.
    settings.ENCUESTAS_CLAVE_CONTACTO = CLAVE_CONTACTO_PRUEBAS
    # Factories hash a password per user: a fast hasher keeps the suite quick.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


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


@pytest.fixture(params=[1, 3], ids=["N", "3N"])
def personal(request, db):
    """Staff, training and evaluations at N and 3N (offices × 3, people × 9: a
    supervisor's team and the whole organisation both grow): a bounded-query
    test using it asserts one ceiling for both."""
    from tests.factories.personal import organizacion_con_personal

    n = request.param
    org, datos, usuarios = organizacion_con_personal(
        oficinas=3 * n, personas=30 * n * n
    )
    return {"org": org, "datos": datos, "usuarios": usuarios, "n": n}
