"""Issue 10, findings 4 and 5: the report says only what is so, and the approved
PDF says what the page says."""

import hashlib
import io
import re
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from mejora import informe as documento
from mejora import selectors, services
from mejora.models import (
    AccionMejora,
    Ambito,
    CartaServicios,
    Compromiso,
    Indicador,
    Informe,
    ModeloCalidad,
    PlanMejora,
    Subcriterio,
    ValorIndicador,
)
from mejora.periodos import Periodo
from mejora.tasks import generar_pdf_informe
from tests.conftest import cliente_de
from tests.factories import EmpleadoFactory, OficinaFactory
from tests.mejora.conftest import ALTA, _generar, _texto_pdf

pytestmark = pytest.mark.django_db


def _texto(contenido: bytes) -> str:
    texto = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(contenido)).pages)
    return " ".join(texto.split())


# --- Finding 5: the approved PDF ----------------------------------------------


def test_aprobar_regenera_el_pdf_con_la_aprobacion_antes_de_sellarlo(
    datos, usuario_direccion, client, django_capture_on_commit_callbacks
):
    usuario_direccion.first_name, usuario_direccion.last_name = "Marta", "Ruiz"
    usuario_direccion.save()
    inf = _generar(datos, usuario_direccion, django_capture_on_commit_callbacks)
    assert "Pendiente de aprobación por la dirección" in _texto_pdf(inf)
    c = cliente_de(client, usuario_direccion)
    with django_capture_on_commit_callbacks(execute=True):
        r = c.post(reverse("mejora:informe_aprobar", args=[inf.pk]))
    assert r.status_code == 302
    inf.refresh_from_db()
    assert inf.estado == Informe.Estado.APROBADO
    fecha = timezone.localtime(inf.aprobado_en).strftime("%d/%m/%Y")
    texto = _texto_pdf(inf)  # also checks the stored SHA-256 against the file
    assert "Pendiente de aprobación" not in texto
    assert f"Aprobado por Marta Ruiz el {fecha}" in texto
    html = c.get(reverse("mejora:informe", args=[inf.pk])).content.decode()
    assert "Pendiente de aprobación" not in html
    assert f"Aprobado por Marta Ruiz el {fecha}" in html and inf.sha256 in html
    descarga = c.get(reverse("mejora:informe_pdf", args=[inf.pk]))
    contenido = b"".join(descarga.streaming_content)
    assert hashlib.sha256(contenido).hexdigest() == inf.sha256
    assert descarga["X-Content-SHA256"] == inf.sha256
    # Frozen: no task run (old or repeated message) touches it again.
    sha, nombre = inf.sha256, inf.archivo.name
    generar_pdf_informe(inf.pk, inf.version)
    generar_pdf_informe(inf.pk, inf.version - 1)
    inf.refresh_from_db()
    assert (inf.sha256, inf.archivo.name) == (sha, nombre)
    assert c.post(reverse("mejora:informe_regenerar", args=[inf.pk])).status_code == 409


def test_mientras_se_aprueba_no_se_puede_regenerar_ni_aprobar_otra_vez(
    datos, usuario_direccion, django_capture_on_commit_callbacks
):
    inf = _generar(datos, usuario_direccion, django_capture_on_commit_callbacks)
    services.aprobar_informe(informe=inf, por=usuario_direccion)  # task not run
    inf.refresh_from_db()
    assert inf.estado != Informe.Estado.APROBADO and inf.aprobado_por is not None
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.solicitar_informe(
            tipo="trimestral",
            periodo="2026-Q2",
            modelo=datos["efqm"],
            por=usuario_direccion,
        )
    with pytest.raises(ValidationError):
        services.aprobar_informe(informe=inf, por=usuario_direccion)


# --- Finding 4: scope -----------------------------------------------------------


@pytest.fixture
def dos_oficinas(indicador_pruebas):
    centro = OficinaFactory(nombre="Oficina Centro")
    norte = OficinaFactory(nombre="Oficina Norte")
    for i in range(10):
        EmpleadoFactory(
            oficina=centro,
            canales=["presencial"] if i < 9 else ["telematico"],
            fecha_alta=ALTA,
        )
    for i in range(10):
        EmpleadoFactory(
            oficina=norte,
            canales=["presencial"] if i < 3 else ["telematico"],
            fecha_alta=ALTA,
        )
    services.fijar_meta(indicador=indicador_pruebas, anio=2026, objetivo=85)
    services.recalcular_indicadores(
        periodos=["2026-Q1", "2026-Q2"], codigos=[indicador_pruebas.codigo]
    )
    return {"centro": centro, "norte": norte, "indicador": indicador_pruebas}


def _informe_oficina(oficina, modelo="EFQM", periodo="2026-Q2"):
    return Informe.objects.create(
        tipo="trimestral",
        periodo=periodo,
        modelo=ModeloCalidad.objects.get(codigo=modelo),
        ambito=Ambito.OFICINA,
        oficina=oficina,
    )


def test_informe_de_oficina_deriva_sus_areas_de_mejora_de_la_oficina(dos_oficinas):
    inf = _informe_oficina(dos_oficinas["norte"])
    d = documento.reunir_datos(inf, hoy=date(2026, 7, 5))
    # Norte: 3 of 10 serve the counter (30 %) against a target of 85.
    assert any(
        "Personal que atiende presencialmente" in a for a in d["resumen"]["areas"]
    )
    assert any("30,0" in a for a in d["resumen"]["areas"])


def test_informe_de_oficina_rotula_las_secciones_con_datos_de_toda_la_organizacion(
    dos_oficinas, usuario_direccion
):
    carta = CartaServicios.objects.create(
        codigo="general", nombre="Carta general", vigente_desde=date(2025, 1, 1)
    )
    Compromiso.objects.create(
        carta=carta, texto="Atender", indicador=dos_oficinas["indicador"], objetivo=70
    )
    PlanMejora.objects.create(nombre="Plan 2026", anio=2026)
    inf = _informe_oficina(dos_oficinas["norte"])
    d = documento.reunir_datos(inf, hoy=date(2026, 7, 5))
    html = documento.html(d)
    # Profile (services), carta and plan are organisation-wide: labelled so.
    for seccion in ("s2", "s4", "s7"):
        bloque = html.split(f'id="{seccion}"')[1].split("</section>")[0]
        assert "Datos de toda la organización" in bloque, seccion
    # The office's own sections are not labelled as organisation data.
    resultados = html.split('id="s3"')[1].split("</section>")[0]
    assert "Datos de toda la organización" not in resultados
    assert "30,0" in resultados


def test_analisis_de_causas_compara_la_oficina_con_el_resto(dos_oficinas):
    trato = Indicador.objects.create(
        codigo="trato-pruebas",
        nombre="Trato del personal",
        unidad="%",
        fuente=Indicador.Fuente.ENCUESTAS,
        selector="encuestas.acuerdo",
        parametros={"item": "TRATO"},
        n_minimo=30,
        activo=True,
    )
    p = Periodo.de("2026-Q2")
    for oficina, valor in (
        (dos_oficinas["centro"], 80.0),
        (dos_oficinas["norte"], 40.0),
    ):
        ValorIndicador.objects.create(
            indicador=trato,
            periodo=p.clave,
            desde=p.desde,
            hasta=p.hasta,
            ambito=Ambito.OFICINA,
            oficina=oficina,
            ambito_clave=f"oficina:{oficina.pk}",
            valor=valor,
            n=50,
            calculado_en=timezone.now(),
        )
    inf = _informe_oficina(dos_oficinas["norte"])
    d = documento.reunir_datos(inf, hoy=date(2026, 7, 5))
    pistas = d["pistas"]["pistas"]
    assert len(pistas) == 1
    assert pistas[0]["oficina"] == "Oficina Norte"
    assert pistas[0]["valor"] == 40.0 and pistas[0]["media_organizacion"] == 80.0


# --- Finding 4: periods still running -----------------------------------------


def test_trimestre_en_curso_no_decide_el_anio_de_la_carta(dos_oficinas):
    carta = CartaServicios.objects.create(
        codigo="norte",
        nombre="Carta Norte",
        vigente_desde=date(2025, 1, 1),
        oficina=dos_oficinas["norte"],
    )
    Compromiso.objects.create(
        carta=carta, texto="Atender", indicador=dos_oficinas["indicador"], objetivo=25
    )
    # Q2 still running on 15 May: its partial value must not decide the year.
    ValorIndicador.objects.filter(
        periodo="2026-Q2", ambito_clave=f"oficina:{dos_oficinas['norte'].pk}"
    ).update(valor=10.0)
    c = selectors.cumplimiento_carta(carta, anio=2026, hoy=date(2026, 5, 15))
    fila = c["filas"][0]
    q1, q2 = fila["celdas"][0], fila["celdas"][1]
    assert q1["estado"] == "cumplido"
    assert q2["en_curso"] is True
    assert fila["anual"] == "cumplido" and c["provisional"] is True


def test_pagina_publica_de_la_carta_marca_el_trimestre_en_curso(
    dos_oficinas, client, monkeypatch
):
    from wagtail.models import Site

    from mejora.models import CartaServiciosPage, CartasIndexPage

    carta = CartaServicios.objects.create(
        codigo="g", nombre="Carta", vigente_desde=date(2025, 1, 1)
    )
    Compromiso.objects.create(
        carta=carta, texto="Atender", indicador=dos_oficinas["indicador"], objetivo=60
    )
    ValorIndicador.objects.filter(
        periodo="2026-Q2", ambito_clave="organizacion"
    ).update(valor=10.0)
    raiz = Site.objects.get(is_default_site=True).root_page
    indice = raiz.add_child(instance=CartasIndexPage(title="Cartas", slug="cartas"))
    pagina = indice.add_child(
        instance=CartaServiciosPage(title="Carta", slug="carta", carta=carta)
    )
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: date(2026, 5, 15))
    html = client.get(pagina.url).content.decode()
    assert "en curso" in html
    assert "no cumplido" not in html
    assert "provisional" in html


def test_informe_de_un_trimestre_sin_terminar_lo_dice(datos):
    inf = Informe.objects.create(
        tipo="trimestral", periodo="2026-Q2", modelo=datos["efqm"]
    )
    d = documento.reunir_datos(inf, hoy=date(2026, 5, 15))
    assert d["portada"]["en_curso"] is True
    assert "en curso" in documento.html(d).split('id="s1"')[0]
    assert (
        documento.reunir_datos(inf, hoy=date(2026, 7, 5))["portada"]["en_curso"]
        is False
    )


# --- Finding 4: CAF totals ------------------------------------------------------


def test_total_caf_incompleto_no_se_muestra_como_total(usuario_direccion):
    caf = ModeloCalidad.objects.get(codigo="CAF")
    ae = services.crear_autoevaluacion(
        modelo=caf, titulo="CAF 2026", periodo="2026-Q2", miembros=[usuario_direccion]
    )
    subs = list(
        Subcriterio.objects.filter(criterio__modelo=caf).order_by(
            "criterio__orden", "orden"
        )
    )
    assert len(subs) == 28
    for s in subs[:11]:
        services.fijar_puntuacion_final(autoevaluacion=ae, subcriterio=s, puntuacion=51)
    p = selectors.puntuacion_modelo(ae)
    assert p["total"] is None and (p["puntuados"], p["subcriterios"]) == (11, 28)
    inf = Informe.objects.create(tipo="trimestral", periodo="2026-Q2", modelo=caf)
    d = documento.reunir_datos(inf, hoy=date(2026, 7, 5))
    html = documento.html(d)
    assert "de 100" not in html
    assert "11 de 28 subcriterios puntuados" in html


# --- Finding 4: office comparison -----------------------------------------------


def test_comparacion_de_oficinas_con_intervalos_y_sin_ranking(dos_oficinas):
    inf = Informe.objects.create(
        tipo="trimestral",
        periodo="2026-Q2",
        modelo=ModeloCalidad.objects.get(codigo="EFQM"),
    )
    d = documento.reunir_datos(inf, hoy=date(2026, 7, 5))
    comp = d["resultados"][0]["comparacion"]
    assert "oficinas_peor" not in comp
    nombres = [o["nombre"] for o in comp["oficinas"]]
    assert nombres == sorted(nombres) == ["Oficina Centro", "Oficina Norte"]
    norte = comp["oficinas"][1]
    assert norte["ic_inf"] is not None and norte["ic_sup"] < 85
    assert norte["por_debajo"] is True and comp["oficinas"][0]["por_debajo"] is False
    html = documento.html(d)
    assert "peor resultado" not in html
    assert "IC 95 %" in html.split('id="s3"')[1]


# --- Finding 4: effect of actions ---------------------------------------------


def test_efecto_de_una_accion_compara_antes_del_inicio_con_despues_del_fin(
    indicador_pruebas,
):
    p = Periodo.de("2026-Q1")
    for periodo, valor in (("2025-Q4", 50.0), ("2026-Q1", 90.0), ("2026-Q3", 52.0)):
        p = Periodo.de(periodo)
        ValorIndicador.objects.create(
            indicador=indicador_pruebas,
            periodo=periodo,
            desde=p.desde,
            hasta=p.hasta,
            ambito=Ambito.ORGANIZACION,
            ambito_clave="organizacion",
            valor=valor,
            n=400,
            calculado_en=timezone.now(),
        )
    plan = PlanMejora.objects.create(nombre="Plan", anio=2026)
    # The stored periods measure the change *before* the action started.
    accion = services.guardar_accion(
        accion=AccionMejora(
            plan=plan,
            titulo="Acción",
            indicador=indicador_pruebas,
            fecha_inicio=date(2026, 4, 1),
            fecha_fin=date(2026, 6, 30),
            impacto=3,
            viabilidad=3,
            estado=AccionMejora.Estado.CERRADA,
            periodo_antes="2025-Q4",
            periodo_despues="2026-Q1",
        )
    )
    e = selectors.efecto_accion(accion, hoy=date(2026, 10, 15))
    # The stored baseline ends before the start and is kept; the stored "after"
    # is replaced by the first quarter after the deadline.
    assert (e["periodo_antes"], e["periodo_despues"]) == ("2025-Q4", "2026-Q3")
    assert (e["antes"], e["despues"]) == (50.0, 52.0)
    assert e["significativo"] is False and e["medible"] is False


def test_accion_cancelada_no_cuenta_como_eficaz(indicador_pruebas):
    for periodo, valor in (("2025-Q4", 40.0), ("2026-Q3", 90.0)):
        p = Periodo.de(periodo)
        ValorIndicador.objects.create(
            indicador=indicador_pruebas,
            periodo=periodo,
            desde=p.desde,
            hasta=p.hasta,
            ambito=Ambito.ORGANIZACION,
            ambito_clave="organizacion",
            valor=valor,
            n=400,
            calculado_en=timezone.now(),
        )
    anterior = PlanMejora.objects.create(nombre="Plan 2025", anio=2025)
    PlanMejora.objects.create(nombre="Plan 2026", anio=2026, plan_anterior=anterior)
    accion = services.guardar_accion(
        accion=AccionMejora(
            plan=anterior,
            titulo="Cancelada",
            indicador=indicador_pruebas,
            fecha_inicio=date(2026, 1, 1),
            fecha_fin=date(2026, 6, 30),
            impacto=3,
            viabilidad=3,
            estado=AccionMejora.Estado.CANCELADA,
        )
    )
    assert selectors.efecto_accion(accion, hoy=date(2026, 10, 15)) is None
    inf = Informe.objects.create(
        tipo="trimestral",
        periodo="2026-Q3",
        modelo=ModeloCalidad.objects.get(codigo="EFQM"),
    )
    d = documento.reunir_datos(inf, hoy=date(2026, 10, 15))
    assert d["seguimiento"]["eficaces"] == 0
    assert d["seguimiento"]["acciones"][0]["efecto"] is None


# --- Finding 4: numbers in the page's locale -------------------------------------


def test_hallazgos_y_graficos_con_decimales_en_espanol(dos_oficinas):
    hallazgos = services.proponer_hallazgos(
        periodo="2026-Q2", ambito_clave=f"oficina:{dos_oficinas['norte'].pk}"
    )
    assert hallazgos and "30,0" in hallazgos[0].texto
    assert not re.search(r"\d\.\d", hallazgos[0].texto)
    from django.utils import translation

    from comun import graficos

    assert ">51,4<" in graficos.barras([("1", 51.4)])
    with translation.override("en"):
        assert ">51.4<" in graficos.barras([("1", 51.4)])


def test_el_informe_no_tiene_decimales_con_punto(
    datos, usuario_direccion, django_capture_on_commit_callbacks
):
    services.proponer_hallazgos(periodo="2026-Q2")
    inf = _generar(datos, usuario_direccion, django_capture_on_commit_callbacks)
    # Dates use slashes and period keys dashes; a dot between digits is a
    # number unless it is a model's part identifier ("6.1").
    identificadores = set(Subcriterio.objects.values_list("identificador", flat=True))

    def decimales_con_punto(texto):
        return [x for x in re.findall(r"\d+\.\d+", texto) if x not in identificadores]

    assert not decimales_con_punto(_texto_pdf(inf))
    html = re.sub(r"<[^>]+>", " ", documento.html(inf.datos))  # text, not attributes
    assert not decimales_con_punto(html)


def test_si_falla_el_pdf_definitivo_la_aprobacion_se_reintenta(
    datos, usuario_direccion, client, monkeypatch, django_capture_on_commit_callbacks
):
    inf = _generar(datos, usuario_direccion, django_capture_on_commit_callbacks)
    original = documento.pdf

    def roto(d):
        raise ValueError("fallo de composición")

    monkeypatch.setattr(documento, "pdf", roto)
    c = cliente_de(client, usuario_direccion)
    with pytest.raises(ValueError):
        with django_capture_on_commit_callbacks(execute=True):
            c.post(reverse("mejora:informe_aprobar", args=[inf.pk]))
    inf.refresh_from_db()
    assert inf.estado == Informe.Estado.ERROR and inf.aprobado_por == usuario_direccion
    html = c.get(reverse("mejora:informe", args=[inf.pk])).content.decode()
    assert "Aprobar (congela el informe)" in html and "Regenerar" not in html
    monkeypatch.setattr(documento, "pdf", original)
    with django_capture_on_commit_callbacks(execute=True):
        c.post(reverse("mejora:informe_aprobar", args=[inf.pk]))
    inf.refresh_from_db()
    assert inf.estado == Informe.Estado.APROBADO
    assert "Aprobado por" in _texto_pdf(inf)
