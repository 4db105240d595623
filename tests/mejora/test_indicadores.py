import re
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from mejora import analisis, selectors, services
from mejora.models import Indicador, MetaIndicador, ValorIndicador, ValorManual
from mejora.periodos import Periodo
from tests.conftest import cliente_de
from tests.factories import EmpleadoFactory, OficinaFactory

pytestmark = pytest.mark.django_db

ALTA = date(2020, 1, 1)


@pytest.fixture
def plantilla():
    """Office A: 3 of 4 serve the counter; office B: 1 of 2. Organisation: 4 of 6."""
    a, b = OficinaFactory(nombre="Oficina A"), OficinaFactory(nombre="Oficina B")
    for canales in (
        ["presencial"],
        ["presencial", "telefonico"],
        ["presencial"],
        ["telematico"],
    ):
        EmpleadoFactory(oficina=a, canales=canales, fecha_alta=ALTA)
    for canales in (["presencial"], ["telefonico"]):
        EmpleadoFactory(oficina=b, canales=canales, fecha_alta=ALTA)
    EmpleadoFactory(
        oficina=b, canales=["presencial"], fecha_alta=ALTA, fecha_baja=date(2026, 3, 1)
    )
    return a, b


def test_periodos_claves_fechas_y_desplazamientos():
    p = Periodo.de("2026-Q1")
    assert (p.desde, p.hasta) == (date(2026, 1, 1), date(2026, 3, 31))
    assert p.anterior.clave == "2025-Q4" and p.anio_anterior.clave == "2025-Q1"
    assert [x.clave for x in Periodo.de("2026-02").serie(3)] == [
        "2025-12",
        "2026-01",
        "2026-02",
    ]
    with pytest.raises(ValidationError):
        Periodo.de("2026-Q5")


def test_recalculo_escribe_valores_iguales_a_los_calculados_a_mano(
    plantilla, indicador_pruebas
):
    a, b = plantilla
    # Office B has n = 2: with the fixture's minimum of 3 it would not be stored
    # (tests/mejora/test_supresion.py); here every cell is published.
    indicador_pruebas.n_minimo = 2
    indicador_pruebas.save()
    services.recalcular_indicadores(
        periodos=["2026-Q2"], codigos=[indicador_pruebas.codigo]
    )
    v = {
        x.ambito_clave: x
        for x in ValorIndicador.objects.filter(
            indicador=indicador_pruebas, periodo="2026-Q2"
        )
    }
    assert v["organizacion"].valor == pytest.approx(
        100 * 4 / 6
    )  # the leaver (baja 1 March) is out
    assert v["organizacion"].n == 6
    assert v[f"oficina:{a.pk}"].valor == pytest.approx(75.0)
    assert (
        v[f"oficina:{b.pk}"].valor == pytest.approx(50.0)
        and v[f"oficina:{b.pk}"].n == 2
    )
    # Wilson 95 % for 4/6, computed independently: 30.0 %–90.3 %.
    assert v["organizacion"].ic_inf == pytest.approx(30.0, abs=0.1)
    assert v["organizacion"].ic_sup == pytest.approx(90.3, abs=0.1)
    assert v["organizacion"].fuente_disponible is True


def test_recalculo_es_idempotente(plantilla, indicador_pruebas):
    services.recalcular_indicadores(periodos=["2026-Q1", "2026-Q2"])
    filas = sorted(
        ValorIndicador.objects.values_list(
            "indicador_id", "periodo", "ambito_clave", "valor", "n"
        )
    )
    services.recalcular_indicadores(periodos=["2026-Q1", "2026-Q2"])
    assert (
        sorted(
            ValorIndicador.objects.values_list(
                "indicador_id", "periodo", "ambito_clave", "valor", "n"
            )
        )
        == filas
    )


def test_fuente_no_disponible_queda_registrada_sin_cifra(
    plantilla, indicador_pruebas, client, usuario_direccion
):
    ind = Indicador.objects.create(
        codigo="inexistente",
        nombre="Indicador de una app ausente",
        fuente="encuestas",
        selector="encuestas.no_existe",
        clave=True,
    )
    services.recalcular_indicadores(periodos=["2026-Q2"], codigos=["inexistente"])
    v = ValorIndicador.objects.get(
        indicador=ind, periodo="2026-Q2", ambito_clave="organizacion"
    )
    assert v.valor is None and v.n == 0 and v.fuente_disponible is False
    r = cliente_de(client, usuario_direccion).get(
        reverse("mejora:tablero") + "?periodo=2026-Q2"
    )
    assert r.status_code == 200
    assert "sin datos — fuente no disponible" in r.content.decode()


def test_valores_manuales_a_mano_y_por_csv(plantilla, usuario_calidad):
    a, _b = plantilla
    clima = Indicador.objects.get(codigo="clima-laboral")
    services.registrar_valor_manual(
        indicador=clima, periodo="2026-Q2", valor=7.4, n=120, por=usuario_calidad
    )
    n = services.importar_valores_csv(
        contenido=f'indicador,periodo,valor,n,oficina\nclima-laboral,2026-Q1,6.9,110,\ntiempo-espera,2026-Q2,"12,5",300,{a.codigo_dir3}\n',
        por=usuario_calidad,
    )
    assert n == 2
    services.recalcular_indicadores(
        periodos=["2026-Q1", "2026-Q2"], codigos=["clima-laboral", "tiempo-espera"]
    )
    assert (
        ValorIndicador.objects.get(
            indicador=clima, periodo="2026-Q2", ambito_clave="organizacion"
        ).valor
        == 7.4
    )
    assert (
        ValorIndicador.objects.get(
            indicador__codigo="tiempo-espera",
            periodo="2026-Q2",
            ambito_clave=f"oficina:{a.pk}",
        ).valor
        == 12.5
    )
    with pytest.raises(ValidationError):
        services.importar_valores_csv(
            contenido="indicador,periodo,valor\ncsat,2026-Q2,80\n"
        )
    with pytest.raises(ValidationError):
        services.importar_valores_csv(
            contenido="indicador,periodo,valor\nclima-laboral,2026-13,8\n"
        )
    assert ValorManual.objects.count() == 3  # the bad files changed nothing


def test_csv_erroneo_responde_400_con_mensaje(client, usuario_calidad):
    from django.core.files.uploadedfile import SimpleUploadedFile

    archivo = SimpleUploadedFile(
        "v.csv", b"indicador,periodo,valor\ncsat,2026-Q2,80\n", content_type="text/csv"
    )
    r = cliente_de(client, usuario_calidad).post(
        reverse("mejora:valores"), {"accion": "csv", "archivo": archivo}
    )
    assert r.status_code == 400
    assert "indicador manual desconocido" in r.content.decode()


def test_meta_mas_especifica_gana_y_semaforo(plantilla, indicador_pruebas):
    a, _b = plantilla
    indicador_pruebas.n_minimo = 2  # office B (n = 2) published: A is no complement
    indicador_pruebas.save()
    services.fijar_meta(indicador=indicador_pruebas, anio=2026, objetivo=60, umbral=50)
    services.fijar_meta(
        indicador=indicador_pruebas,
        anio=2026,
        trimestre=2,
        objetivo=80,
        umbral=70,
        ambito="oficina",
        oficina=a,
    )
    services.recalcular_indicadores(
        periodos=["2026-Q2"], codigos=[indicador_pruebas.codigo]
    )
    org = selectors.analisis_indicadores(
        Periodo.de("2026-Q2"), "organizacion", [indicador_pruebas]
    )[0]
    ofi = selectors.analisis_indicadores(
        Periodo.de("2026-Q2"), f"oficina:{a.pk}", [indicador_pruebas]
    )[0]
    assert org["objetivo"] == 60 and org["semaforo"] == "ok"  # 66.7 ≥ 60
    assert (
        org["cumple_significativo"] is False
    )  # lower bound 30.0 < 60: not significant
    assert (
        ofi["objetivo"] == 80 and ofi["semaforo"] == "aviso"
    )  # office A: 70 ≤ 75 < 80
    assert MetaIndicador.objects.count() == 2
    with pytest.raises(ValidationError):
        services.fijar_meta(
            indicador=indicador_pruebas, anio=2026, objetivo=60, umbral=70
        )


def test_muestra_insuficiente_y_sin_datos():
    assert analisis.estado_muestra(None, 0, 30) == "sin_datos"
    assert analisis.estado_muestra(80.0, 12, 30) == "insuficiente"
    assert analisis.estado_muestra(80.0, 30, 30) == "ok"


def test_carta_de_control_punto_fuera_de_3_sigma():
    base = [80, 81, 79, 80, 81, 79, 80]
    assert analisis.carta_control(base + [80.5])["senal"] is False
    r = analisis.carta_control(base + [70])
    assert r["senal"] is True and r["fuera"] == [7]
    assert r["centro"] == pytest.approx(80)


def test_carta_de_control_racha_de_8_en_un_lado():
    serie = [70, 90, 70, 90, 70, 90, 81, 82, 81, 82, 81, 82, 81, 82, 81.5]
    r = analisis.carta_control(serie)
    assert r["racha"] is True and r["senal"] is True
    assert (
        analisis.carta_control([70, 90, 70, 90, 81, 79, 81, 79, 80])["racha"] is False
    )


def test_cambio_significativo_con_prueba_z_y_no_con_dos_cifras_sueltas():
    assert (
        analisis.cambio_significativo(
            {"valor": 85, "n": 1000}, {"valor": 80, "n": 1000}, "%"
        )
        is True
    )
    assert (
        analisis.cambio_significativo(
            {"valor": 85, "n": 20}, {"valor": 80, "n": 20}, "%"
        )
        is False
    )
    assert (
        analisis.cambio_significativo(
            {"valor": 3.1, "n": 5, "ic_inf": 2.9, "ic_sup": 3.3},
            {"valor": 2.5, "n": 5, "ic_inf": 2.3, "ic_sup": 2.7},
            "h",
        )
        is True
    )


def test_tablero_con_volumen_hace_consultas_acotadas(
    plantilla,
    indicador_pruebas,
    client,
    usuario_direccion,
    django_assert_max_num_queries,
):
    for _ in range(20):
        OficinaFactory()
    services.recalcular_indicadores(
        periodos=[p.clave for p in Periodo.de("2026-Q2").serie(8)]
    )
    c = cliente_de(client, usuario_direccion)
    with django_assert_max_num_queries(15):
        r = c.get(reverse("mejora:tablero") + "?periodo=2026-Q2")
    assert r.status_code == 200
    with django_assert_max_num_queries(15):
        r = c.get(
            reverse("mejora:indicador", args=[indicador_pruebas.codigo])
            + "?periodo=2026-Q2"
        )
    assert r.status_code == 200
    assert "Oficina A" in r.content.decode()


def test_parametros_erroneos_dan_400_no_500(client, usuario_direccion):
    c = cliente_de(client, usuario_direccion)
    assert c.get(reverse("mejora:tablero") + "?periodo=2026-Q9").status_code == 400
    assert (
        c.get(reverse("mejora:tablero") + "?ambito=oficina:999999").status_code == 400
    )
    assert c.get(reverse("mejora:tablero") + "?ambito=nada").status_code == 400


def test_tablero_sin_datos_lo_dice(client, usuario_direccion):
    r = cliente_de(client, usuario_direccion).get(reverse("mejora:tablero"))
    assert r.status_code == 200
    assert "sin datos" in r.content.decode()


def test_comando_de_importacion_csv(tmp_path):
    from django.core.management import CommandError, call_command

    bueno = tmp_path / "v.csv"
    bueno.write_text(
        "indicador,periodo,valor,n,oficina\nclima-laboral,2026-Q1,7.1,90,\n",
        encoding="utf-8",
    )
    call_command("importar_valores_mejora", str(bueno))
    assert ValorManual.objects.get(periodo="2026-Q1").valor == 7.1
    malo = tmp_path / "m.csv"
    malo.write_text("indicador,periodo,valor\nno-existe,2026-Q1,1\n", encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("importar_valores_mejora", str(malo))


def test_las_tablas_desplazables_del_indicador_se_alcanzan_con_el_teclado(
    client, usuario_calidad
):
    # On a phone the series and segment tables scroll sideways: a keyboard user
    # must be able to focus the scrolling box (axe: scrollable-region-focusable).
    client.force_login(usuario_calidad)
    html = client.get(reverse("mejora:indicador", args=["csat"])).content.decode()
    cajas = re.findall(r'<div class="tabla-scroll"[^>]*>', html)
    assert len(cajas) == 2, cajas
    for caja in cajas:
        assert 'tabindex="0"' in caja and 'role="region"' in caja, caja
        assert "aria-labelledby=" in caja or "aria-label=" in caja, caja
