"""Interval statistics against published references and hand computations."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from comun import estadistica as est
from comun.supresion import vacia

# Newcombe (1998), "Two-sided confidence intervals for the single proportion",
# Stat Med 17:857–872, table I, method 3 (Wilson score, no continuity correction).
NEWCOMBE = [
    (81, 263, 25.53, 36.62),
    (15, 148, 6.24, 16.05),
    (0, 20, 0.0, 16.11),
    (1, 29, 0.61, 17.18),
]


@pytest.mark.parametrize(("k", "n", "inf", "sup"), NEWCOMBE)
def test_wilson_coincide_con_la_tabla_de_newcombe(k, n, inf, sup):
    assert est.wilson(k, n, decimales=2) == (inf, sup)


def test_wilson_con_cero_y_con_todos_tiene_forma_cerrada():
    # k = 0: [0, z²/(n + z²)]; k = n: [n/(n + z²), 1].
    z2 = est.Z95**2
    for n in (1, 7, 50, 1000):
        inf, sup = est.wilson(0, n)
        # Unrounded, the closed form's 0 comes back as float noise (≤ 1e-14).
        assert inf == pytest.approx(0.0, abs=1e-12)
        assert sup == pytest.approx(100 * z2 / (n + z2), rel=1e-12)
        inf, sup = est.wilson(n, n)
        assert inf == pytest.approx(100 * n / (n + z2), rel=1e-12)
        assert sup == pytest.approx(100.0, abs=1e-12)
        assert est.wilson(0, n, decimales=6)[0] == 0.0


def test_wilson_sin_muestra_no_da_intervalo():
    assert est.wilson(0, 0) == (None, None)
    assert est.proporcion(0, 0) == vacia()


@given(st.integers(1, 5000).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))))
def test_wilson_es_simetrico_y_contiene_la_proporcion(kn):
    k, n = kn
    inf, sup = est.wilson(k, n)
    inf2, sup2 = est.wilson(n - k, n)
    assert inf == pytest.approx(100 - sup2, abs=1e-9)
    assert sup == pytest.approx(100 - inf2, abs=1e-9)
    assert 0 <= inf <= 100 * k / n + 1e-12
    assert 100 * k / n - 1e-12 <= sup <= 100


def test_proporcion_redondea_valor_e_intervalo_una_vez():
    m = est.proporcion(1, 3, decimales=2)
    assert m == {"valor": 33.33, "n": 3, "ic_inf": 6.15, "ic_sup": 79.23}
    # A tie is rounded from the exact 100·k/n: 23/160 = 14.375 → 14.38 (half even).
    assert est.proporcion(23, 160, decimales=2)["valor"] == 14.38


def test_proporcion_de_distribucion_cuenta_los_aciertos():
    dist = {5: 3, 4: 3, 3: 2, 1: 2}  # 6 of 10 answer 4 or 5
    m = est.proporcion_de_distribucion(dist, lambda v: v >= 4)
    assert m["valor"] == 60.0 and m["n"] == 10
    assert (m["ic_inf"], m["ic_sup"]) == est.wilson(6, 10)
    assert est.proporcion_de_distribucion({}, lambda v: True) == vacia()


def _densidad_t(x: float, gl: int) -> float:
    c = math.lgamma((gl + 1) / 2) - math.lgamma(gl / 2) - 0.5 * math.log(gl * math.pi)
    return math.exp(c) * (1 + x * x / gl) ** (-(gl + 1) / 2)


def _cobertura_t(t: float, gl: int, pasos: int = 4000) -> float:
    """P(|T| ≤ t) by Simpson's rule on the density."""
    h = t / pasos
    s = _densidad_t(0, gl) + _densidad_t(t, gl)
    s += sum((4 if i % 2 else 2) * _densidad_t(i * h, gl) for i in range(1, pasos))
    return 2 * s * h / 3


@pytest.mark.parametrize("gl", sorted(est._T95))
def test_cada_valor_t_de_la_tabla_cubre_el_95(gl):
    # Three printed decimals move the coverage by less than 1e-4.
    assert _cobertura_t(est.t95(gl), gl) == pytest.approx(0.95, abs=1e-4)


def test_t95_entre_grados_tabulados_es_conservador_y_tiende_a_la_normal():
    assert est.t95(9) == 2.262
    assert est.t95(35) == est.t95(30) == 2.042
    assert est.t95(119) == est.t95(60) == 2.000
    assert est.t95(120) == 1.980
    assert est.t95(121) == est.Z95
    for gl in range(1, 200):
        assert est.t95(gl) >= est.t95(gl + 1)


def test_media_con_t_a_mano():
    # 1..5: mean 3, s² = 2.5, t(4) = 2.776, margin = 2.776·√(2.5/5) = 1.962928…
    m = est.media_de_distribucion({1: 1, 2: 1, 3: 1, 4: 1, 5: 1})
    assert m["valor"] == 3.0 and m["n"] == 5
    assert m["ic_inf"] == pytest.approx(3 - 2.776 * math.sqrt(0.5), abs=1e-12)
    assert m["ic_sup"] == pytest.approx(3 + 2.776 * math.sqrt(0.5), abs=1e-12)
    normal = est.media_de_distribucion(
        {1: 1, 2: 1, 3: 1, 4: 1, 5: 1}, intervalo="normal", decimales=3
    )
    assert normal == {"valor": 3.0, "n": 5, "ic_inf": 1.614, "ic_sup": 4.386}


def test_media_con_una_observacion_no_tiene_intervalo():
    assert est.media_de_distribucion({4: 1}) == {
        "valor": 4.0,
        "n": 1,
        "ic_inf": None,
        "ic_sup": None,
    }
    assert est.media_de_sumas(1, 7.5, 56.25)["ic_inf"] is None
    assert est.media_de_momentos(1, 2.0, 4.0)["ic_sup"] is None


def test_media_de_sumas_a_mano_con_el_limite_inferior():
    # Hours 0, 0, 8, 16: mean 6, s² = (320 − 4·36)/3 = 58.67, margin = 1.96·√(58.67/4).
    m = est.media_de_sumas(4, 24, 320, minimo=0.0)
    margen = est.Z95 * math.sqrt(176 / 3 / 4)
    assert m["valor"] == 6.0
    assert m["ic_inf"] == 0.0  # 6 − 7.51 clipped: hours are never negative
    assert m["ic_sup"] == pytest.approx(6 + margen, abs=1e-12)
    assert est.media_de_sumas(4, 24, 320)["ic_inf"] == pytest.approx(6 - margen)
    assert est.media_de_sumas(0, None, None) == vacia()
    assert est.media_de_sumas(3, None, None)["valor"] == 0.0


def test_media_de_momentos_a_mano():
    # −1, 0, 0, 1, 2: mean 0.4, mean of squares 1.2, s² = (1.2 − 0.16)·5/4 = 1.3.
    m = est.media_de_momentos(5, 0.4, 1.2, decimales=3)
    assert m == {"valor": 0.4, "n": 5, "ic_inf": -0.599, "ic_sup": 1.399}
    assert est.media_de_momentos(0, None, None) == vacia()
    assert est.media_de_momentos(3, None, None) == vacia()


@given(st.dictionaries(st.integers(-5, 10), st.integers(0, 40), min_size=1))
def test_las_tres_entradas_de_la_media_dan_el_mismo_intervalo(dist):
    n = sum(dist.values())
    suma = sum(v * c for v, c in dist.items())
    suma2 = sum(v * v * c for v, c in dist.items())
    a = est.media_de_distribucion(dist, intervalo="normal")
    b = est.media_de_sumas(n, suma, suma2)
    c = est.media_de_momentos(n, suma / n if n else None, suma2 / n if n else None)
    for clave in ("valor", "n", "ic_inf", "ic_sup"):
        if a[clave] is None:
            assert b[clave] is None and c[clave] is None
        else:
            assert b[clave] == pytest.approx(a[clave], abs=1e-6)
            assert c[clave] == pytest.approx(a[clave], abs=1e-6)


def test_nps_a_mano():
    # 5 promoters, 3 passives, 2 detractors: 50 − 20 = 30;
    # var = (0.5 + 0.2 − 0.3²)/10 = 0.061, margin = 1.96·√0.061 = 48.41 points.
    m = est.nps({10: 5, 8: 3, 3: 2})
    margen = 100 * est.Z95 * math.sqrt(0.061)
    assert m["valor"] == pytest.approx(30.0)
    assert m["n"] == 10
    assert m["ic_inf"] == pytest.approx(30 - margen, abs=1e-9)
    assert m["ic_sup"] == pytest.approx(30 + margen, abs=1e-9)


def test_nps_en_los_extremos_y_recortado():
    assert est.nps({10: 4}) == {
        "valor": 100.0,
        "n": 4,
        "ic_inf": 100.0,
        "ic_sup": 100.0,
    }
    assert est.nps({0: 3, 6: 1}) == {
        "valor": -100.0,
        "n": 4,
        "ic_inf": -100.0,
        "ic_sup": -100.0,
    }
    # Half promoters, half detractors, n = 2: ±138.6 points clipped to ±100.
    m = est.nps({10: 1, 0: 1})
    assert (m["valor"], m["ic_inf"], m["ic_sup"]) == (0.0, -100, 100)
    assert est.nps({}) == vacia()


def test_nps_redondea_con_decimales():
    m = est.nps({10: 1, 9: 1, 7: 1}, decimales=2)
    assert m["valor"] == 66.67
