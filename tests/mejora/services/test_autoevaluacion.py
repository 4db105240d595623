import pytest
from django.core.exceptions import ValidationError

from mejora import selectors, services
from mejora.models import ModeloCalidad, Subcriterio
from tests.factories import UsuarioFactory

pytestmark = pytest.mark.django_db


def _modelo(codigo):
    return ModeloCalidad.objects.get(codigo=codigo, version="2020")


def _autoevaluacion(codigo, miembros=()):
    return services.crear_autoevaluacion(
        modelo=_modelo(codigo),
        titulo=f"Autoevaluación {codigo}",
        periodo="2026-Q2",
        miembros=miembros,
    )


def _sub(modelo, ident):
    return Subcriterio.objects.get(criterio__modelo=modelo, identificador=ident)


def test_puntuacion_efqm_sigue_pesos_calculo_a_mano(settings):
    settings.MEJORA_COMPLETITUD_TOTAL = 0  # a total from what is scored, by hand
    a = _autoevaluacion("EFQM")
    m = a.modelo
    # Criterion 1: five parts of 20 points → 60, 40, 50, 70, 30 → mean 50 % → 50 points.
    for ident, nota in zip(
        ["1.1", "1.2", "1.3", "1.4", "1.5"], [60, 40, 50, 70, 30], strict=True
    ):
        services.fijar_puntuacion_final(
            autoevaluacion=a, subcriterio=_sub(m, ident), puntuacion=nota
        )
    # Criterion 4 (200 points, four parts of 50): 80, 60, 40, 20 → 50 % → 100 points.
    for ident, nota in zip(["4.1", "4.2", "4.3", "4.4"], [80, 60, 40, 20], strict=True):
        services.fijar_puntuacion_final(
            autoevaluacion=a, subcriterio=_sub(m, ident), puntuacion=nota
        )
    # Criterion 6 (200 points, scored as a whole): 35 % → 70 points.
    services.fijar_puntuacion_final(
        autoevaluacion=a, subcriterio=_sub(m, "6"), puntuacion=35
    )
    p = selectors.puntuacion_modelo(a)
    por_id = {c["criterio"].identificador: c for c in p["criterios"]}
    assert por_id["1"]["porcentaje"] == pytest.approx(50)
    assert por_id["1"]["puntos"] == pytest.approx(50)
    assert por_id["4"]["puntos"] == pytest.approx(100)
    assert por_id["6"]["puntos"] == pytest.approx(70)
    assert por_id["2"]["puntos"] is None
    assert p["total"] == pytest.approx(220)
    assert p["maximo"] == 1000
    assert p["completo"] is False


def test_puntuacion_caf_es_media_de_subcriterios_y_de_criterios_calculo_a_mano(
    settings,
):
    settings.MEJORA_COMPLETITUD_TOTAL = 0  # a total from what is scored, by hand
    a = _autoevaluacion("CAF")
    m = a.modelo
    notas = {"1.1": 40, "1.2": 60, "1.3": 50, "1.4": 70, "6.1": 30, "6.2": 45}
    for ident, nota in notas.items():
        services.fijar_puntuacion_final(
            autoevaluacion=a, subcriterio=_sub(m, ident), puntuacion=nota
        )
    p = selectors.puntuacion_modelo(a)
    por_id = {c["criterio"].identificador: c for c in p["criterios"]}
    assert por_id["1"]["porcentaje"] == pytest.approx(55)  # (40+60+50+70)/4
    assert por_id["6"]["porcentaje"] == pytest.approx(37.5)  # (30+45)/2
    assert por_id["1"]["puntos"] is None
    assert p["total"] == pytest.approx((55 + 37.5) / 2)
    assert p["maximo"] == 100
    assert (p["puntuados"], p["subcriterios"]) == (6, 28)


def test_sin_todos_los_subcriterios_puntuados_no_hay_total():
    a = _autoevaluacion("CAF")
    m = a.modelo
    for ident in ("1.1", "1.2", "6.1"):
        services.fijar_puntuacion_final(
            autoevaluacion=a, subcriterio=_sub(m, ident), puntuacion=50
        )
    p = selectors.puntuacion_modelo(a)
    assert p["total"] is None and (p["puntuados"], p["subcriterios"]) == (3, 28)
    for s in Subcriterio.objects.filter(criterio__modelo=m):
        services.fijar_puntuacion_final(autoevaluacion=a, subcriterio=s, puntuacion=50)
    assert selectors.puntuacion_modelo(a)["total"] == pytest.approx(50)


def test_consenso_ordena_por_mayor_dispersion_entre_miembros():
    ana, luis, eva = (
        UsuarioFactory(username="ana"),
        UsuarioFactory(username="luis"),
        UsuarioFactory(username="eva"),
    )
    a = _autoevaluacion("CAF", miembros=[ana, luis, eva])
    m = a.modelo
    for miembro, n11, n32 in ((ana, 50, 20), (luis, 55, 90), (eva, 45, 60)):
        services.puntuar(
            autoevaluacion=a,
            miembro=miembro,
            subcriterio=_sub(m, "1.1"),
            puntuacion=n11,
        )
        services.puntuar(
            autoevaluacion=a,
            miembro=miembro,
            subcriterio=_sub(m, "3.2"),
            puntuacion=n32,
        )
    filas = selectors.consenso(a)
    assert [f["subcriterio"].identificador for f in filas] == ["3.2", "1.1"]
    assert filas[0]["dispersion"] == 70
    assert filas[0]["media"] == pytest.approx(170 / 3)
    assert [p["puntuacion"] for p in filas[0]["individuales"]] == [
        20,
        60,
        90,
    ]  # ana, eva, luis


def test_solo_los_miembros_puntuan_y_dentro_del_modelo():
    ana, intruso = UsuarioFactory(), UsuarioFactory()
    a = _autoevaluacion("CAF", miembros=[ana])
    with pytest.raises(ValidationError):
        services.puntuar(
            autoevaluacion=a,
            miembro=intruso,
            subcriterio=_sub(a.modelo, "1.1"),
            puntuacion=50,
        )
    with pytest.raises(ValidationError):
        services.puntuar(
            autoevaluacion=a,
            miembro=ana,
            subcriterio=_sub(_modelo("EFQM"), "1.1"),
            puntuacion=50,
        )
    with pytest.raises(ValidationError):
        services.puntuar(
            autoevaluacion=a,
            miembro=ana,
            subcriterio=_sub(a.modelo, "1.1"),
            puntuacion=101,
        )
