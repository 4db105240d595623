import pytest

from encuestas import services
from organizacion.models import Canal
from tests.encuestas.conftest import _secreto

pytestmark = pytest.mark.django_db


def test_la_administracion_muestra_una_vez_el_secreto_de_firma(admin_client, sede):
    r = admin_client.post(
        "/admin/encuestas/integracionapi/add/",
        {
            "nombre": "Sede nueva",
            "oficinas": [sede["oficina"].pk],
            "canales": [Canal.objects.get(codigo="telematico").pk],
            "activa": "on",
            "creada_en_0": "2026-11-30",
            "creada_en_1": "10:00:00",
        },
        follow=True,
    )
    assert r.status_code == 200
    nueva = services.IntegracionAPI.objects.get(nombre="Sede nueva")
    secreto = _secreto(nueva.prefijo)
    assert secreto in r.content.decode()
    assert (
        secreto
        not in admin_client.get(
            f"/admin/encuestas/integracionapi/{nueva.pk}/change/"
        ).content.decode()
    )
    assert list(nueva.oficinas.all()) == [sede["oficina"]]


def test_dar_de_alta_una_integracion_con_oficinas_y_canales_redirige_y_los_guarda(
    admin_client, sede
):
    telematico = Canal.objects.get(codigo="telematico")
    presencial = Canal.objects.get(codigo="presencial")
    r = admin_client.post(
        "/admin/encuestas/integracionapi/add/",
        {
            "nombre": "Sede con dos oficinas",
            "oficinas": [sede["oficina"].pk, sede["fuera"].pk],
            "canales": [telematico.pk, presencial.pk],
            "activa": "on",
            "creada_en_0": "2026-11-30",
            "creada_en_1": "10:00:00",
        },
    )
    assert r.status_code == 302
    nueva = services.IntegracionAPI.objects.get(nombre="Sede con dos oficinas")
    assert set(nueva.oficinas.all()) == {sede["oficina"], sede["fuera"]}
    assert set(nueva.canales.all()) == {telematico, presencial}
