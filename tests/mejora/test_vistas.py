"""The views' glue (mejora/views/): each input goes through a form, each write
through a service, and wrong input gets the same clear 4xx as before."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from mejora import services, tasks
from mejora.models import (
    AccionMejora,
    Autoevaluacion,
    CartaServicios,
    Compromiso,
    Hallazgo,
    PlanMejora,
    PuntuacionFinal,
    PuntuacionIndividual,
    SeguimientoCompromiso,
    Subcriterio,
)
from tests.conftest import cliente_de

pytestmark = pytest.mark.django_db


@pytest.fixture
def c(client, datos, usuario_direccion):
    return cliente_de(client, usuario_direccion)


def _carta():
    return CartaServicios.objects.get(codigo="general")


def test_filtros_de_carta_y_de_plan_rechazan_lo_que_no_vale(c):
    url = reverse("mejora:carta", args=[_carta().pk])
    for anio in ("abc", "0", "-1"):
        r = c.get(f"{url}?anio={anio}")
        assert r.status_code == 400 and "Año no válido." in r.content.decode()
    assert c.get(f"{url}?anio=2026").status_code == 200
    plan = PlanMejora.objects.get(nombre="Plan 2026")
    assert c.get(reverse("mejora:plan") + "?plan=abc").status_code == 404
    assert c.get(reverse("mejora:plan") + "?plan=999999").status_code == 404
    r = c.get(reverse("mejora:plan") + f"?plan={plan.pk}")
    assert r.status_code == 200 and r.context["plan"] == plan


def test_causa_de_un_compromiso_se_guarda_y_se_sustituye(c):
    carta = _carta()
    compromiso = carta.compromisos.get()
    accion = AccionMejora.objects.get()
    url = reverse("mejora:carta", args=[carta.pk])
    datos_post = {
        "compromiso": compromiso.pk,
        "periodo": "2026-Q2",
        "causa": "Falta de personal",
        "acciones": [accion.pk],
    }
    r = c.post(url, datos_post)
    assert r.status_code == 302 and r["Location"] == f"{url}?anio=2026"
    c.post(url, {**datos_post, "causa": "Bajas en verano", "acciones": []})
    s = SeguimientoCompromiso.objects.get()
    assert s.causa == "Bajas en verano" and not s.acciones.exists()


def test_causa_con_compromiso_ajeno_o_periodo_no_valido(c, indicador_pruebas):
    carta = _carta()
    otra = CartaServicios.objects.create(
        codigo="otra", nombre="Otra", vigente_desde=date(2025, 1, 1)
    )
    ajeno = Compromiso.objects.create(
        carta=otra, texto="Ajeno", indicador=indicador_pruebas, objetivo=1
    )
    url = reverse("mejora:carta", args=[carta.pk])
    assert (
        c.post(url, {"compromiso": ajeno.pk, "periodo": "2026-Q2"}).status_code == 404
    )
    compromiso = carta.compromisos.get()
    for periodo in ("2026-Q9", ""):
        r = c.post(url, {"compromiso": compromiso.pk, "periodo": periodo})
        assert r.status_code == 400 and "Periodo no válido" in r.content.decode()
    r = c.post(
        url, {"compromiso": compromiso.pk, "periodo": "2026-Q2", "acciones": [0]}
    )
    assert r.status_code == 400 and "Revise la causa" in r.content.decode()
    assert not SeguimientoCompromiso.objects.exists()


def test_puntuaciones_individual_y_de_consenso_por_formulario(
    c, client, usuario_calidad, usuario_direccion
):
    a = services.crear_autoevaluacion(
        modelo=Autoevaluacion.objects.get().modelo,
        titulo="Autoevaluación abierta",
        periodo="2026-Q3",
        miembros=[usuario_direccion],
    )
    sub = Subcriterio.objects.get(criterio__modelo=a.modelo, identificador="7")
    de_otro_modelo = Subcriterio.objects.exclude(criterio__modelo=a.modelo).first()
    url = reverse("mejora:autoevaluacion", args=[a.pk])
    r = c.post(url, {"subcriterio": sub.pk, "puntuacion": 60})
    assert r.status_code == 302 and r["Location"].endswith(f"#s{sub.pk}")
    assert PuntuacionIndividual.objects.get(subcriterio=sub).puntuacion == 60
    r = c.post(url, {"final": "1", "subcriterio": sub.pk, "puntuacion": 55})
    assert r.status_code == 302
    assert PuntuacionFinal.objects.get(subcriterio=sub).puntuacion == 55
    assert (
        c.post(url, {"subcriterio": de_otro_modelo.pk, "puntuacion": 1}).status_code
        == 404
    )
    assert c.post(url, {"subcriterio": "x", "puntuacion": 1}).status_code == 404
    r = c.post(url, {"final": "1", "subcriterio": sub.pk, "puntuacion": 101})
    assert r.status_code == 400 and "entre 0 y 100" in r.content.decode()
    # Only members score individually; calidad is not one here.
    otro = cliente_de(client, usuario_calidad)
    assert otro.post(url, {"subcriterio": sub.pk, "puntuacion": 10}).status_code == 403


def test_hallazgo_inexistente_da_404_y_texto_vacio_400(c):
    h = Hallazgo.objects.create(
        tipo=Hallazgo.Tipo.AREA, texto="Esperas largas", periodo="2026-Q2"
    )
    url = reverse("mejora:hallazgos") + "?periodo=2026-Q2"
    for pk in (999999, "abc", ""):
        r = c.post(url, {"hallazgo": pk, "texto": "x", "estado": "aceptado"})
        assert r.status_code == 404
    r = c.post(url, {"hallazgo": h.pk, "texto": "", "estado": "aceptado"})
    assert r.status_code == 400 and "Revise el texto" in r.content.decode()
    h.refresh_from_db()
    assert h.texto == "Esperas largas" and h.estado == Hallazgo.Estado.PROPUESTO


def test_recalcular_encarga_el_recalculo_completo_al_confirmar(
    c, monkeypatch, django_capture_on_commit_callbacks
):
    encargos = []
    monkeypatch.setattr(
        tasks.recalcular_indicadores, "delay", lambda **kw: encargos.append(kw)
    )
    with django_capture_on_commit_callbacks(execute=True):
        r = c.post(reverse("mejora:recalcular"))
    assert r.status_code == 302
    periodos = services.periodos_por_defecto(timezone.localdate(), completo=True)
    assert encargos == [{"periodos": periodos, "codigos": None}]
