"""The honesty test: every figure that the results page, the API, the exports,
the home panel, the improvement dashboard, the indicator page, the report (HTML
and PDF text) and the public carta show is checked against values computed here
by hand from the raw rows of the scenario (see conftest.py), and the small
office's figures (and the one hidden as its complement) appear nowhere.

The arithmetic is written out on purpose: k of n, the Wilson interval and the
rounding the pages use; nothing here calls the project's statistics.
"""

import csv
import io
import math
import re
from decimal import ROUND_HALF_UP, Decimal
from html.parser import HTMLParser

import pytest
from django.template.defaultfilters import floatformat
from openpyxl import load_workbook
from pypdf import PdfReader

from mejora import informe as documento

from .conftest import CARAS_QUIOSCO, RESPUESTAS

pytestmark = pytest.mark.django_db

Z = 1.959963984540054  # 97.5th percentile of the standard normal


def wilson(k: int, n: int) -> tuple[float, float]:
    p = k / n
    centro = (p + Z * Z / (2 * n)) / (1 + Z * Z / n)
    margen = Z * math.sqrt(p * (1 - p) / n + Z * Z / (4 * n * n)) / (1 + Z * Z / n)
    return 100 * max(0.0, centro - margen), 100 * min(1.0, centro + margen)


def es(x: float, decimales: int = 1) -> str:
    """Spanish format with the rounding of the pages (half up): 69.51 → "69,5"."""
    paso = Decimal(1).scaleb(-decimales)
    return str(Decimal(repr(x)).quantize(paso, ROUND_HALF_UP)).replace(".", ",")


def cifra(k: int, n: int, decimales: int = 1) -> dict:
    """A proportion as the pages show it: value and 95 % Wilson bounds."""
    inf, sup = wilson(k, n)
    return {
        "k": k,
        "n": n,
        "valor": 100 * k / n,
        "inf": inf,
        "sup": sup,
        "v": es(100 * k / n, decimales),
        "i": es(inf, decimales),
        "s": es(sup, decimales),
    }


def satisfechos(sats) -> int:
    return sum(1 for s in sats if s >= 4)


class _Texto(HTMLParser):
    def __init__(self):
        super().__init__()
        self.partes, self.oculto = [], 0

    def handle_starttag(self, tag, attrs):
        self.oculto += tag in ("script", "style", "option")

    def handle_endtag(self, tag):
        self.oculto -= tag in ("script", "style", "option")

    def handle_data(self, data):
        if not self.oculto:
            self.partes.append(data)


def texto(html: str) -> str:
    t = _Texto()
    t.feed(html)
    return re.sub(r"\s+", " ", " ".join(t.partes))


def _get(client, url, **kw) -> str:
    r = client.get(url, **kw)
    assert r.status_code == 200, (url, r.status_code)
    return texto(r.content.decode())


# --- The figures, by hand, from the raw rows of conftest.RESPUESTAS ---------

A, B, C = RESPUESTAS["A"], RESPUESTAS["B"], RESPUESTAS["C"]
# Kiosk faces 4, 3, 2, 1 → SAT 5, 4, 2, 1; the fifth tap is a burst (not reportable).
SAT_QUIOSCO = {1: 1, 2: 2, 3: 4, 4: 5}
QUIOSCO = [SAT_QUIOSCO[c] for c in CARAS_QUIOSCO[:4]]


def _resp(trimestre):
    return trimestre[2]


A_Q1 = cifra(satisfechos(_resp(A["2026-Q1"])), len(_resp(A["2026-Q1"])))
B_Q1 = cifra(satisfechos(_resp(B["2026-Q1"])), len(_resp(B["2026-Q1"])))
C_Q1 = cifra(satisfechos(_resp(C["2026-Q1"])), len(_resp(C["2026-Q1"])))
ORG_Q1 = cifra(A_Q1["k"] + B_Q1["k"] + C_Q1["k"], A_Q1["n"] + B_Q1["n"] + C_Q1["n"])
TASA_A_Q1 = cifra(len(_resp(A["2026-Q1"])), A["2026-Q1"][1])
TASA_B_Q1 = cifra(len(_resp(B["2026-Q1"])), B["2026-Q1"][1])
TASA_C_Q1 = cifra(len(_resp(C["2026-Q1"])), C["2026-Q1"][1])
OFRECIDAS_Q1 = A["2026-Q1"][1] + B["2026-Q1"][1] + C["2026-Q1"][1]
TASA_ORG_Q1 = cifra(ORG_Q1["n"], OFRECIDAS_Q1)
ORG_Q3_2025 = cifra(satisfechos(_resp(A["2025-Q3"])), len(_resp(A["2025-Q3"])))
# 2026-Q2 (in course): office A's answers plus the four reportable kiosk taps.
A_Q2 = cifra(
    satisfechos(_resp(A["2026-Q2"])) + satisfechos(QUIOSCO),
    len(_resp(A["2026-Q2"])) + len(QUIOSCO),
)
TASA_A_Q2 = cifra(len(_resp(A["2026-Q2"])), A["2026-Q2"][1])
# Home panel: the last 90 days (16 Feb – 15 May 2026) hold 2026-Q1 (10 March)
# and 2026-Q2; whole percentages.
PANEL_ORG = cifra(ORG_Q1["k"] + A_Q2["k"], ORG_Q1["n"] + A_Q2["n"], 0)
PANEL_TASA_ORG = cifra(
    ORG_Q1["n"] + TASA_A_Q2["k"], OFRECIDAS_Q1 + A["2026-Q2"][1], decimales=0
)
PANEL_A = cifra(A_Q1["k"] + A_Q2["k"], A_Q1["n"] + A_Q2["n"], 0)
PANEL_TASA_A = cifra(
    TASA_A_Q1["k"] + TASA_A_Q2["k"], TASA_A_Q1["n"] + TASA_A_Q2["n"], 0
)


def _ocultas() -> set[str]:
    """Every way B's figures (and C's, hidden as B's complement) could be
    written: value and bounds, with a comma and with a point, one or two
    decimals."""
    formas = set()
    for c in (B_Q1, C_Q1, TASA_B_Q1, TASA_C_Q1):
        for x in (c["valor"], c["inf"], c["sup"]):
            formas |= {es(x), es(x).replace(",", "."), es(x, 2).replace(",", ".")}
    return formas


OCULTAS = _ocultas()


def test_las_cifras_de_prueba_son_las_esperadas_a_mano():
    """The scenario is the one the docstrings promise (guards the hand values)."""
    assert (A_Q1["k"], A_Q1["n"], A_Q1["v"]) == (30, 40, "75,0")
    assert (B_Q1["k"], B_Q1["n"], B_Q1["v"]) == (7, 12, "58,3")
    assert (C_Q1["k"], C_Q1["n"], C_Q1["v"]) == (20, 30, "66,7")
    assert (ORG_Q1["k"], ORG_Q1["n"], ORG_Q1["v"]) == (57, 82, "69,5")
    assert (A_Q2["k"], A_Q2["n"], A_Q2["v"]) == (26, 34, "76,5")
    publicadas = {
        c[x]
        for c in (A_Q1, ORG_Q1, TASA_A_Q1, TASA_ORG_Q1, ORG_Q3_2025, A_Q2, TASA_A_Q2)
        for x in ("v", "i", "s")
    }
    # The hidden figures are chosen so that none coincides with a published one:
    # finding one on a page can only mean a leak.
    assert not publicadas & OCULTAS


def _sin_ocultas(nombre: str, txt: str) -> None:
    for forma in OCULTAS:
        assert forma not in txt, f"{nombre}: «{forma}» de una celda suprimida"


def _proporcion(c) -> str:
    """Results page: "69,5 % (IC 95 %: 58,9–78,4; n = 82)"."""
    return f"{c['v']} % (IC 95 %: {c['i']}–{c['s']}; n = {c['n']})"


def test_cada_cifra_publicada_coincide_con_el_calculo_a_mano_y_la_oficina_pequena_no_aparece(
    client, escenario
):
    e = escenario
    a, b = e.oficinas["A"], e.oficinas["B"]
    textos = {}
    client.force_login(e.direccion)

    # 1. Results page, 2026-Q1, whole organisation.
    q1 = "desde=2026-01-01&hasta=2026-03-31"
    txt = textos["resultados"] = _get(client, f"/encuestas/?{q1}")
    assert f"Invitaciones ofrecidas {OFRECIDAS_Q1}" in txt
    assert f"Completadas {ORG_Q1['n']}" in txt
    assert f"Tasa de respuesta {_proporcion(TASA_ORG_Q1)}" in txt
    assert f"CSAT (% 4–5 en satisfacción) {_proporcion(ORG_Q1)}" in txt
    assert f"Presencial {_proporcion(ORG_Q1)}" in txt  # the only channel
    assert (
        f"Oficina Grande Centro {_proporcion(A_Q1)} Sin datos {_proporcion(TASA_A_Q1)}"
        in txt
    )
    # B below the minimum: only n; C hidden as its complement (organisation − A
    # = B + C together, never B alone).
    assert f"Oficina Pequeña Norte n = {B_Q1['n']}: menos respuestas" in txt
    assert f"n = {TASA_B_Q1['n']}: menos respuestas" in txt
    assert f"Oficina Media Sur n = {C_Q1['n']}: oculto para que no se deduzca" in txt
    assert f"marzo 2026 {_proporcion(ORG_Q1)}" in txt
    assert "Oficina Media Sur, Oficina Pequeña Norte" in txt  # left out of exports

    # 2. Results page filtered to B: n and nothing else.
    txt = textos["resultados_b"] = _get(client, f"/encuestas/?{q1}&oficina={b.pk}")
    assert f"CSAT (% 4–5 en satisfacción) n = {B_Q1['n']}: menos" in txt
    assert f"Tasa de respuesta n = {TASA_B_Q1['n']}: menos" in txt
    assert "Completadas" not in txt  # completed / offered would give the rate

    # 3. Results page, 2026-Q2 (in course): kiosk taps in CSAT and its n (the
    # burst out), not in the response rate.
    txt = textos["resultados_q2"] = _get(
        client, "/encuestas/?desde=2026-04-01&hasta=2026-06-30"
    )
    assert f"CSAT (% 4–5 en satisfacción) {_proporcion(A_Q2)}" in txt
    assert f"de ellas, {len(QUIOSCO)} del quiosco" in txt
    assert f"Tasa de respuesta {_proporcion(TASA_A_Q2)}" in txt

    # 4. API, with a key created through the service.
    r = client.get(
        "/api/v1/resultados",
        {"desde": "2026-01-01", "hasta": "2026-03-31"},
        HTTP_AUTHORIZATION=f"Bearer {e.clave_api}",
    )
    assert r.status_code == 200
    textos["api"] = r.content.decode()
    filas = {f["oficina"]: f for f in r.json()["oficinas"]}
    fa, fb, fc = (filas[o.codigo_dir3] for o in e.oficinas.values())
    assert fa["csat"]["n"] == A_Q1["n"]
    assert fa["csat"]["valor"] == pytest.approx(A_Q1["valor"], abs=0.005)
    assert fa["csat"]["ic_inf"] == pytest.approx(A_Q1["inf"], abs=0.005)
    assert fa["csat"]["ic_sup"] == pytest.approx(A_Q1["sup"], abs=0.005)
    assert fa["tasa_respuesta"]["valor"] == pytest.approx(TASA_A_Q1["valor"], abs=0.005)
    assert (fa["ofrecidas"], fa["completadas"]) == (TASA_A_Q1["n"], TASA_A_Q1["k"])
    media_a = sum(_resp(A["2026-Q1"])) / len(_resp(A["2026-Q1"]))
    assert fa["satisfaccion_media"]["valor"] == pytest.approx(media_a, abs=0.0005)
    for fila, cel, tasa in ((fb, B_Q1, TASA_B_Q1), (fc, C_Q1, TASA_C_Q1)):
        for m in ("csat", "satisfaccion_media", "tasa_respuesta"):
            assert fila[m]["valor"] is None and fila[m]["ic_inf"] is None
            assert fila[m]["ic_sup"] is None and fila[m]["suprimido"]
        assert fila["csat"]["n"] == cel["n"] and fila["completadas"] is None
        assert fila["ofrecidas"] == tasa["n"]
    assert not fb["csat"]["complementaria"] and fc["csat"]["complementaria"]

    # 5. Exports: only A's rows leave; from them A's CSAT is recomputed.
    r = client.get(f"/encuestas/exportar.csv?{q1}")
    assert r.status_code == 200
    textos["csv"] = b"".join(r.streaming_content).decode("utf-8-sig")
    filas = list(csv.DictReader(io.StringIO(textos["csv"]), delimiter=";"))
    assert {f["oficina"] for f in filas} == {a.codigo_dir3}
    assert len(filas) == A_Q1["n"]
    assert sum(int(f["SAT"]) >= 4 for f in filas) == A_Q1["k"]
    r = client.get(f"/encuestas/exportar.xlsx?{q1}")
    assert r.status_code == 200
    hoja = load_workbook(io.BytesIO(b"".join(r.streaming_content))).active
    cabecera, *celdas = list(hoja.values)
    col_oficina, col_sat = cabecera.index("oficina"), cabecera.index("SAT")
    assert {f[col_oficina] for f in celdas} == {a.codigo_dir3}
    assert sum(int(f[col_sat]) >= 4 for f in celdas) == A_Q1["k"]
    r = client.get(f"/encuestas/exportar.csv?{q1}&oficina={b.pk}")
    assert r.status_code == 400 and "Oficina Pequeña Norte" in r.content.decode()
    # 2026-Q2: the five taps are rows too, the burst marked as not reportable.
    r = client.get("/encuestas/exportar.csv?desde=2026-04-01&hasta=2026-06-30")
    q2 = list(
        csv.DictReader(
            io.StringIO(b"".join(r.streaming_content).decode("utf-8-sig")),
            delimiter=";",
        )
    )
    validas = [f for f in q2 if f["reportable"] == "sí"]
    assert len(q2) == len(_resp(A["2026-Q2"])) + len(CARAS_QUIOSCO)
    assert len(validas) == A_Q2["n"]
    assert sum(int(f["SAT"]) >= 4 for f in validas) == A_Q2["k"]

    # 6. Home panels: organisation (dirección), office A (an employee of A),
    # office B (its supervisor), last 90 days, whole percentages.
    txt = textos["inicio"] = _get(client, "/inicio/")
    assert (
        f"{PANEL_ORG['v']} % satisfechos (CSAT) IC 95 %: "
        f"{PANEL_ORG['i']}–{PANEL_ORG['s']} %, n = {PANEL_ORG['n']}" in txt
    )
    assert (
        f"{PANEL_TASA_ORG['v']} % tasa de respuesta" in txt
        and f"IC 95 %: {PANEL_TASA_ORG['i']}–{PANEL_TASA_ORG['s']} %, "
        f"n = {PANEL_TASA_ORG['n']} invitaciones"
        in txt
    )
    client.force_login(e.empleado_a)
    txt = textos["inicio_a"] = _get(client, "/inicio/")
    assert (
        f"{PANEL_A['v']} % satisfechos (CSAT) IC 95 %: "
        f"{PANEL_A['i']}–{PANEL_A['s']} %, n = {PANEL_A['n']}" in txt
    )
    assert f"IC 95 %: {PANEL_TASA_A['i']}–{PANEL_TASA_A['s']} %" in txt
    client.force_login(e.supervisor_b)
    txt = textos["inicio_b"] = _get(client, "/inicio/")
    assert f"Muestra insuficiente: {B_Q1['n']} respuestas" in txt
    assert "satisfechos (CSAT)" not in txt
    client.force_login(e.direccion)

    # 7. Improvement dashboard and indicator page, 2026-Q1.
    txt = textos["tablero"] = _get(client, "/mejora/?periodo=2026-Q1")
    assert f"{ORG_Q1['v']} % Sin meta o sin datos n = {ORG_Q1['n']} · " in txt
    assert f"IC 95 % {ORG_Q1['i']}–{ORG_Q1['s']}" in txt
    assert (
        f"{TASA_ORG_Q1['v']} % Sin meta o sin datos n = {TASA_ORG_Q1['n']} · "
        f"IC 95 % {TASA_ORG_Q1['i']}–{TASA_ORG_Q1['s']}" in txt
    )
    txt = textos["indicador"] = _get(
        client, "/mejora/indicadores/csat/?periodo=2026-Q1"
    )
    assert (
        f"Presencial {ORG_Q1['v']} % {ORG_Q1['n']} {ORG_Q1['i']}–{ORG_Q1['s']}" in txt
    )
    assert (
        f"Oficina Grande Centro {A_Q1['v']} % {A_Q1['n']} {A_Q1['i']}–{A_Q1['s']}"
        in txt
    )
    assert "Oficina Media Sur oculto para que no se deduzca" in txt
    assert f"Oficina Pequeña Norte muestra insuficiente (n = {B_Q1['n']})" in txt
    # The series: 2025-Q3 (A only) and 2026-Q1; no invented quarter in between.
    assert (
        f"2025-Q3 2025-Q4 2026-Q1 — — — — — {ORG_Q3_2025['v']} — {ORG_Q1['v']}" in txt
    )
    textos["indicador_b"] = _get(
        client, f"/mejora/indicadores/csat/?periodo=2026-Q1&ambito=oficina:{b.pk}"
    )
    assert f"muestra insuficiente (n = {B_Q1['n']})" in textos["indicador_b"]

    # 8. Report: HTML page and PDF text (2026-Q1, whole organisation).
    inf = e.informe
    assert inf.estado == "listo", inf.error
    txt = textos["informe"] = _get(client, f"/mejora/informes/{inf.pk}/")
    pdf = PdfReader(
        io.BytesIO(client.get(f"/mejora/informes/{inf.pk}/pdf/").getvalue())
    )
    # PDF lines break inside table cells: "59,8–\n85,8", "2026-\nQ1".
    textos["pdf"] = re.sub(
        r"(\S[–-]) ",
        r"\1",
        re.sub(r"\s+", " ", " ".join(p.extract_text() for p in pdf.pages)),
    )
    efecto = (
        f"2025-Q3 {ORG_Q3_2025['v']} [{ORG_Q3_2025['i']}–{ORG_Q3_2025['s']}] "
        f"(n = {ORG_Q3_2025['n']}) → 2026-Q1 {ORG_Q1['v']} "
        f"[{ORG_Q1['i']}–{ORG_Q1['s']}] (n = {ORG_Q1['n']})"
    )
    # Two-proportion z-test of the closed action's effect, by hand.
    p1, n1 = ORG_Q1["k"] / ORG_Q1["n"], ORG_Q1["n"]
    p2, n2 = ORG_Q3_2025["k"] / ORG_Q3_2025["n"], ORG_Q3_2025["n"]
    p = (ORG_Q1["k"] + ORG_Q3_2025["k"]) / (n1 + n2)
    z = (p1 - p2) / math.sqrt(p * (1 - p) * (1 / n1 + 1 / n2))
    assert z > 1.96
    # Suppressed cells of the period outside the organisation scope: B and C
    # for CSAT, B and C for the response rate.
    suprimidas = 4
    for nombre in ("informe", "pdf"):
        t = textos[nombre]
        assert (
            f"{ORG_Q1['v']} % Sin meta o sin datos n = {ORG_Q1['n']} · IC 95 %: " in t
        )
        assert f"IC 95 %: {ORG_Q1['i']}–{ORG_Q1['s']}" in t
        assert (
            f"Presencial {ORG_Q1['v']} [{ORG_Q1['i']}–{ORG_Q1['s']}] (n = {ORG_Q1['n']})"
            in t
        )
        assert (
            f"Oficina Grande Centro {A_Q1['v']} {A_Q1['n']} {A_Q1['i']}–{A_Q1['s']}"
            in t
        )
        assert f"Oficina Pequeña Norte muestra insuficiente {B_Q1['n']} — —" in t
        assert "Oficina Media Sur oculto" in t
        assert f"{TASA_ORG_Q1['v']} % Sin meta o sin datos n = {TASA_ORG_Q1['n']}" in t
        assert efecto in t and "mejora significativa" in t
        assert "sin efecto que medir" in t  # the cancelled action
        assert f"Respuestas a la encuesta por canal: presencial {ORG_Q1['n']}" in t
        assert f"Tasa de respuesta: {TASA_ORG_Q1['v']} %" in t
        assert (
            "publicadas solo con su n (muestra insuficiente o supresión "
            f"complementaria, en toda la organización): {suprimidas}" in t
        )
        # Carta: Q1 decides (below 80), Q2 is in course, the year is provisional.
        assert f"80,0 {ORG_Q1['v']} no cumplido {A_Q2['v']} en curso" in t
        assert "provisional: año en curso" in t

    # 9. Public carta (Wagtail page).
    txt = textos["carta"] = _get(client, e.pagina_carta.url)
    assert (
        f"80,0 % {ORG_Q1['v']} no cumplido {A_Q2['v']} en curso "
        "sin datos (en curso) sin datos (en curso) no cumplido "
        "(provisional: año en curso)" in txt
    )

    # 10. The in-course quarter on the dashboard: partial, said so, and the
    # chart's labels say the same figure as the card.
    txt = textos["tablero_q2"] = _get(client, "/mejora/?periodo=2026-Q2")
    assert f"{A_Q2['v']} % Sin meta o sin datos n = {A_Q2['n']} · " in txt
    assert f"IC 95 % {A_Q2['i']}–{A_Q2['s']}" in txt
    assert "Periodo en curso: cifras parciales" in txt
    html = client.get("/mejora/?periodo=2026-Q2").content.decode()
    etiquetas = re.findall(r"<text[^>]*>([\d.,]+)</text>", html)
    assert A_Q2["v"] in etiquetas, etiquetas
    truncado = str(Decimal(repr(A_Q2["valor"])).quantize(Decimal("0.1"), "ROUND_DOWN"))
    assert truncado.replace(".", ",") not in etiquetas  # 76,4: cut, not rounded
    txt = textos["indicador_q2"] = _get(
        client, "/mejora/indicadores/csat/?periodo=2026-Q2"
    )
    assert f"{A_Q2['v']} % Sin meta o sin datos n = {A_Q2['n']} · " in txt
    assert "Periodo en curso: cifras parciales" in txt

    # B's and C's figures, by any spelling, on no surface at all.
    for nombre, t in textos.items():
        _sin_ocultas(nombre, t)


@pytest.mark.parametrize("valor", [76.25, 6.25, 12.35, 69.51, 54.745593])
def test_el_informe_redondea_como_las_paginas_tambien_en_los_empates(valor):
    """The report rounds its figures before the template formats them; it must
    round half up like the pages' floatformat, or 61 of 80 (76,25 %) reads
    "76,2" in the report and "76,3" on the results page."""
    assert floatformat(documento._r(valor), 1) == floatformat(valor, 1) == es(valor)
