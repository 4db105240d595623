"""The built-in indicators through the source apps' real contract functions,
against values computed independently from the same fixture data."""

import io
from datetime import date

import pytest
from django.utils import timezone
from pypdf import PdfReader

from mejora import fuentes, services
from mejora.models import Indicador, Informe, ModeloCalidad, ValorIndicador
from mejora.periodos import Periodo
from tests.factories import OficinaFactory, responder_con

pytestmark = pytest.mark.django_db

SAT_OFICINA_A = [5, 5, 4, 2, 1, 4, 5, 3]  # 5 of 8 agree (4–5) → 62.5 %
SAT_OFICINA_B = [4, 4, 5, 5]  # 4 of 4 → 100 %


def test_csat_por_oficina_y_organizacion_igual_al_calculo_independiente(
    django_capture_on_commit_callbacks,
):
    a, b = OficinaFactory(nombre="Oficina Norte"), OficinaFactory(nombre="Oficina Sur")
    for oficina, notas in ((a, SAT_OFICINA_A), (b, SAT_OFICINA_B)):
        for nota in notas:
            responder_con(
                oficina,
                {"SAT": str(nota), "CONF": "4", "EFIC": "4", "FAC": "5", "TIEMPO": "4"},
            )
    periodo = Periodo.trimestre_de(timezone.localdate())
    # Below the minimum n a value is not stored; 4 lets every cell here through.
    Indicador.objects.filter(codigo="csat").update(n_minimo=4)
    services.recalcular_indicadores(periodos=[periodo.clave], codigos=["csat"])
    v = {
        x.ambito_clave: x
        for x in ValorIndicador.objects.filter(
            indicador__codigo="csat", periodo=periodo.clave
        )
    }
    todas = SAT_OFICINA_A + SAT_OFICINA_B
    esperado = 100 * sum(1 for x in todas if x >= 4) / len(todas)  # 9 / 12 = 75 %
    assert v["organizacion"].n == 12 and v["organizacion"].valor == pytest.approx(
        esperado
    )
    assert (
        v[f"oficina:{a.pk}"].valor == pytest.approx(62.5)
        and v[f"oficina:{a.pk}"].n == 8
    )
    assert v[f"oficina:{b.pk}"].valor == pytest.approx(100.0)
    assert v["canal:presencial"].n == 12 and v["canal:telefonico"].n == 0

    # The report's PDF carries the same figure.
    Indicador.objects.exclude(codigo="csat").update(activo=False)
    Indicador.objects.filter(codigo="csat").update(
        n_minimo=10
    )  # 12 responses: enough for this test
    with django_capture_on_commit_callbacks(execute=True):
        inf = services.solicitar_informe(
            tipo="trimestral",
            periodo=periodo.clave,
            modelo=ModeloCalidad.objects.get(codigo="CAF"),
        )
    inf.refresh_from_db()
    assert inf.estado == Informe.Estado.LISTO
    with inf.archivo.open("rb") as f:
        texto = " ".join(
            " ".join(
                p.extract_text() for p in PdfReader(io.BytesIO(f.read())).pages
            ).split()
        )
    assert "75,0 %" in texto and "n = 12" in texto


def test_horas_de_formacion_por_persona_igual_al_calculo_independiente():
    from datetime import date, datetime
    from decimal import Decimal

    from django.utils import timezone as tz

    from formacion.models import Matricula
    from tests.factories import EmpleadoFactory, crear_curso

    oficina = OficinaFactory(nombre="Oficina Este")
    personas = [
        EmpleadoFactory(oficina=oficina, fecha_alta=date(2020, 1, 1)) for _ in range(4)
    ]
    curso4, curso6 = crear_curso(horas=Decimal("4")), crear_curso(horas=Decimal("6"))
    cuando = tz.make_aware(datetime(2026, 5, 12, 10))
    for persona, curso in (
        (personas[0], curso4),
        (personas[0], curso6),
        (personas[1], curso4),
    ):
        Matricula.objects.create(
            empleado=persona,
            curso=curso,
            origen="propia",
            estado=Matricula.Estado.COMPLETADA,
            completada_en=cuando,
        )
    # Below the minimum n a value is not stored; 4 people reach a minimum of 4.
    Indicador.objects.filter(codigo="horas-formacion").update(n_minimo=4)
    services.recalcular_indicadores(periodos=["2026-Q2"], codigos=["horas-formacion"])
    v = ValorIndicador.objects.get(
        indicador__codigo="horas-formacion",
        periodo="2026-Q2",
        ambito_clave=f"oficina:{oficina.pk}",
    )
    # (4 + 6 + 4 + 0 + 0) hours / 4 people, computed by hand.
    assert v.n == 4 and v.valor == pytest.approx(14 / 4)


def test_pistas_entre_modulos_driver_bajo_y_competencias_ligadas():
    from mejora import selectors
    from organizacion.models import Competencia

    baja, alta = (
        OficinaFactory(nombre="Oficina Baja"),
        OficinaFactory(nombre="Oficina Alta"),
    )
    for oficina, trato in ((baja, "2"), (alta, "5")):
        for _ in range(4):
            responder_con(
                oficina,
                {
                    "SAT": "4",
                    "CONF": "4",
                    "EFIC": "4",
                    "FAC": "5",
                    "TIEMPO": "4",
                    "TRATO": trato,
                },
            )
    periodo = Periodo.trimestre_de(timezone.localdate())
    services.recalcular_indicadores(periodos=[periodo.clave], codigos=["trato", "csat"])
    r = selectors.pistas_transversales(periodo, n_minimo=3)
    assert r["faltan"] == []
    pistas = [(p["oficina"], p["item"], p["valor"]) for p in r["pistas"]]
    assert pistas == [("Oficina Baja", "TRATO", 0.0)]
    ligadas = {
        c.codigo
        for c in Competencia.objects.all()
        if "trato del personal" in c.drivers_encuesta
    }
    assert ligadas and {c["codigo"] for c in r["pistas"][0]["competencias"]} == ligadas


# --- Issue 14: every scope of a period in one grouped query ---------------------------


def test_fuente_registrada_en_ejecucion_se_calcula_ambito_a_ambito(selector_pruebas):
    llamadas = []

    def fuente(**ambito):
        llamadas.append(ambito)
        return {"valor": 1, "n": 1}

    fuentes.registrar("pruebas.contada", fuente)
    try:
        r = fuentes.calcular_ambitos(
            "pruebas.contada",
            desde=date(2026, 1, 1),
            hasta=date(2026, 3, 31),
            oficina_ids=[7, 8],
            canales=["presencial"],
        )
    finally:
        fuentes.desregistrar("pruebas.contada")
    assert set(r) == {
        ("organizacion", None, ""),
        ("oficina", 7, ""),
        ("oficina", 8, ""),
        ("canal", None, "presencial"),
    }
    assert [(a["oficina_ids"], a["canal"]) for a in llamadas] == [
        (None, None),
        ([7], None),
        ([8], None),
        (None, "presencial"),
    ]
    ausente = fuentes.calcular_ambitos(
        "no.existe",
        desde=date(2026, 1, 1),
        hasta=date(2026, 1, 31),
        oficina_ids=[],
        canales=[],
    )
    assert ausente is None


def test_cada_fuente_incorporada_tiene_su_variante_agrupada():
    assert set(fuentes.AGRUPADAS) == set(fuentes.SELECTORES)
