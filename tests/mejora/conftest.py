"""Fixtures for mejora: a real selector registered for the tests (it computes from
the database, like the source apps' contract functions) and helpers."""

import hashlib
import io
import math
from datetime import date

import pytest
from django.db.models import Count, Q
from pypdf import PdfReader

from mejora import fuentes, services
from mejora.models import (
    AccionMejora,
    Autoevaluacion,
    CartaServicios,
    Compromiso,
    Indicador,
    Informe,
    ModeloCalidad,
    PlanMejora,
    Subcriterio,
)
from organizacion.models import Empleado
from tests.conftest import cliente_de
from tests.factories import EmpleadoFactory, OficinaFactory


def _wilson(exitos: int, n: int) -> tuple[float | None, float | None]:
    if not n:
        return None, None
    z = 1.96
    p = exitos / n
    centro = (p + z * z / (2 * n)) / (1 + z * z / n)
    margen = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return 100 * (centro - margen), 100 * (centro + margen)


def porcentaje_atienden_canal(
    *, desde, hasta, oficina_ids=None, canal=None, canal_objetivo="presencial"
):
    """% of employees active at `hasta` in scope who serve `canal_objetivo`
    (one aggregate query)."""
    qs = Empleado.objects.filter(fecha_alta__lte=hasta).filter(
        Q(fecha_baja__isnull=True) | Q(fecha_baja__gt=hasta)
    )
    if oficina_ids is not None:
        qs = qs.filter(oficina_id__in=oficina_ids)
    if canal:
        qs = qs.filter(canales__codigo=canal)
    r = qs.aggregate(
        n=Count("pk", distinct=True),
        si=Count("pk", filter=Q(canales__codigo=canal_objetivo), distinct=True),
    )
    if not r["n"]:
        return {"valor": None, "n": 0, "ic_inf": None, "ic_sup": None}
    inf, sup = _wilson(r["si"], r["n"])
    return {"valor": 100 * r["si"] / r["n"], "n": r["n"], "ic_inf": inf, "ic_sup": sup}


@pytest.fixture
def selector_pruebas():
    fuentes.registrar("pruebas.atienden_canal", porcentaje_atienden_canal)
    yield "pruebas.atienden_canal"
    fuentes.desregistrar("pruebas.atienden_canal")


@pytest.fixture
def indicador_pruebas(db, selector_pruebas):
    """Only this indicator (plus the manual ones) stays active, so tests do not
    depend on which source apps are merged yet."""
    Indicador.objects.exclude(fuente=Indicador.Fuente.MANUAL).update(activo=False)
    return Indicador.objects.create(
        codigo="atienden-presencial",
        nombre="Personal que atiende presencialmente",
        unidad="%",
        fuente=Indicador.Fuente.EVALUACION,
        selector=selector_pruebas,
        parametros={"canal_objetivo": "presencial"},
        n_minimo=3,
        por_canal=False,
        clave=True,
        orden=0,
    )


ALTA = date(2020, 1, 1)


@pytest.fixture
def datos(indicador_pruebas, usuario_direccion):
    a = OficinaFactory(nombre="Oficina Centro")
    for canales in (["presencial"], ["presencial"], ["presencial"], ["telematico"]):
        EmpleadoFactory(oficina=a, canales=canales, fecha_alta=ALTA)
    services.fijar_meta(indicador=indicador_pruebas, anio=2026, objetivo=70, umbral=60)
    services.recalcular_indicadores(
        periodos=["2026-Q1", "2026-Q2"], codigos=[indicador_pruebas.codigo]
    )
    efqm = ModeloCalidad.objects.get(codigo="EFQM")
    ae = services.crear_autoevaluacion(
        modelo=efqm,
        titulo="Autoevaluación 2026",
        periodo="2026-Q2",
        miembros=[usuario_direccion],
    )
    services.fijar_puntuacion_final(
        autoevaluacion=ae,
        subcriterio=Subcriterio.objects.get(criterio__modelo=efqm, identificador="6"),
        puntuacion=45,
        evidencias="Encuesta trimestral",
    )
    plan = PlanMejora.objects.create(nombre="Plan 2026", anio=2026)
    services.guardar_accion(
        accion=AccionMejora(
            plan=plan,
            titulo="Reforzar la atención presencial",
            indicador=indicador_pruebas,
            fecha_inicio=date(2026, 1, 10),
            fecha_fin=date(2026, 6, 30),
            impacto=4,
            viabilidad=3,
            estado=AccionMejora.Estado.HACER,
            progreso=40,
            periodo_antes="2026-Q1",
            periodo_despues="2026-Q2",
        )
    )
    carta = CartaServicios.objects.create(
        codigo="general",
        nombre="Carta de servicios general",
        vigente_desde=date(2025, 1, 1),
    )
    Compromiso.objects.create(
        carta=carta,
        texto="Atender presencialmente",
        indicador=indicador_pruebas,
        objetivo=70,
    )
    return {"efqm": efqm, "oficina": a}


@pytest.fixture
def objetos(usuario_direccion):
    efqm = ModeloCalidad.objects.get(codigo="EFQM")
    inf = Informe.objects.create(tipo="trimestral", periodo="2026-Q2", modelo=efqm)
    ae = Autoevaluacion.objects.create(modelo=efqm, titulo="AE", periodo="2026-Q2")
    plan = PlanMejora.objects.create(nombre="Plan", anio=2026)
    accion = AccionMejora.objects.create(
        plan=plan,
        titulo="A",
        fecha_inicio=date(2026, 1, 1),
        fecha_fin=date(2026, 3, 1),
        impacto=2,
        viabilidad=5,
    )
    carta = CartaServicios.objects.create(
        codigo="c", nombre="Carta", vigente_desde=date(2026, 1, 1)
    )
    return {"informe": inf, "ae": ae, "accion": accion, "carta": carta}


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


def _generar(datos_, por, django_capture_on_commit_callbacks, hoy=None):
    with django_capture_on_commit_callbacks(execute=True):
        inf = services.solicitar_informe(
            tipo="trimestral", periodo="2026-Q2", modelo=datos_["efqm"], por=por
        )
    inf.refresh_from_db()
    return inf


def _texto_pdf(inf) -> str:
    with inf.archivo.open("rb") as f:
        contenido = f.read()
    assert hashlib.sha256(contenido).hexdigest() == inf.sha256
    texto = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(contenido)).pages)
    return " ".join(texto.split())  # table cells wrap lines


@pytest.fixture
def c(client, datos, usuario_direccion):
    return cliente_de(client, usuario_direccion)


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
