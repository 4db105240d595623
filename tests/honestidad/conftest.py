"""One scenario of known raw rows for the honesty test, built through the real
services (attentions, invitations, answers, kiosk taps, the rollup consolidation
beat runs, the indicator recalculation, improvement actions and the report).

"Today" is Friday 15 May 2026 (Europe/Madrid): 2026-Q2 is the quarter in course,
2026-Q1 the last complete one. Every answer carries only SAT (1–5); CSAT is the
share of 4–5. The figures below are the raw rows; the test computes every
expected figure from them by hand.
"""

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache
from django.utils import timezone
from wagtail.models import Site

from encuestas import resumenes, services
from mejora import services as mejora_services
from mejora.models import (
    AccionMejora,
    CartaServicios,
    CartaServiciosPage,
    CartasIndexPage,
    Compromiso,
    Indicador,
    Informe,
    ModeloCalidad,
    PlanMejora,
)
from organizacion.models import Canal
from tests.factories import EmpleadoFactory, OficinaFactory

MADRID = ZoneInfo("Europe/Madrid")
HOY = datetime(2026, 5, 15, 12, 0, tzinfo=MADRID)

# SAT answers per office and quarter, with the invitations offered (the answered
# ones plus some never answered) and the day everything happened.
RESPUESTAS = {
    # office: {quarter: (day, offered, [SAT answers])}
    "A": {
        "2025-Q3": (date(2025, 8, 20), 32, [5] * 6 + [4] * 6 + [3] * 10 + [1] * 10),
        "2026-Q1": (
            date(2026, 3, 10),
            50,
            [5] * 18 + [4] * 12 + [3] * 4 + [2] * 3 + [1] * 3,
        ),
        "2026-Q2": (date(2026, 5, 12), 36, [5] * 14 + [4] * 10 + [3] * 3 + [1] * 3),
    },
    "B": {"2026-Q1": (date(2026, 3, 10), 13, [5] * 4 + [4] * 3 + [3] * 2 + [2] * 3)},
    "C": {"2026-Q1": (date(2026, 3, 10), 31, [5] * 11 + [4] * 9 + [3] * 6 + [1] * 4)},
}
# Kiosk at office A on 13 May 2026: faces 4, 3, 2, 1 (SAT 5, 4, 2, 1) and a fifth
# tap (face 4) inside the same burst window, kept but not reportable.
CARAS_QUIOSCO = [4, 3, 2, 1, 4]
DIA_QUIOSCO = date(2026, 5, 13)
RAFAGA = (4, 3600)


class Reloj:
    """timezone.now() under the test's control (responses take their date from it)."""

    def __init__(self, momento: datetime):
        self.momento = momento

    def __call__(self) -> datetime:
        return self.momento.astimezone(ZoneInfo("UTC"))

    def el(self, dia: date, hora: int = 10) -> None:
        self.momento = datetime(dia.year, dia.month, dia.day, hora, tzinfo=MADRID)


@dataclass
class Escenario:
    oficinas: dict
    direccion: object
    supervisor_b: object
    empleado_a: object
    kiosco: object
    accion_cerrada: AccionMejora
    accion_cancelada: AccionMejora
    carta: CartaServicios
    pagina_carta: CartaServiciosPage
    clave_api: str
    informe: Informe


@pytest.fixture
def reloj(monkeypatch):
    r = Reloj(HOY)
    monkeypatch.setattr(timezone, "now", r)
    return r


def _responder(oficina, dia, ofrecidas, sats, reloj):
    presencial = Canal.objects.get(codigo="presencial")
    reloj.el(dia)
    for i in range(ofrecidas):
        registro = services.registrar_atencion(
            oficina=oficina, canal=presencial, forzar_invitacion=True
        )
        if i < len(sats):
            services.responder(token=registro.token, datos={"SAT": str(sats[i])})


@pytest.fixture
def escenario(db, settings, reloj, django_capture_on_commit_callbacks):
    settings.ENCUESTAS_MIN_N_OFICINA = 30
    settings.ENCUESTAS_QUIOSCO_RAFAGA = RAFAGA
    cache.clear()
    services._CACHE_LINEAS.clear()
    # Only the survey indicators this scenario feeds: the others (training,
    # evaluation, manual) would show figures of rows this test does not write.
    Indicador.objects.exclude(codigo__in=["csat", "tasa-respuesta"]).update(
        activo=False
    )
    oficinas = {
        "A": OficinaFactory(nombre="Oficina Grande Centro", canales=["presencial"]),
        "B": OficinaFactory(nombre="Oficina Pequeña Norte", canales=["presencial"]),
        "C": OficinaFactory(nombre="Oficina Media Sur", canales=["presencial"]),
    }
    for clave, trimestres in RESPUESTAS.items():
        for dia, ofrecidas, sats in trimestres.values():
            _responder(oficinas[clave], dia, ofrecidas, sats, reloj)
    kiosco, _secreto = services.crear_kiosco(
        oficina=oficinas["A"],
        canal=Canal.objects.get(codigo="presencial"),
        nombre="Salida",
    )
    reloj.el(DIA_QUIOSCO)
    for cara in CARAS_QUIOSCO:
        services.responder_quiosco(kiosco=kiosco, cara=cara)
    reloj.momento = HOY
    resumenes.consolidar()  # what beat runs every few seconds
    mejora_services.recalcular_indicadores(
        periodos=["2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2"]
    )

    direccion = EmpleadoFactory(
        oficina=oficinas["A"], usuario__roles=["empleado", "direccion"]
    ).usuario
    supervisor_b = EmpleadoFactory(
        oficina=oficinas["B"], usuario__roles=["empleado", "supervisor"]
    ).usuario
    empleado_a = EmpleadoFactory(oficina=oficinas["A"]).usuario

    csat = Indicador.objects.get(codigo="csat")
    plan = PlanMejora.objects.create(nombre="Plan 2025-2026", anio=2026)
    # Ran through 2025-Q4: before = 2025-Q3, after = 2026-Q1 (both complete).
    accion_cerrada = mejora_services.guardar_accion(
        accion=AccionMejora(
            plan=plan,
            titulo="Rediseñar la acogida en el mostrador",
            indicador=csat,
            fecha_inicio=date(2025, 10, 1),
            fecha_fin=date(2025, 12, 31),
            impacto=4,
            viabilidad=4,
            estado=AccionMejora.Estado.CERRADA,
        )
    )
    accion_cancelada = mejora_services.guardar_accion(
        accion=AccionMejora(
            plan=plan,
            titulo="Encuesta telefónica de seguimiento",
            indicador=csat,
            fecha_inicio=date(2025, 10, 1),
            fecha_fin=date(2025, 12, 31),
            impacto=3,
            viabilidad=2,
            estado=AccionMejora.Estado.CANCELADA,
        )
    )
    carta = CartaServicios.objects.create(
        codigo="atencion",
        nombre="Carta de servicios de atención",
        vigente_desde=date(2025, 1, 1),
    )
    Compromiso.objects.create(
        carta=carta,
        texto="Al menos el 80 % de las personas atendidas quedarán satisfechas",
        indicador=csat,
        objetivo=80,
        umbral=70,
    )
    raiz = Site.objects.get(is_default_site=True).root_page
    indice = raiz.add_child(
        instance=CartasIndexPage(title="Cartas de servicios", slug="cartas")
    )
    pagina = indice.add_child(
        instance=CartaServiciosPage(title=carta.nombre, slug=carta.codigo, carta=carta)
    )
    _integracion, clave_api = services.crear_integracion(
        nombre="Cuadro de mando",
        oficinas=list(oficinas.values()),
        canales=Canal.objects.all(),
    )
    with django_capture_on_commit_callbacks(execute=True):
        informe = mejora_services.solicitar_informe(
            tipo=Informe.Tipo.TRIMESTRAL,
            periodo="2026-Q1",
            modelo=ModeloCalidad.objects.get(codigo="CAF"),
            por=direccion,
        )
    informe.refresh_from_db()
    return Escenario(
        oficinas=oficinas,
        direccion=direccion,
        supervisor_b=supervisor_b,
        empleado_a=empleado_a,
        kiosco=kiosco,
        accion_cerrada=accion_cerrada,
        accion_cancelada=accion_cancelada,
        carta=carta,
        pagina_carta=pagina,
        clave_api=clave_api,
        informe=informe,
    )
