"""Suppression that suppresses: below the minimum n no value, no interval, no
derived figure, on the page, the API, the exports and the home panel; and the
organisation total minus the visible offices never gives a hidden office away.

Every expected figure is computed by hand from the raw answers written here."""

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from encuestas import resumenes, selectors, services
from encuestas.models import EmbudoDiario
from organizacion.models import Canal
from tests.factories import EmpleadoFactory, OficinaFactory, invitar, responder_con

pytestmark = pytest.mark.django_db


def _sat(oficina, valores, canal="presencial"):
    for v in valores:
        responder_con(oficina, {"SAT": str(v)}, canal=canal, consolidar=False)
    resumenes.consolidar()


@pytest.fixture
def tres_oficinas(settings):
    """Minimum n 5. Pequeña: 4 answers, 3 of them 4–5 → 75,0 % (IC 30,1–95,4),
    below the minimum. Media: 6 answers, 4 of them 4–5 → 66,7 % (IC 30,0–90,3).
    Grande: 8 answers, 7 of them 4–5 → 87,5 % (IC 52,9–97,8).
    Organisation: 14 of 18 → 77,8 % (IC 54,8–91,0): 14 − 4 − 7 = 3 of 4 would give
    Pequeña away if Media were shown."""
    settings.ENCUESTAS_MIN_N_OFICINA = 5
    pequena = OficinaFactory(nombre="Oficina Pequeña", canales=["presencial"])
    media = OficinaFactory(nombre="Oficina Media", canales=["presencial"])
    grande = OficinaFactory(nombre="Oficina Grande", canales=["presencial"])
    _sat(pequena, [5, 5, 4, 2])
    _sat(media, [5, 5, 4, 4, 1, 2])
    _sat(grande, [5, 5, 5, 5, 5, 4, 4, 3])
    direccion = EmpleadoFactory(
        oficina=grande, usuario__roles=["empleado", "direccion"]
    )
    return {
        "pequena": pequena,
        "media": media,
        "grande": grande,
        "direccion": direccion,
    }


OCULTAS = ("75,0", "30,1", "95,4", "66,7", "90,3", "30,0")


def test_celda_suprimida_no_muestra_valor_ni_intervalo_ni_se_deduce_por_diferencia(
    client, tres_oficinas
):
    client.force_login(tres_oficinas["direccion"].usuario)
    html = client.get("/encuestas/").content.decode()
    assert "77,8" in html and "54,8" in html and "91,0" in html  # organisation
    assert "87,5" in html and "52,9" in html and "97,8" in html  # Grande
    for cifra in OCULTAS:
        assert cifra not in html, cifra
    assert "n = 4" in html and "n = 6" in html  # n stays, the value does not
    assert "n = 6: oculto para que no se deduzca" in html  # Media, the complement
    assert "supresión complementaria" in html


def test_complementaria_por_canal_en_el_selector(settings):
    """Presencial 6 × SAT 5, telefónico SAT 1 and 5 (n = 2 < 5), telemático 7 × 5:
    the total minus presencial and telemático would give telefónico (1 of 2)."""
    settings.ENCUESTAS_MIN_N_OFICINA = 5
    oficina = OficinaFactory(canales=["presencial", "telefonico", "telematico"])
    _sat(oficina, [5] * 6)
    _sat(oficina, [1, 5], canal="telefonico")
    _sat(oficina, [5] * 7, canal="telematico")
    hoy = timezone.localdate()
    datos = selectors.panel(
        minimo=5, desde=hoy - timedelta(days=7), hasta=hoy, oficina_ids=[oficina.pk]
    )
    canales = {c.pk: c.codigo for c in Canal.objects.all()}
    por_canal = {canales[k]: m["csat"] for k, m in datos["por_canal"].items()}
    assert por_canal["telefonico"]["valor"] is None
    assert por_canal["telefonico"]["suprimido"] and por_canal["telefonico"]["n"] == 2
    # presencial (n = 6) is the smallest visible cell: suppressed as a complement
    assert por_canal["presencial"]["valor"] is None
    assert por_canal["presencial"]["ic_inf"] is None
    assert por_canal["presencial"]["complementaria"]
    assert por_canal["telematico"]["valor"] == 100.0  # 7 of 7
    assert datos["resumen"]["metricas"]["csat"]["valor"] == pytest.approx(
        100 * 14 / 15
    )  # 14 of 15


def test_api_resultados_suprime_y_complementa(client, tres_oficinas):
    integracion, clave = services.crear_integracion(
        nombre="Cuadro externo",
        oficinas=[tres_oficinas[k] for k in ("pequena", "media", "grande")],
        canales=Canal.objects.filter(codigo="presencial"),
    )
    hoy = timezone.localdate()
    r = client.get(
        "/api/v1/resultados",
        {"desde": hoy - timedelta(days=7), "hasta": hoy},
        HTTP_AUTHORIZATION=f"Bearer {clave}",
    )
    assert r.status_code == 200
    filas = {o["oficina"]: o for o in r.json()["oficinas"]}
    pequena = filas[tres_oficinas["pequena"].codigo_dir3]
    media = filas[tres_oficinas["media"].codigo_dir3]
    grande = filas[tres_oficinas["grande"].codigo_dir3]
    for fila in (pequena, media):
        for clave_m in ("csat", "satisfaccion_media", "tasa_respuesta"):
            assert fila[clave_m]["valor"] is None, clave_m
            assert fila[clave_m]["ic_inf"] is None and fila[clave_m]["ic_sup"] is None
            assert fila[clave_m]["suprimido"]
        # completions would be the rate's numerator: not given below the minimum
        assert fila["completadas"] is None
    assert grande["csat"]["valor"] == 87.5 and grande["csat"]["n"] == 8
    assert grande["tasa_respuesta"]["valor"] == 100.0
    texto = r.content.decode()
    for cifra in ("75.0", "66.67", "30.06", "95.44", "30.0,", "90.32"):
        assert cifra not in texto, cifra


def _csv(respuesta):
    return list(
        csv.reader(
            io.StringIO(b"".join(respuesta.streaming_content).decode("utf-8-sig")),
            delimiter=";",
        )
    )


def test_exportacion_omite_las_oficinas_suprimidas_y_su_complemento(
    client, tres_oficinas
):
    client.force_login(tres_oficinas["direccion"].usuario)
    r = client.get("/encuestas/exportar.csv")
    assert r.status_code == 200
    filas = _csv(r)
    oficinas = {f[2] for f in filas[1:]}
    assert oficinas == {tres_oficinas["grande"].codigo_dir3}
    assert len(filas) == 1 + 8
    html = client.get("/encuestas/").content.decode()
    assert "La exportación omite" in html and "Oficina Pequeña" in html


def test_exportacion_deja_en_blanco_la_pregunta_suprimida(client, settings):
    """6 answers SAT 5 (published, n = 6 ≥ 5); only 2 of them answer TRATO (4 and 2:
    50,0 %, n = 2 < 5). The rows would give TRATO back: its column is blank."""
    settings.ENCUESTAS_MIN_N_OFICINA = 5
    oficina = OficinaFactory(canales=["presencial"])
    for datos in (
        {"SAT": "5", "TRATO": "4"},
        {"SAT": "5", "TRATO": "2"},
        *[{"SAT": "5"}] * 4,
    ):
        responder_con(oficina, datos, consolidar=False)
    resumenes.consolidar()
    direccion = EmpleadoFactory(
        oficina=oficina, usuario__roles=["empleado", "direccion"]
    )
    client.force_login(direccion.usuario)
    filas = _csv(client.get("/encuestas/exportar.csv"))
    sat, trato = filas[0].index("SAT"), filas[0].index("TRATO")
    assert len(filas) == 7
    assert [f[sat] for f in filas[1:]] == ["5"] * 6
    assert [f[trato] for f in filas[1:]] == [""] * 6


def test_exportacion_de_una_oficina_pequena_se_rechaza_con_mensaje(
    client, tres_oficinas
):
    client.force_login(tres_oficinas["direccion"].usuario)
    for url in ("/encuestas/exportar.csv", "/encuestas/exportar.xlsx"):
        r = client.get(url, {"oficina": tres_oficinas["pequena"].pk})
        assert r.status_code == 400
        html = r.content.decode()
        assert "Oficina Pequeña" in html and "mínimo" in html


def test_panel_de_inicio_no_publica_la_tasa_con_pocas_invitaciones(client, settings):
    """30 kiosk taps reach the CSAT minimum, but only 2 invitations were offered:
    the response rate (1 of 2) has n = 2 and must not be shown."""
    settings.ENCUESTAS_MIN_N_OFICINA = 30
    oficina = OficinaFactory(canales=["presencial"])
    kiosco, _ = services.crear_kiosco(
        oficina=oficina, canal=Canal.objects.get(codigo="presencial"), nombre="K"
    )
    settings.ENCUESTAS_QUIOSCO_RAFAGA = (1000, 30)
    for _i in range(30):
        services.responder_quiosco(kiosco=kiosco, cara=4)
    responder_con(oficina, {"SAT": "5", "FAC": "6"})
    invitar(oficina)
    empleado = EmpleadoFactory(oficina=oficina)
    client.force_login(empleado.usuario)
    html = client.get(reverse("inicio")).content.decode()
    panel = html.split("Valoración de la ciudadanía")[1].split("</section>")[0]
    assert "100 %" in panel  # CSAT 31 of 31
    assert "50 %" not in panel


def test_mi_valoracion_sin_intervalo_bajo_el_minimo(client, settings):
    settings.ENCUESTAS_MIN_N_EMPLEADO = 10
    oficina = OficinaFactory(canales=["presencial"])
    empleada = EmpleadoFactory(oficina=oficina)
    for v in (5, 5, 4, 2):
        responder_con(oficina, {"SAT": str(v)}, empleado=empleada, consolidar=False)
    resumenes.consolidar()
    client.force_login(empleada.usuario)
    html = client.get("/encuestas/mi-valoracion/").content.decode()
    assert "n = 4" in html
    for cifra in ("75,0", "30,1", "95,4", "IC 95"):
        assert cifra not in html, cifra


# --- finding 6: one definition of the response rate, shown where it is shown -------


def test_ofrecidas_se_fechan_por_el_dia_de_la_atencion(settings):
    oficina = OficinaFactory(canales=["presencial"])
    hace_tres = timezone.now() - timedelta(days=3)
    invitar(oficina, fecha=hace_tres)
    fila = EmbudoDiario.objects.get(oficina_id=oficina.pk)
    assert fila.fecha == timezone.localdate(hace_tres)
    assert fila.ofrecidas == 1


def test_pagina_dice_cuantas_son_del_quiosco_y_define_la_tasa(client, settings):
    """3 kiosk taps (face 4 → SAT 4) and 5 invited answers (SAT 5, 5, 5, 2, 1) out of
    6 invitations: CSAT n = 8, 6 of 8 → 75,0 %; of them 3 from the kiosk; response
    rate 5 of 6 → 83,3 %, kiosk taps left out of both terms."""
    settings.ENCUESTAS_MIN_N_OFICINA = 5
    settings.ENCUESTAS_QUIOSCO_RAFAGA = (1000, 30)
    oficina = OficinaFactory(canales=["presencial"])
    kiosco, _ = services.crear_kiosco(
        oficina=oficina, canal=Canal.objects.get(codigo="presencial"), nombre="K"
    )
    for _i in range(3):
        services.responder_quiosco(kiosco=kiosco, cara=3)
    _sat(oficina, [5, 5, 5, 2, 1])
    invitar(oficina)
    direccion = EmpleadoFactory(
        oficina=oficina, usuario__roles=["empleado", "direccion"]
    )
    client.force_login(direccion.usuario)
    html = client.get("/encuestas/").content.decode()
    assert "75,0" in html and "n = 8" in html
    assert "de ellas, 3 del quiosco" in html
    assert "83,3" in html and "n = 6" in html
    assert "Tasa de respuesta = completadas / ofrecidas" in html
    assert "fecha de la atención" in html


def test_el_ejemplo_del_informe_n_25_no_aparece_en_ningun_sitio(client, settings):
    """25 answers, 19 of them 4–5 → 76,0 % (Wilson 56,6–88,5), under the default
    minimum of 30: page, API, CSV and home panel show n = 25 and nothing else."""
    settings.ENCUESTAS_MIN_N_OFICINA = 30
    oficina = OficinaFactory(nombre="Oficina Veinticinco", canales=["presencial"])
    _sat(oficina, [5] * 10 + [4] * 9 + [3] * 3 + [1] * 3)
    direccion = EmpleadoFactory(
        oficina=oficina, usuario__roles=["empleado", "direccion"]
    )
    client.force_login(direccion.usuario)
    html = client.get("/encuestas/").content.decode()
    assert "n = 25" in html
    r_csv = client.get("/encuestas/exportar.csv")
    assert r_csv.status_code == 400 and "Oficina Veinticinco" in r_csv.content.decode()
    panel = client.get(reverse("inicio")).content.decode()
    assert "Muestra insuficiente: 25 respuestas" in panel
    _integracion, clave = services.crear_integracion(
        nombre="Cuadro", oficinas=[oficina], canales=Canal.objects.all()
    )
    hoy = timezone.localdate()
    api = client.get(
        "/api/v1/resultados",
        {"desde": hoy - timedelta(days=7), "hasta": hoy},
        HTTP_AUTHORIZATION=f"Bearer {clave}",
    )
    assert api.json()["oficinas"][0]["csat"]["n"] == 25
    for texto in (html, panel, api.content.decode()):
        for cifra in ("76,0", "56,6", "88,5", "76.0", "56.57", "88.5"):
            assert cifra not in texto, cifra
