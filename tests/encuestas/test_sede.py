"""Ballot-box integrity of the online channel: signed sede links, scanners that
open links, one response per procedure, and the counter QR."""

import hashlib
import hmac
import re
import shutil
import subprocess
import time
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.conf import settings as settings_django
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from encuestas import services
from encuestas.models import Atencion, EmbudoDiario, Invitacion, Respuesta
from organizacion.models import Canal
from tests.encuestas.conftest import _secreto
from tests.factories import SAT_ALTA, EmpleadoFactory, OficinaFactory, invitar

pytestmark = pytest.mark.django_db


ENVIO = {"paso": "1", **SAT_ALTA}


def _enlace(
    prefijo,
    dir3,
    resultado="resuelta",
    ref="a1b2c3d4e5f6a7b8",
    exp=None,
    servicio="",
    firma=None,
    secreto=None,
):
    """The documented algorithm, written again here on purpose: a sede implements
    it from docs/enlace_sede.md, not from our code."""
    exp = int(time.time()) + 3600 if exp is None else exp
    mensaje = f"v1|{prefijo}|{dir3}|{resultado}|{servicio}|{ref}|{exp}"
    if firma is None:
        clave = (secreto or _secreto(prefijo)).encode()
        firma = hmac.new(clave, mensaje.encode(), hashlib.sha256).hexdigest()
    parametros = {"integracion": prefijo, "ref": ref, "exp": exp, "firma": firma}
    if servicio:
        parametros["servicio"] = servicio
    return f"/e/sede/{dir3}/{resultado}/?{urlencode(parametros)}"


def _filas():
    return (
        Atencion.objects.count(),
        Invitacion.objects.count(),
        Respuesta.objects.count(),
        list(EmbudoDiario.objects.values_list("ofrecidas", "abiertas", "completadas")),
    )


def _caso(sede, nombre):
    integracion, oficina = sede["integracion"], sede["oficina"]
    p, d = integracion.prefijo, oficina.codigo_dir3
    buena = _enlace(p, d)
    if nombre == "firma_alterada":
        return _enlace(p, d, firma="0" * 64)
    if nombre == "resultado_cambiado":
        return buena.replace("/resuelta/", "/error/")
    if nombre == "referencia_cambiada":
        return buena.replace("ref=a1b2", "ref=ffff")
    if nombre == "caducado":
        return _enlace(p, d, exp=int(time.time()) - 1)
    if nombre == "exp_alargada":
        return buena.replace("exp=", "exp=9")
    if nombre == "integracion_desconocida":
        return _enlace("ffffffff", d, secreto="x" * 64)
    if nombre == "secreto_de_otra":
        return _enlace(p, d, secreto=_secreto("ffffffff"))
    if nombre == "revocada":
        services.revocar_integracion(integracion=integracion)
        return buena
    if nombre == "oficina_fuera_de_alcance":
        return _enlace(p, sede["fuera"].codigo_dir3)
    if nombre == "canal_fuera_de_alcance":
        integracion.canales.set(Canal.objects.filter(codigo="presencial"))
        return buena
    if nombre == "oficina_inexistente":
        return _enlace(p, "X0000000")
    if nombre == "resultado_inexistente":
        return _enlace(p, d, resultado="inventado")
    if nombre == "servicio_inexistente":
        return _enlace(p, d, servicio="NOEXISTE")
    if nombre == "exp_no_numerica":
        return buena.replace("exp=", "exp=x")
    if nombre == "sin_firma":
        return buena.split("&firma=")[0]
    raise AssertionError(nombre)


@pytest.fixture
def empleada():
    return EmpleadoFactory(oficina=OficinaFactory(canales=["presencial", "telematico"]))


def test_veinte_visitas_anonimas_al_enlace_antiguo_no_crean_ninguna_respuesta(
    client, sede
):
    oficina = sede["oficina"]
    for _ in range(20):
        r = client.get(f"/e/sede/{oficina.codigo_dir3}/resuelta/")
        if r.status_code == 303:
            client.post(r["Location"], ENVIO)
    assert Respuesta.objects.count() == 0 and Atencion.objects.count() == 0
    assert r.status_code == 410
    assert "firmado" in r.content.decode()


def test_un_escaner_que_abre_el_enlace_firmado_no_crea_ni_cuenta_nada(client, sede):
    url = _enlace(sede["integracion"].prefijo, sede["oficina"].codigo_dir3)
    antes = _filas()
    for _ in range(5):
        r = client.get(url)
        assert r.status_code == 200
        assert 'method="post"' in r.content.decode()
        assert not r.cookies  # nothing to set on a citizen's browser
        assert client.head(url).status_code == 200
    assert _filas() == antes == (0, 0, 0, [])


def test_valorar_crea_la_atencion_cuenta_ofrecida_y_lleva_a_la_encuesta(client, sede):
    url = _enlace(
        sede["integracion"].prefijo, sede["oficina"].codigo_dir3, "abandonada"
    )
    r = client.post(url + "&idioma=en")
    assert r.status_code == 303 and r["Location"].startswith("/e/")
    assert not r.cookies
    atencion = Atencion.objects.get()
    assert (
        atencion.integracion == sede["integracion"]
        and atencion.referencia_externa == "a1b2c3d4e5f6a7b8"
        and atencion.resultado == "abandonada"
        and atencion.canal.codigo == "telematico"
        and atencion.invitacion.medio == Invitacion.Medio.ENLACE
    )
    assert list(EmbudoDiario.objects.values_list("ofrecidas", "abiertas")) == [(1, 0)]
    r = client.get(r["Location"])
    assert r.status_code == 200 and "I am satisfied" in r.content.decode()


def test_abrir_la_encuesta_no_cuenta_abierta_hasta_el_primer_envio(client, sede):
    registro, token = invitar(sede["oficina"])
    for _ in range(3):
        assert client.get(f"/e/{token}/").status_code == 200
        assert client.head(f"/e/{token}/").status_code in (200, 405)
    invitacion = Invitacion.objects.get(pk=registro.invitacion.pk)
    assert invitacion.abierta_en is None and invitacion.estado == "enviada"
    assert sum(EmbudoDiario.objects.values_list("abiertas", flat=True)) == 0
    client.post(f"/e/{token}/", {"paso": "1", "SAT": "99"})  # a person, with an error
    client.post(f"/e/{token}/", {"paso": "1", "SAT": "99"})
    assert sum(EmbudoDiario.objects.values_list("abiertas", flat=True)) == 1
    assert Invitacion.objects.get(pk=registro.invitacion.pk).estado == "abierta"


def test_la_misma_referencia_dos_veces_da_una_sola_respuesta(client, sede):
    url = _enlace(sede["integracion"].prefijo, sede["oficina"].codigo_dir3)
    primera = client.post(url)["Location"]
    assert client.post(url)["Location"] == primera  # pending: the same survey
    assert client.post(primera, ENVIO).status_code == 200
    r = client.post(url)
    assert r.status_code == 409 and "ya se ha respondido" in r.content.decode()
    assert client.post(primera, ENVIO).status_code == 409
    assert Respuesta.objects.count() == 1 and Atencion.objects.count() == 1
    assert sum(EmbudoDiario.objects.values_list("ofrecidas", flat=True)) == 1


@pytest.mark.parametrize(
    ("nombre", "estado"),
    [
        ("firma_alterada", 403),
        ("resultado_cambiado", 403),
        ("referencia_cambiada", 403),
        ("caducado", 410),
        ("exp_alargada", 403),
        ("integracion_desconocida", 403),
        ("secreto_de_otra", 403),
        ("revocada", 403),
        ("oficina_fuera_de_alcance", 403),
        ("canal_fuera_de_alcance", 403),
        ("oficina_inexistente", 404),
        ("resultado_inexistente", 404),
        ("servicio_inexistente", 404),
        ("exp_no_numerica", 403),
        ("sin_firma", 403),
    ],
)
def test_enlace_manipulado_caducado_o_ajeno_da_4xx_claro_y_no_crea_nada(
    client, sede, nombre, estado
):
    url = _caso(sede, nombre)
    for metodo in (client.get, client.post):
        r = metodo(url)
        assert r.status_code == estado, (nombre, r.status_code)
        assert r["Content-Type"].startswith("text/html")
    assert "Valore" not in client.get(url + "&idioma=en").content.decode()
    assert _filas() == (0, 0, 0, [])


def test_los_mensajes_de_error_del_enlace_salen_en_el_idioma_pedido(client, sede):
    url = _enlace(sede["integracion"].prefijo, sede["oficina"].codigo_dir3, exp=1)
    r = client.get(url + "&idioma=en")
    assert r.status_code == 410 and 'lang="en"' in r.content.decode()
    assert "expired" in r.content.decode()


@hsettings(max_examples=80, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    params=st.dictionaries(
        st.sampled_from(["integracion", "ref", "exp", "firma", "servicio", "idioma"]),
        st.text(max_size=80),
        max_size=6,
    ),
    dir3=st.text(
        alphabet=st.characters(blacklist_categories=["Cs"], blacklist_characters="/"),
        min_size=1,
        max_size=12,
    ),
    resultado=st.sampled_from(["resuelta", "error", "x", "abandonada"]),
    metodo=st.sampled_from(["get", "post", "head"]),
)
def test_fuzz_enlace_de_sede_nunca_5xx_ni_escribe(
    client, sede, settings, params, dir3, resultado, metodo
):
    settings.ENCUESTAS_IP_LIMITE = (0, 60)
    from django.urls import NoReverseMatch, reverse

    try:
        ruta = reverse("e:sede", args=[dir3, resultado])
    except NoReverseMatch:
        return
    r = getattr(client, metodo)(ruta + "?" + urlencode(params))
    assert 400 <= r.status_code < 500, (params, r.status_code)
    assert Atencion.objects.count() == 0


def test_respuesta_enviada_con_sesion_de_personal_no_cuenta(client, empleada):
    client.force_login(empleada.usuario)
    r = client.post("/encuestas/invitar/", {"canal": "presencial"})
    token = r.context["token"]
    assert client.post(f"/e/{token}/", ENVIO).status_code == 200
    respuesta = Respuesta.objects.get()
    assert not respuesta.reportable
    assert respuesta.motivo_no_reportable == "sesion_personal"


def test_respuesta_anonima_del_qr_si_cuenta(client, empleada):
    _registro, token = invitar(empleada.oficina)
    client.cookies["sessionid"] = "inventada"  # a stale cookie is not a session
    assert client.post(f"/e/{token}/", ENVIO).status_code == 200
    assert Respuesta.objects.get().reportable


def test_limite_de_qr_por_empleado_y_hora(client, empleada, settings):
    settings.ENCUESTAS_QR_POR_HORA = 2
    client.force_login(empleada.usuario)
    for _ in range(2):
        assert (
            client.post("/encuestas/invitar/", {"canal": "presencial"}).status_code
            == 200
        )
    r = client.post("/encuestas/invitar/", {"canal": "presencial"})
    assert r.status_code == 429 and "hora" in r.content.decode()
    assert Invitacion.objects.count() == 2
    otra = EmpleadoFactory(oficina=empleada.oficina)
    client.force_login(otra.usuario)
    assert (
        client.post("/encuestas/invitar/", {"canal": "presencial"}).status_code == 200
    )


def test_qr_de_mostrador_caduca_el_mismo_dia(client, empleada, settings):
    client.force_login(empleada.usuario)
    client.post("/encuestas/invitar/", {"canal": "presencial"})
    invitacion = Invitacion.objects.get()
    assert timezone.localdate(invitacion.caduca_en - timedelta(seconds=1)) == (
        timezone.localdate()
    )
    settings.ENCUESTAS_QR_CADUCIDAD_HORAS = 2
    client.post("/encuestas/invitar/", {"canal": "presencial"})
    nueva = Invitacion.objects.order_by("-pk").first()
    assert nueva.caduca_en - timezone.now() <= timedelta(hours=2)
    assert nueva.caduca_en - timezone.now() > timedelta(hours=1, minutes=59)


def test_las_visitas_al_quiosco_no_crean_nada(client, empleada):
    kiosco, secreto = services.crear_kiosco(
        oficina=empleada.oficina,
        canal=Canal.objects.get(codigo="presencial"),
        nombre="Salida",
    )
    client.post(f"/quiosco/{kiosco.pk}/registrar/", {"s": secreto})
    for _ in range(5):
        assert client.get(f"/quiosco/{kiosco.pk}/").status_code == 200
        assert client.head(f"/quiosco/{kiosco.pk}/").status_code in (200, 405)
        client.get(f"/quiosco/{kiosco.pk}/registrar/?s={secreto}")
    assert _filas() == (0, 0, 0, [])


@pytest.mark.skipif(shutil.which("openssl") is None, reason="sin openssl")
def test_el_ejemplo_de_shell_de_la_documentacion_firma_un_enlace_valido(client, sede):
    texto = (Path(settings_django.BASE_DIR) / "docs" / "enlace_sede.md").read_text()
    guion = re.findall(r"```sh\n(.*?)```", texto, re.S)[-1]
    oficina, integracion = sede["oficina"], sede["integracion"]
    guion = (
        guion.replace("PREFIJO=1a2b3c4d", f"PREFIJO={integracion.prefijo}")
        .replace(
            "SECRETO=…64 caracteres hexadecimales…",
            "SECRETO=" + _secreto(integracion.prefijo),
        )
        .replace("DIR3=O00009003", f"DIR3={oficina.codigo_dir3}")
    )
    salida = subprocess.run(
        ["bash", "-c", guion], capture_output=True, text=True, check=True
    ).stdout.strip()
    ruta = "/" + salida.split("://", 1)[1].split("/", 1)[1]
    assert client.get(ruta).status_code == 200
    assert client.post(ruta).status_code == 303
    assert Atencion.objects.get().oficina == oficina


def test_el_ejemplo_de_python_de_la_documentacion_firma_un_enlace_valido(client, sede):
    texto = (Path(settings_django.BASE_DIR) / "docs" / "enlace_sede.md").read_text()
    codigo = re.findall(r"```python\n(.*?)```", texto, re.S)[-1]
    integracion = sede["integracion"]
    espacio: dict = {}
    exec(  # noqa: S102 - our own documentation, run to prove it right
        codigo.replace("1a2b3c4d", integracion.prefijo).replace(
            "…64 caracteres hexadecimales…", _secreto(integracion.prefijo)
        ),
        espacio,
    )
    url = espacio["enlace"](sede["oficina"].codigo_dir3, "error", "EXP-9")
    ruta = "/" + url.split("://", 1)[1].split("/", 1)[1]
    assert client.get(ruta).status_code == 200
    assert client.post(ruta).status_code == 303
    assert Atencion.objects.get().resultado == "error"
