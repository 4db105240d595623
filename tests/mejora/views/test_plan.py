import pytest
from django.urls import reverse

from mejora.models import CartaServicios, Hallazgo, PlanMejora

pytestmark = pytest.mark.django_db


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
