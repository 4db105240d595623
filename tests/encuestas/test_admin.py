import json

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


def _lote(oficina):
    return {
        "atenciones": [
            {
                "oficina": oficina.codigo_dir3,
                "canal": "telematico",
                "fecha": "2026-11-20T10:15:00+01:00",
                "referencia": "CACHE-1",
            }
        ]
    }


def _enviar(client, clave, oficina):
    return client.post(
        "/api/v1/atenciones",
        json.dumps(_lote(oficina)),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {clave}",
    )


def _cambiar(admin_client, integracion, **campos):
    datos = {
        "nombre": integracion.nombre,
        "oficinas": [o.pk for o in integracion.oficinas.all()],
        "canales": [c.pk for c in integracion.canales.all()],
        "activa": "on" if integracion.activa else "",
        "creada_en_0": "2026-11-30",
        "creada_en_1": "10:00:00",
        **campos,
    }
    r = admin_client.post(
        f"/admin/encuestas/integracionapi/{integracion.pk}/change/", datos
    )
    assert r.status_code == 302, r.content


@pytest.fixture
def integracion_en_uso(client, sede):
    integracion, clave = services.crear_integracion(
        nombre="Gestor de colas",
        oficinas=[sede["oficina"]],
        canales=Canal.objects.filter(codigo="telematico"),
    )
    # A first request (an empty batch: nothing stored that would protect the
    # integration from deletion) leaves the key and its scope in the cache.
    r = client.post(
        "/api/v1/atenciones",
        json.dumps({"atenciones": []}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {clave}",
    )
    assert r.status_code == 422
    return integracion, clave


def test_desactivar_la_clave_en_el_formulario_surte_efecto_en_la_siguiente_peticion(
    admin_client, client, sede, integracion_en_uso
):
    integracion, clave = integracion_en_uso
    _cambiar(admin_client, integracion, activa="")
    assert _enviar(client, clave, sede["oficina"]).status_code == 401


def test_quitar_una_oficina_en_el_formulario_surte_efecto_en_la_siguiente_peticion(
    admin_client, client, sede, integracion_en_uso
):
    integracion, clave = integracion_en_uso
    _cambiar(admin_client, integracion, oficinas=[sede["fuera"].pk])
    r = _enviar(client, clave, sede["oficina"])
    assert r.status_code == 422, r.content
    assert "no tiene acceso a esta oficina" in r.content.decode()


def test_borrar_la_integracion_surte_efecto_en_la_siguiente_peticion(
    admin_client, client, sede, integracion_en_uso
):
    integracion, clave = integracion_en_uso
    r = admin_client.post(
        f"/admin/encuestas/integracionapi/{integracion.pk}/delete/", {"post": "yes"}
    )
    assert r.status_code == 302
    assert _enviar(client, clave, sede["oficina"]).status_code == 401


def test_quitar_la_integracion_desde_la_oficina_tambien_surte_efecto(
    client, sede, integracion_en_uso
):
    integracion, clave = integracion_en_uso
    sede["oficina"].integracionapi_set.remove(integracion)
    r = _enviar(client, clave, sede["oficina"])
    assert r.status_code == 422, r.content
    assert "no tiene acceso a esta oficina" in r.content.decode()
