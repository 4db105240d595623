"""Helpers for survey tests: invitations and responses go through the services,
so rollups and counters are the real ones."""

from encuestas import resumenes, services
from organizacion.models import Canal

__all__ = [
    "invitar",
    "responder_con",
    "SAT_ALTA",
    "resumenes_por_oficina",
    "resumenes_por_mes",
    "resumenes_por_semana",
]

SAT_ALTA = {"SAT": "5", "CONF": "4", "EFIC": "5", "FAC": "6", "TIEMPO": "4"}


def invitar(oficina, canal: str = "presencial", **kwargs):
    """Returns (registro, token) for a fresh invitation in `oficina`."""
    registro = services.registrar_atencion(
        oficina=oficina,
        canal=Canal.objects.get(codigo=canal),
        forzar_invitacion=True,
        **kwargs,
    )
    return registro, registro.token


def responder_con(
    oficina,
    datos: dict,
    canal: str = "presencial",
    comentario: str = "",
    *,
    consolidar: bool = True,
    **kwargs,
):
    """A citizen answers a fresh invitation; then, unless `consolidar` is False, the
    consolidator runs as beat would, so the response is in the results."""
    registro, token = invitar(oficina, canal, **kwargs)
    respuesta = services.responder(token=token, datos=datos, comentario=comentario)
    if consolidar:
        resumenes.consolidar()
    return respuesta


def resumenes_por_oficina() -> tuple[dict, dict]:
    """(ResumenDiario summed over employee and shards, ResumenOficina summed over
    shards), both {(fecha, oficina, canal, servicio, codigo, valor): n}: the two
    rollups agree when these are equal."""
    from django.db.models import Sum

    from encuestas.models import ResumenDiario, ResumenOficina

    clave = ("fecha", "oficina_id", "canal_id", "servicio_id", "codigo", "valor")

    def sumas(modelo):
        filas = modelo.objects.values(*clave).annotate(t=Sum("n")).order_by()
        return {tuple(f[c] for c in clave): f["t"] for f in filas}

    return sumas(ResumenDiario), sumas(ResumenOficina)


def _grueso(modelo, campo: str, inicio) -> tuple[dict, dict]:
    """(ResumenOficina summed by `inicio(fecha)` over service and shards, `modelo`
    summed over shards), both {(inicio, oficina, canal, codigo, valor): n}."""
    from django.db.models import Sum

    from encuestas.models import ResumenOficina

    desde_diario: dict = {}
    for f in ResumenOficina.objects.values_list(
        "fecha", "oficina_id", "canal_id", "codigo", "valor", "n"
    ):
        clave = (inicio(f[0]), *f[1:5])
        desde_diario[clave] = desde_diario.get(clave, 0) + f[5]
    clave = (campo, "oficina_id", "canal_id", "codigo", "valor")
    grueso = {
        tuple(f[c] for c in clave): f["t"]
        for f in modelo.objects.values(*clave).annotate(t=Sum("n")).order_by()
    }
    return desde_diario, grueso


def resumenes_por_mes() -> tuple[dict, dict]:
    """(ResumenOficina by month, ResumenMensual): the monthly rollup agrees with
    the daily one when these are equal."""
    from encuestas.models import ResumenMensual

    return _grueso(ResumenMensual, "mes", lambda d: d.replace(day=1))


def resumenes_por_semana() -> tuple[dict, dict]:
    """(ResumenOficina by ISO week, ResumenSemanal): the weekly rollup agrees
    with the daily one when these are equal."""
    from datetime import timedelta

    from encuestas.models import ResumenSemanal

    return _grueso(ResumenSemanal, "semana", lambda d: d - timedelta(d.weekday()))
