"""Reads: metrics from the rollups (never from raw responses), indicator
functions of CONTRATOS.md, and the lists behind the results pages."""

from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal
from typing import Unpack

from django.db.models import Count, F, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from comun import estadistica as est
from comun.indicadores import Ambito
from comun.supresion import suprimir, suprimir_complementaria, vacia
from organizacion.models import Canal, Oficina

from .. import seguridad, sql
from ..app_settings import ajustes
from ..models import (
    Alerta,
    ContactoHash,
    EmbudoDiario,
    Invitacion,
    ItemVersion,
    Kiosco,
    ReglaMuestreo,
    Respuesta,
)
from .banco import preguntas_del_banco  # noqa: F401  (re-exported)
from .lectura import _filtro, distribuciones
from .periodos import lunes, por_semanas, semanas, tramos  # noqa: F401  (re-exported)

ITEMS_ACUERDO = ("SAT", "CONF", "EFIC", "TIEMPO", "TRATO")
# What a person reads for each question code (the codes stay for machines: exports, API).
ETIQUETAS_ITEM = {
    "SAT": _("Satisfacción"),
    "CONF": _("Confianza"),
    "EFIC": _("Eficacia"),
    "FAC": _("Facilidad"),
    "TIEMPO": _("Tiempo"),
    "TRATO": _("Trato"),
    "NPS": _("Recomendación"),
    "MOTIVO": _("Motivo"),
}
DRIVERS = {
    "SAT": "satisfacción",
    "CONF": "confianza",
    "EFIC": "eficacia",
    "FAC": "facilidad",
    "TIEMPO": "eficiencia",
    "TRATO": "trato del personal",
}


def items_acuerdo() -> list[tuple[str, str]]:
    """(code, label) of the agreement questions, in the order the pages show them."""
    return [(c, ETIQUETAS_ITEM[c]) for c in ITEMS_ACUERDO]


def minimo_oficina() -> int:
    return ajustes.MIN_N_OFICINA


def minimo_empleado() -> int:
    return ajustes.MIN_N_EMPLEADO


def _porcentaje_desde(dist: dict[int, int], corte: int) -> dict:
    """Share of the answers at or above `corte` (4 on a 1–5 item: top-2-box;
    5 on FAC, 1–7), with its Wilson interval."""
    return est.proporcion_de_distribucion(
        dist, lambda v: v >= corte, decimales=est.DECIMALES
    )


def _media(dist: dict[int, int]) -> dict:
    return est.media_de_distribucion(dist, decimales=est.DECIMALES)


def _nps(dist: dict[int, int]) -> dict:
    return est.nps(dist, decimales=est.DECIMALES)


_METRICAS = {
    "csat": lambda d: _porcentaje_desde(d.get("SAT", {}), 4),
    "sat_media": lambda d: _media(d.get("SAT", {})),
    "ces_media": lambda d: _media(d.get("FAC", {})),
    "ces": lambda d: _porcentaje_desde(d.get("FAC", {}), 5),
    "nps": lambda d: _nps(d.get("NPS", {})),
    "acuerdo": lambda d: {c: _porcentaje_desde(d.get(c, {}), 4) for c in ITEMS_ACUERDO},
}


def metricas_de(
    dist_por_codigo: dict[str, dict[int, int]],
    minimo: int = 0,
    claves: Sequence[str] = tuple(_METRICAS),
) -> dict:
    """Every metric of a cell (or only `claves`) from its distributions,
    suppressed below `minimo`."""
    m = {k: _METRICAS[k](dist_por_codigo) for k in claves}
    if minimo:
        m = {
            k: (
                {c: suprimir(x, minimo) for c, x in v.items()}
                if k == "acuerdo"
                else suprimir(v, minimo)
            )
            for k, v in m.items()
        }
    return m


def complementar(celdas: dict) -> dict:
    """Complementary suppression of every metric over cells that add up to a
    published total ({clave: metricas_de(...)}): see suprimir_complementaria."""
    if not celdas:
        return celdas
    claves = next(iter(celdas.values())).keys()
    resultado = {
        k: {**m, "acuerdo": dict(m["acuerdo"])} if "acuerdo" in m else dict(m)
        for k, m in celdas.items()
    }
    for metrica in ("csat", "sat_media", "ces", "ces_media", "nps"):
        if metrica not in claves:
            continue
        columna = suprimir_complementaria({k: m[metrica] for k, m in celdas.items()})
        for k, valor in columna.items():
            resultado[k][metrica] = valor
    for item in ITEMS_ACUERDO if "acuerdo" in claves else ():
        columna = suprimir_complementaria(
            {k: m["acuerdo"][item] for k, m in celdas.items()}
        )
        for k, valor in columna.items():
            resultado[k]["acuerdo"][item] = valor
    return resultado


ITEM_DE_METRICA = {
    "csat": "SAT",
    "sat_media": "SAT",
    "ces": "FAC",
    "ces_media": "FAC",
    "nps": "NPS",
}


def codigos_suprimidos(metricas: dict) -> set[str]:
    """Questions of a cell with a suppressed figure (primary or complementary)."""
    return {
        ITEM_DE_METRICA[k]
        for k in ITEM_DE_METRICA
        if k in metricas and metricas[k].get("suprimido")
    } | {c for c, m in metricas.get("acuerdo", {}).items() if m.get("suprimido")}


def _tasa(ofrecidas: int, completadas: int) -> dict:
    """Response rate of invitation-based channels: completed / offered (capped:
    a late answer after a re-offer does not push it past 100 %)."""
    return est.proporcion(
        min(completadas, ofrecidas), ofrecidas, decimales=est.DECIMALES
    )


def embudo_publicable(celda: dict | None, minimo: int) -> dict:
    """A funnel cell for a page: with fewer offered invitations than the minimum
    the rate is suppressed, and so are the counts it is made of (completed and
    opened over offered would give the rate back); offered is its n."""
    celda = celda or {
        "ofrecidas": 0,
        "abiertas": 0,
        "completadas": 0,
        "tasa": vacia(),
    }
    tasa = suprimir(celda["tasa"], minimo)
    return _embudo_con_tasa(celda, tasa)


def _embudo_con_tasa(celda: dict, tasa: dict) -> dict:
    oculto = tasa.get("suprimido", False)
    return {
        "ofrecidas": celda["ofrecidas"],
        "abiertas": None if oculto else celda["abiertas"],
        "completadas": None if oculto else celda["completadas"],
        "tasa": tasa,
    }


def complementar_embudos(embudos: dict) -> dict:
    """Complementary suppression of the rate over cells that add up to a total."""
    tasas = suprimir_complementaria({k: e["tasa"] for k, e in embudos.items()})
    return {k: _embudo_con_tasa(e, tasas[k]) for k, e in embudos.items()}


def respuestas_quiosco(
    *,
    desde: date,
    hasta: date,
    oficina_ids: Sequence[int] | None = None,
    canal: str | None = None,
    **otros,
) -> int:
    """Valid kiosk taps in a scope: they count in the CSAT and its n but have
    no invitation, so they are outside the response rate. The rollups do not
    tell kiosk from invitation, so this counts responses, only in offices that
    have a kiosk (the (oficina, fecha) index, never a scan of every response)."""
    qs = Respuesta.objects.filter(
        oficina_id__in=Kiosco.objects.values("oficina_id"),
        fecha__gte=desde,
        fecha__lte=hasta,
        reportable=True,
        encuesta__es_quiosco=True,
    )
    if oficina_ids is not None:
        qs = qs.filter(oficina_id__in=list(oficina_ids))
    if canal:
        qs = qs.filter(canal__codigo=canal)
    return qs.count()


def embudo(*, agrupar: Sequence[str] = (), **filtros) -> dict:
    filtros.pop("empleado_id", None)
    qs = EmbudoDiario.objects.filter(_filtro(**filtros))
    sumas = {
        "ofrecidas": Sum("ofrecidas"),
        "abiertas": Sum("abiertas"),
        "completadas": Sum("completadas"),
    }
    if agrupar:
        filas = qs.values(*agrupar).annotate(**sumas).order_by()
    else:  # .values() without fields would not group: aggregate the whole scope
        total = qs.aggregate(**sumas)
        filas = [total] if total["ofrecidas"] is not None else []
    resultado = {}
    for f in filas:
        clave = tuple(f[c] for c in agrupar)
        ofrecidas = f["ofrecidas"] or 0
        resultado[clave] = {
            "ofrecidas": ofrecidas,
            "abiertas": f["abiertas"] or 0,
            "completadas": f["completadas"] or 0,
            "tasa": _tasa(ofrecidas, f["completadas"] or 0),
        }
    return resultado


# --- CONTRATOS.md indicators ---------------------------------------------------------


def _dist(codigo: str, **filtros) -> dict[int, int]:
    return distribuciones(codigos=[codigo], **filtros).get((), {}).get(codigo, {})


def indicador_acuerdo(*, item: str = "SAT", **ambito: Unpack[Ambito]) -> dict:
    return _porcentaje_desde(_dist(item, **ambito), 4)


def indicador_media(*, item: str = "SAT", **ambito: Unpack[Ambito]) -> dict:
    return _media(_dist(item, **ambito))


def indicador_ces(**ambito: Unpack[Ambito]) -> dict:
    return _porcentaje_desde(_dist("FAC", **ambito), 5)


def indicador_nps(**ambito: Unpack[Ambito]) -> dict:
    return _nps(_dist("NPS", **ambito))


def indicador_tasa_respuesta(**ambito: Unpack[Ambito]) -> dict:
    celda = embudo(**ambito).get(())
    return tasa_de_celda(celda)


def tasa_de_celda(celda: dict | None) -> dict:
    """The response rate of a funnel cell ({"ofrecidas", "completadas", …})."""
    if not celda or not celda["ofrecidas"]:
        return vacia()
    return _tasa(celda["ofrecidas"], celda["completadas"])


def agregados_alertas() -> dict:
    """Alerts closed in time and late (closed late, or open past the deadline);
    open ones still in time are not counted yet."""
    ahora = timezone.now()
    return {
        "en_plazo": Count(
            "pk", filter=Q(estado=Alerta.Estado.CERRADA, cerrada_en__lte=F("plazo"))
        ),
        "tarde": Count(
            "pk",
            filter=Q(estado=Alerta.Estado.CERRADA, cerrada_en__gt=F("plazo"))
            | (~Q(estado=Alerta.Estado.CERRADA) & Q(plazo__lt=ahora)),
        ),
    }


def alertas_del_periodo(desde: date, hasta: date):
    return Alerta.objects.filter(creada_en__date__gte=desde, creada_en__date__lte=hasta)


def alertas_en_plazo(datos: dict) -> dict:
    return est.proporcion(
        datos["en_plazo"], datos["en_plazo"] + datos["tarde"], decimales=est.DECIMALES
    )


def indicador_alertas_en_plazo(**ambito: Unpack[Ambito]) -> dict:
    """% of the period's alerts closed by their deadline; open alerts already past
    their deadline count as late, open ones still in time are not counted yet."""
    qs = alertas_del_periodo(ambito["desde"], ambito["hasta"])
    if (oficina_ids := ambito.get("oficina_ids")) is not None:
        qs = qs.filter(oficina_id__in=list(oficina_ids))
    if canal := ambito.get("canal"):
        qs = qs.filter(respuesta__canal__codigo=canal)
    return alertas_en_plazo(qs.aggregate(**agregados_alertas()))


def drivers_por_oficina(
    *,
    desde: date,
    hasta: date,
    oficina_ids: Sequence[int] | None = None,
    canal: str | None = None,
) -> list[dict]:
    dist = distribuciones(
        codigos=list(DRIVERS),
        agrupar=["oficina_id"],
        desde=desde,
        hasta=hasta,
        oficina_ids=oficina_ids,
        canal=canal,
    )
    filas = []
    for (oficina_id,), por_codigo in sorted(dist.items()):
        for codigo, d in sorted(por_codigo.items()):
            m = _porcentaje_desde(d, 5 if codigo == "FAC" else 4)
            filas.append(
                {
                    "oficina_id": oficina_id,
                    "item": codigo,
                    "driver": DRIVERS[codigo],
                    "valor": m["valor"],
                    "n": m["n"],
                    "ic_inf": m["ic_inf"],
                    "ic_sup": m["ic_sup"],
                }
            )
    return filas


# --- pages ----------------------------------------------------------------------------


def resumen(*, minimo: int, **filtros) -> dict:
    """Headline metrics + funnel of a scope: two aggregate queries."""
    dist = distribuciones(**filtros).get((), {})
    return {
        "metricas": metricas_de(dist, minimo),
        "embudo": embudo_publicable(embudo(**filtros).get(()), minimo),
    }


# The office table shows CSAT and CES (and the export rule reads SAT): not the
# other figures of 300 offices.
_METRICAS_OFICINA = ("csat", "sat_media", "ces")


def panel(*, minimo: int, **filtros) -> dict:
    """Everything the results page shows: every question per channel (the total is
    their sum), the two questions the office table reads per office (the
    database groups both: a few hundred and a few thousand rows, not office ×
    channel × every question), the funnel per office, and the trends.

    Every cell is suppressed below `minimo`; the offices, the channels and the
    months (and weeks) each add up to the published total, so each of those
    lists also gets complementary suppression."""
    por_canal = {
        clave[0]: d
        for clave, d in distribuciones(agrupar=["canal_id"], **filtros).items()
    }
    total: dict = {}
    for d in por_canal.values():
        for codigo, dist in d.items():
            suma = total.setdefault(codigo, {})
            for valor, n in dist.items():
                suma[valor] = suma.get(valor, 0) + n
    por_oficina = {
        clave[0]: d
        for clave, d in distribuciones(
            codigos=sorted({ITEM_DE_METRICA[k] for k in _METRICAS_OFICINA}),
            agrupar=["oficina_id"],
            **filtros,
        ).items()
    }
    embudos = embudo(agrupar=["oficina_id"], **filtros)
    suma = {"ofrecidas": 0, "abiertas": 0, "completadas": 0}
    for e in embudos.values():
        for campo in suma:
            suma[campo] += e[campo]
    suma["tasa"] = _tasa(suma["ofrecidas"], suma["completadas"])
    # The last 12 weeks as whole weeks (from a Monday), or the range if shorter.
    ultimo_lunes = lunes(filtros["hasta"])
    doce_semanas = {
        **filtros,
        "desde": max(filtros["desde"], ultimo_lunes - timedelta(weeks=11)),
    }
    return {
        "resumen": {
            "metricas": metricas_de(total, minimo),
            "embudo": embudo_publicable(suma, minimo),
            "quiosco": respuestas_quiosco(**filtros),
        },
        "por_canal": complementar(
            {k: metricas_de(v, minimo) for k, v in por_canal.items()}
        ),
        "por_oficina": complementar(
            {
                k: metricas_de(v, minimo, claves=_METRICAS_OFICINA)
                for k, v in por_oficina.items()
            }
        ),
        "embudo_oficina": complementar_embudos(
            {k: embudo_publicable(e, minimo) for k, e in embudos.items()}
        ),
        "tendencia_mes": tendencia(periodo="mes", minimo=minimo, **filtros),
        "tendencia_semana": tendencia(periodo="semana", minimo=minimo, **doce_semanas),
    }


def oficinas_exportables(*, minimo: int, **filtros) -> tuple[dict[int, set], list[int]]:
    """What a row-level export may carry, by the results page's rule
    (complementary suppression included): ({office id: item codes to blank},
    withheld office ids). An office whose satisfaction is not published is
    withheld; in the others, the answers to a question whose figure is not
    published are blanked (its rows would give the figure back)."""
    celdas = complementar(
        {
            clave[0]: metricas_de(d, minimo)
            for clave, d in distribuciones(agrupar=["oficina_id"], **filtros).items()
        }
    )
    ocultos = {k: codigos_suprimidos(m) for k, m in celdas.items()}
    return (
        {k: c for k, c in ocultos.items() if "SAT" not in c},
        sorted(k for k, c in ocultos.items() if "SAT" in c),
    )


def comparativa(*, por: str, minimo: int, **filtros) -> dict:
    """CSAT per office or channel with intervals: {id: metrics}."""
    dist = distribuciones(codigos=["SAT", "FAC"], agrupar=[por], **filtros)
    return complementar({clave[0]: metricas_de(d, minimo) for clave, d in dist.items()})


def tendencia(*, periodo: str, minimo: int, **filtros) -> list[dict]:
    """CSAT by month or week; the periods add up to the scope's total, so a lone
    suppressed period gets a complement too."""
    dist = distribuciones(codigos=["SAT"], agrupar=[periodo], **filtros)
    celdas = {}
    for (inicio,), d in dist.items():
        inicio = (
            inicio.date()
            if hasattr(inicio, "date") and callable(inicio.date)
            else inicio
        )
        celdas[inicio] = suprimir(_porcentaje_desde(d.get("SAT", {}), 4), minimo)
    celdas = suprimir_complementaria(celdas)
    return [{"inicio": k, "csat": celdas[k]} for k in sorted(celdas)]


def comentarios(
    *,
    desde: date,
    hasta: date,
    oficina_ids: Sequence[int] | None = None,
    empleado_id: int | None = None,
    canal: str | None = None,
):
    qs = Respuesta.objects.filter(fecha__gte=desde, fecha__lte=hasta).exclude(
        comentario=""
    )
    if oficina_ids is not None:
        qs = qs.filter(oficina_id__in=list(oficina_ids))
    if empleado_id is not None:
        qs = qs.filter(empleado_id=empleado_id)
    if canal:
        qs = qs.filter(canal__codigo=canal)
    return qs.select_related("canal", "oficina").order_by("-hora", "-pk")


def alertas_para(*, oficina_ids: Sequence[int] | None, estado: str | None = None):
    qs = Alerta.objects.select_related("oficina", "responsable", "respuesta")
    if oficina_ids is not None:
        qs = qs.filter(oficina_id__in=list(oficina_ids))
    if estado:
        qs = qs.filter(estado=estado)
    return qs.order_by("estado", "plazo")


def textos_item(codigo: str, idioma: str) -> str:
    version = (
        ItemVersion.objects.filter(item__codigo=codigo).order_by("-version").first()
    )
    return version.texto(idioma) if version else codigo


# --- invitations ----------------------------------------------------------------------


def invitacion_por_token(token: str) -> Invitacion | None:
    """The invitation of a token (with its attention event), or None.

    The hot path of every public page: one fixed SQL statement (`sql`)."""
    if not seguridad.token_valido(token):
        return None
    return sql.invitacion_por_hash(seguridad.hash_token(token))


def baja_por_token(token: str) -> bool | None:
    """Whether the contact of an unsubscribe link has opted out; None when the
    link's token is malformed or unknown."""
    if not seguridad.token_valido(token):
        return None
    return (
        ContactoHash.objects.filter(baja_token_hash=seguridad.hash_token_baja(token))
        .values_list("baja", flat=True)
        .first()
    )


def regla_de(canal: Canal, oficina: Oficina) -> tuple[Decimal, int]:
    """(sampling rate, days to expiry) of a channel in an office: its own rule,
    else the channel's, else everything and a week."""
    return reglas_de({(canal.pk, oficina.pk)})[canal.pk, oficina.pk]


def reglas_de(
    pares: set[tuple[int, int]],
) -> dict[tuple[int, int], tuple[Decimal, int]]:
    """`regla_de` of many (canal_id, oficina_id) pairs with one query."""
    reglas = {
        (r.canal_id, r.oficina_id): (r.tasa, r.caducidad_dias)
        for r in ReglaMuestreo.objects.filter(
            Q(oficina_id__in={o for _c, o in pares}) | Q(oficina__isnull=True),
            canal_id__in={c for c, _o in pares},
        )
    }
    return {
        (c, o): reglas.get((c, o)) or reglas.get((c, None)) or (Decimal(1), 7)
        for c, o in pares
    }
