"""API for integrations: attention events in batches and aggregate results."""

import hmac
from datetime import date, datetime
from typing import Annotated, Literal

from django.core.cache import cache
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.security import APIKeyHeader, HttpBearer
from pydantic import BaseModel, field_validator

from comun.cache import ERRORES_DE_CACHE
from comun.entradas import EsquemaEntrada, SinControl
from comun.errores_api import ErrorOut, error
from organizacion.models import Oficina

from . import seguridad, selectors, services
from .app_settings import ajustes
from .models import Atencion, IntegracionAPI

MAX_LOTE = 1000


def _integracion_de(clave: str | None):
    if not clave or len(clave) > 200:
        return None
    h = seguridad.hash_clave(clave)
    clave_cache = seguridad.clave_cache_integracion(h)
    try:
        datos = cache.get(clave_cache)
    except ERRORES_DE_CACHE:
        datos = None  # the cache is down: the database answers
    if datos is None:
        integracion = IntegracionAPI.objects.filter(clave_hash=h, activa=True).first()
        if integracion is None or not hmac.compare_digest(integracion.clave_hash, h):
            return None
        datos = {
            "id": integracion.pk,
            "oficinas": set(integracion.oficinas.values_list("pk", flat=True)),
            "canales": set(integracion.canales.values_list("codigo", flat=True)),
        }
        try:
            cache.set(clave_cache, datos, 60)
        except ERRORES_DE_CACHE:
            pass
    maximo, segundos = ajustes.API_LIMITE
    if seguridad.limite_superado("api", str(datos["id"]), maximo, segundos):
        raise HttpError(429, "Demasiadas peticiones con esta clave; espere un minuto.")
    return datos


class ClaveBearer(HttpBearer):
    def authenticate(self, request, token):
        return _integracion_de(token)


class ClaveCabecera(APIKeyHeader):
    param_name = "X-API-Key"

    def authenticate(self, request, key):
        return _integracion_de(key)


router = Router(auth=[ClaveBearer(), ClaveCabecera()], tags=["encuestas"])

Texto = Annotated[str, Field(max_length=200)]


# Plain pydantic models for the 1,000 items of a batch: ninja's Schema wraps
# every item in its Django getter, a tenth of the request. SinControl: a control
# character in any text is a 422 (comun.entradas).
class AtencionIn(SinControl):
    oficina: str = Field(..., max_length=9, description="Código DIR3 de la oficina")
    canal: Literal["presencial", "telefonico", "telematico"]
    fecha: datetime
    referencia: str = Field(
        "", max_length=80, description="Ticket, llamada o expediente (idempotencia)"
    )
    servicio: str | None = Field(None, max_length=60)
    empleado: str | None = Field(
        None, max_length=30, description="Identificador de la persona que atendió"
    )
    resultado: Literal["resuelta", "derivada", "no_procede", "error", "abandonada"] = (
        "resuelta"
    )
    espera_segundos: int | None = Field(None, ge=0, le=7 * 86400)
    gestion_segundos: int | None = Field(None, ge=0, le=7 * 86400)
    idioma: Literal["es", "ca", "eu", "gl", "en"] | None = None
    telefono: str | None = Field(None, max_length=20)
    email: str | None = Field(None, max_length=254)

    @field_validator(
        "oficina", "referencia", "servicio", "empleado", "telefono", "email"
    )
    @classmethod
    def recortar(cls, valor):
        return valor.strip() if isinstance(valor, str) else valor


class LoteIn(EsquemaEntrada):
    atenciones: list[AtencionIn] = Field(..., min_length=1, max_length=MAX_LOTE)


class ResultadoItem(BaseModel):
    indice: int
    referencia: str
    estado: str = Field(description="invitada | existente | muestreo | fatiga | baja")
    atencion_id: int
    enlace: str | None


class LoteOut(Schema):
    resultados: list[ResultadoItem]


@router.post(
    "/atenciones",
    response={
        200: LoteOut,
        201: LoteOut,
        400: ErrorOut,
        401: ErrorOut,
        403: ErrorOut,
        413: ErrorOut,
        422: ErrorOut,
        429: ErrorOut,
    },
    summary="Registrar un lote de atenciones (hasta 1.000): se valida entero y, con un error, no se guarda nada",
)
def crear_atenciones(request, lote: LoteIn):
    alcance = request.auth
    try:
        registros = services.registrar_lote_atenciones(
            integracion_id=alcance["id"],
            oficinas_permitidas=alcance["oficinas"],
            canales_permitidos=alcance["canales"],
            items=[services.AtencionDeLote(**a.model_dump()) for a in lote.atenciones],
        )
    except services.LoteNoValido as exc:
        mensaje = (
            f"El lote tiene errores; se guardaron los {exc.guardados} primeros "
            "eventos (reenviarlo corregido no duplica los que llevan referencia)."
            if exc.guardados
            else "El lote tiene errores; no se ha guardado nada."
        )
        return Status(422, error(422, mensaje, exc.errores))
    resultados = [
        {
            "indice": indice,
            "referencia": item.referencia,
            "estado": registro.motivo,
            "atencion_id": registro.atencion.pk,
            "enlace": registro.enlace,
        }
        for indice, (item, registro) in enumerate(
            zip(lote.atenciones, registros, strict=True)
        )
    ]
    creadas = any(registro.creada for registro in registros)
    return Status(201 if creadas else 200, {"resultados": resultados})


class Metrica(Schema):
    valor: float | None
    n: int
    ic_inf: float | None
    ic_sup: float | None
    suprimido: bool = False
    # suppressed although n reaches the minimum, so that a total minus the
    # published cells does not give another suppressed cell back
    complementaria: bool = False


class ResultadoOficina(Schema):
    oficina: str
    csat: Metrica
    satisfaccion_media: Metrica
    ces: Metrica
    nps: Metrica
    tasa_respuesta: Metrica
    ofrecidas: int
    # null when the rate is suppressed: with `ofrecidas` it would give it back
    completadas: int | None


class ResultadosOut(Schema):
    desde: date
    hasta: date
    canal: str | None
    minimo_n: int
    oficinas: list[ResultadoOficina]


class FiltroResultados(EsquemaEntrada):
    desde: date
    hasta: date
    oficina: str | None = Field(None, max_length=9)
    canal: Literal["presencial", "telefonico", "telematico"] | None = None


@router.get(
    "/resultados",
    response={
        200: ResultadosOut,
        400: ErrorOut,
        401: ErrorOut,
        403: ErrorOut,
        422: ErrorOut,
        429: ErrorOut,
    },
    summary="Resultados agregados por oficina (con intervalos; celdas con n pequeño suprimidas)",
)
def resultados(request, filtro: Query[FiltroResultados]):
    alcance = request.auth
    if filtro.desde > filtro.hasta:
        return Status(422, error(422, "La fecha inicial es posterior a la final."))
    if (filtro.hasta - filtro.desde).days > 3 * 366:
        return Status(422, error(422, "El periodo no puede superar tres años."))
    if filtro.canal and filtro.canal not in alcance["canales"]:
        return Status(403, error(403, "La clave no tiene acceso a este canal."))
    oficina_ids = sorted(alcance["oficinas"])
    if filtro.oficina:
        oficina = Oficina.objects.filter(codigo_dir3=filtro.oficina.upper()).first()
        if oficina is None or oficina.pk not in alcance["oficinas"]:
            return Status(403, error(403, "La clave no tiene acceso a esta oficina."))
        oficina_ids = [oficina.pk]
    minimo = selectors.minimo_oficina()
    comunes = {
        "desde": filtro.desde,
        "hasta": filtro.hasta,
        "oficina_ids": oficina_ids,
        "canal": filtro.canal,
    }
    dist = selectors.distribuciones(
        agrupar=["oficina_id"], codigos=["SAT", "FAC", "NPS"], **comunes
    )
    embudos = selectors.embudo(agrupar=["oficina_id"], **comunes)
    codigos = dict(
        Oficina.objects.filter(pk__in=oficina_ids).values_list("pk", "codigo_dir3")
    )
    # The same cells and the same rules as the results page: primary and
    # complementary suppression over the listed offices.
    metricas = selectors.complementar(
        {pk: selectors.metricas_de(dist.get((pk,), {}), minimo) for pk in oficina_ids}
    )
    tasas = selectors.complementar_embudos(
        {
            pk: selectors.embudo_publicable(embudos.get((pk,)), minimo)
            for pk in oficina_ids
        }
    )
    filas = [
        {
            "oficina": codigos.get(pk, ""),
            "csat": metricas[pk]["csat"],
            "satisfaccion_media": metricas[pk]["sat_media"],
            "ces": metricas[pk]["ces"],
            "nps": metricas[pk]["nps"],
            "tasa_respuesta": {"suprimido": False, **tasas[pk]["tasa"]},
            "ofrecidas": tasas[pk]["ofrecidas"],
            "completadas": tasas[pk]["completadas"],
        }
        for pk in oficina_ids
    ]
    return Status(
        200,
        {
            "desde": filtro.desde,
            "hasta": filtro.hasta,
            "canal": filtro.canal,
            "minimo_n": minimo,
            "oficinas": filas,
        },
    )


__all__ = ["router", "Atencion"]
