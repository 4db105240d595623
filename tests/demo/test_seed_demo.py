"""`seed_demo` keeps the README's promises (demo users, evaluation and survey
contents) and the data's invariants: one valid certificate per person and course,
nothing dated after the moment of seeding. Seeded once for the whole module."""

from io import StringIO

import pytest
from django.conf import global_settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from encuestas.models import Alerta, Atencion, Invitacion, Kiosco, Respuesta
from evaluacion.models import Campana, Evaluacion
from formacion.models import Certificado

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def momento(django_db_setup, django_db_blocker):
    """Seeds inside a transaction that is rolled back after the module's tests."""
    with django_db_blocker.unblock():
        with transaction.atomic():
            antes = timezone.now()
            call_command("seed_demo", stdout=StringIO())
            yield antes
            transaction.set_rollback(True)


def test_la_contrasena_de_la_demo_sirve_para_entrar(momento, client, settings):
    # Seeded before the per-test fast hasher was set: Django's own hashers.
    settings.PASSWORD_HASHERS = global_settings.PASSWORD_HASHERS
    respuesta = client.post(
        "/cuenta/login/", {"username": "supervisor", "password": "Ventanilla2026!"}
    )
    assert respuesta.status_code == 302
    assert (
        client.post(
            "/cuenta/login/", {"username": "empleada", "password": "Ventanilla2026!"}
        ).status_code
        == 302
    )


def test_los_usuarios_del_readme_existen(momento):
    usuarios = get_user_model().objects
    for nombre in ("empleada", "supervisor", "direccion", "calidad", "coord-madrid"):
        assert usuarios.filter(username=nombre, is_active=True).exists(), nombre
    assert usuarios.get(username="admin").is_superuser


def test_la_evaluacion_de_la_demo_cumple_lo_que_promete_el_readme(momento):
    anuales = Campana.objects.filter(periodicidad="anual")
    assert anuales.count() == 2
    assert set(anuales.values_list("estado", flat=True)) == {"cerrada"}
    abierta = Campana.objects.get(periodicidad="semestral")
    assert abierta.estado == "abierta"
    en_abierta = Evaluacion.objects.filter(campana=abierta)
    # `supervisor` has her team's evaluations to score …
    assert en_abierta.filter(
        evaluador__usuario__username="supervisor",
        estado__in=["pendiente", "autoevaluacion", "en_evaluacion"],
    ).exists()
    # … `empleada` one sent, to acknowledge …
    assert en_abierta.get(empleado__usuario__username="empleada").estado == "enviada"
    # … and `coord-madrid` an appeal to review.
    alegadas = en_abierta.filter(
        revisor__usuario__username="coord-madrid", estado="alegada"
    )
    assert alegadas.count() >= 1
    assert all(ev.alegacion for ev in alegadas)


def test_cada_persona_tiene_como_mucho_un_certificado_valido_por_curso(momento):
    hoy = timezone.localdate()
    emitidos = Certificado.objects.filter(estado="emitido")
    assert emitidos.exists()
    vigentes = [c for c in emitidos if c.situacion(hoy) == "valido"]
    repetidos = {}
    for c in vigentes:
        repetidos.setdefault((c.empleado_id, c.curso_id), []).append(c.codigo)
    assert {k: v for k, v in repetidos.items() if len(v) > 1} == {}


def test_nada_de_la_demo_esta_fechado_despues_de_sembrarla(momento):
    ahora = timezone.now()
    assert Atencion.objects.count() >= 19_000
    assert not Atencion.objects.filter(fecha__gt=ahora).exists()
    assert not Respuesta.objects.filter(hora__gt=ahora).exists()
    assert not Respuesta.objects.filter(fecha__gt=timezone.localdate()).exists()
    assert not Invitacion.objects.filter(abierta_en__gt=ahora).exists()
    assert not Alerta.objects.filter(creada_en__gt=ahora).exists()
    assert not Alerta.objects.filter(cerrada_en__gt=ahora).exists()


def test_la_demo_de_encuestas_tiene_lo_prometido(momento):
    assert Respuesta.objects.count() > 3_000
    assert Alerta.objects.count() == 12
    assert Kiosco.objects.filter(activo=True).exists()
    por_oficina = Respuesta.objects.values("oficina").annotate(n=Count("id"))
    assert por_oficina.count() >= 10


def test_contenidos_es_una_portada_en_espanol_con_sus_secciones(momento, client):
    html = client.get("/contenidos/").content.decode()
    assert "<h1>Contenidos</h1>" in html
    assert "Cartas de servicios" in html
    assert "Welcome" not in html and "Wagtail" not in html
