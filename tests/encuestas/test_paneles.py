import pytest
from django.urls import reverse

from encuestas import resumenes, services
from tests.factories import EmpleadoFactory, OficinaFactory, invitar

pytestmark = pytest.mark.django_db


def _respuestas(oficina, valores):
    for sat in valores:
        _, token = invitar(oficina)
        services.responder(token=token, datos={"SAT": str(sat)})
    resumenes.consolidar()  # what beat does every few seconds


def test_empleado_ve_la_satisfaccion_de_su_oficina_cuando_hay_muestra(client, settings):
    settings.ENCUESTAS_MIN_N_OFICINA = 4
    oficina = OficinaFactory(canales=["presencial"])
    _respuestas(oficina, [5, 4, 4, 1])
    _respuestas(OficinaFactory(canales=["presencial"]), [1, 1, 1, 1])
    empleado = EmpleadoFactory(oficina=oficina)
    client.force_login(empleado.usuario)
    html = client.get(reverse("inicio")).content.decode()
    assert "Valoración de la ciudadanía" in html
    assert "75 %" in html  # 3 of 4 answers are 4–5; the other office does not count
    assert "alertas nuevas" not in html


def test_con_poca_muestra_dice_muestra_insuficiente(client, settings):
    settings.ENCUESTAS_MIN_N_OFICINA = 30
    oficina = OficinaFactory(canales=["presencial"])
    _respuestas(oficina, [5, 5])
    empleado = EmpleadoFactory(oficina=oficina)
    client.force_login(empleado.usuario)
    html = client.get(reverse("inicio")).content.decode()
    assert "Muestra insuficiente: 2 respuestas" in html
    assert (
        "%" not in html.split("Valoración de la ciudadanía")[1].split("</section>")[0]
    )
