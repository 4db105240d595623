import pytest

from evaluacion import services
from evaluacion.models import Evaluacion
from tests.factories import CampanaFactory, EmpleadoFactory, OficinaFactory


@pytest.fixture
def equipo(db):
    """An office: a coordinator above a head of office who supervises two people."""
    oficina = OficinaFactory(provincia="28", municipio="Madrid")
    coordinador = EmpleadoFactory(
        usuario__roles=["empleado", "supervisor"], oficina=oficina
    )
    jefa = EmpleadoFactory(
        usuario__roles=["empleado", "supervisor"],
        oficina=oficina,
        supervisor=coordinador,
    )
    ana = EmpleadoFactory(oficina=oficina, supervisor=jefa)
    luis = EmpleadoFactory(oficina=oficina, supervisor=jefa)
    return {
        "oficina": oficina,
        "coordinador": coordinador,
        "jefa": jefa,
        "ana": ana,
        "luis": luis,
    }


@pytest.fixture
def campana(equipo):
    c = CampanaFactory(oficinas=[equipo["oficina"]])
    services.abrir_campana(campana=c)
    return c


@pytest.fixture
def evaluacion_de_ana(campana, equipo) -> Evaluacion:
    return Evaluacion.objects.get(campana=campana, empleado=equipo["ana"])


def puntuar_todo(ev, nivel=3, evidencia="Observación directa en mostrador"):
    datos = {
        p.competencia_id: {"nivel": nivel, "evidencia": evidencia}
        for p in ev.puntuaciones.all()
    }
    return services.guardar_puntuaciones(
        evaluacion=ev, version=ev.version, datos=datos, por=ev.evaluador.usuario
    )


def enviada(ev, nivel=3):
    ev = puntuar_todo(ev, nivel)
    return services.enviar_evaluacion(
        evaluacion=ev, version=ev.version, por=ev.evaluador.usuario
    )


@pytest.fixture(autouse=True)
def _hash_rapido(settings):
    """Hashing passwords with PBKDF2 dominates these tests' time; the login itself is not under test."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
