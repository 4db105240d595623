import pytest
from django.test import Client

from evaluacion import services
from evaluacion.models import Evaluacion
from tests.factories import CampanaFactory, EmpleadoFactory, OficinaFactory, competencia


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


@pytest.fixture
def unidad(usuario_direccion):
    """Three heads of office with eight people each: one lenient, one severe, one central."""
    direccion = usuario_direccion.empleado
    oficinas, jefes = [], []
    for _i in range(3):
        oficina = OficinaFactory()
        jefe = EmpleadoFactory(
            oficina=oficina,
            supervisor=direccion,
            usuario__roles=["empleado", "supervisor"],
        )
        for _j in range(8):
            EmpleadoFactory(oficina=oficina, supervisor=jefe)
        oficinas.append(oficina)
        jefes.append(jefe)
    campana = CampanaFactory(oficinas=oficinas)
    services.abrir_campana(campana=campana)
    pautas = {
        jefes[0].pk: [5, 5, 4, 5, 4, 5, 5],
        jefes[1].pk: [1, 2, 2, 1, 2, 2, 1],
        jefes[2].pk: [3] * 7,
    }
    # Seven of eight sent per head; the heads' own evaluations (by dirección) stay unsent.
    evaluaciones = [
        ev
        for jefe in jefes
        for ev in Evaluacion.objects.filter(campana=campana, evaluador=jefe).order_by(
            "pk"
        )[:7]
    ]
    for ev in evaluaciones:
        niveles = pautas[ev.evaluador_id]
        datos = {
            p.competencia_id: {"nivel": niveles[k], "evidencia": "Escucha de llamadas"}
            for k, p in enumerate(ev.puntuaciones.order_by("orden"))
        }
        ev = services.guardar_puntuaciones(
            evaluacion=ev, version=ev.version, datos=datos, por=None
        )
        services.enviar_evaluacion(evaluacion=ev, version=ev.version, por=None)
    return {
        "campana": campana,
        "jefes": jefes,
        "oficinas": oficinas,
        "direccion": usuario_direccion,
    }


@pytest.fixture
def actores(equipo, usuario_direccion, usuario_calidad):
    otra = EmpleadoFactory(usuario__roles=["empleado", "supervisor"])
    return {
        "ana": equipo["ana"].usuario,
        "luis": equipo["luis"].usuario,
        "jefa": equipo["jefa"].usuario,
        "coordinador": equipo["coordinador"].usuario,
        "direccion": usuario_direccion,
        "calidad": usuario_calidad,
        "otra_supervisora": otra.usuario,
        "anonimo": None,
    }


@pytest.fixture
def con_brecha(evaluacion_de_ana):
    ev = evaluacion_de_ana
    c1 = competencia("C1")
    datos = {p.competencia_id: {"nivel": 3} for p in ev.puntuaciones.all()}
    datos[c1.pk] = {"nivel": 2}
    ev = services.guardar_puntuaciones(
        evaluacion=ev, version=ev.version, datos=datos, por=None
    )
    return services.enviar_evaluacion(evaluacion=ev, version=ev.version, por=None)


def _estado(usuario, metodo, url, datos=None):
    cliente = Client()
    if usuario is not None:
        cliente.force_login(usuario)
    return getattr(cliente, metodo)(url, datos or {}).status_code
