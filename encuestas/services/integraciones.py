"""API clients: their keys (shown once, stored hashed) and the batches of
attention events they send."""

from dataclasses import dataclass
from datetime import datetime

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from comun.bd import ceder_escritura
from organizacion.models import Canal, Empleado, Oficina, Servicio

from .. import resumenes, seguridad
from ..models import Atencion, IntegracionAPI, Invitacion
from .atenciones import Registro, comprobar_atencion, registrar_atencion


@transaction.atomic
def crear_integracion(*, nombre: str, oficinas, canales) -> tuple[IntegracionAPI, str]:
    clave, prefijo, h = seguridad.nueva_clave()
    integracion = IntegracionAPI(nombre=nombre, prefijo=prefijo, clave_hash=h)
    integracion.full_clean()
    integracion.save()
    integracion.oficinas.set(oficinas)
    integracion.canales.set(canales)
    return integracion, clave


@transaction.atomic
def revocar_integracion(*, integracion: IntegracionAPI) -> None:
    integracion.activa = False
    integracion.revocada_en = timezone.now()
    integracion.save(update_fields=["activa", "revocada_en"])
    cache.delete(f"enc:api:{integracion.clave_hash}")


@dataclass(frozen=True)
class AtencionDeLote:
    """One attention event of a batch, as the API's schema reads it: offices,
    services and employees by their codes."""

    oficina: str
    canal: str
    fecha: datetime
    referencia: str = ""
    servicio: str | None = None
    empleado: str | None = None
    resultado: str = "resuelta"
    espera_segundos: int | None = None
    gestion_segundos: int | None = None
    idioma: str | None = None
    telefono: str | None = None
    email: str | None = None


# Events per write transaction: a few hundred milliseconds of SQLite's write lock.
EVENTOS_POR_TRANSACCION = 25


class LoteNoValido(Exception):
    """The batch has errors; `errores` says why, item by item:
    [{"indice", "campo", "mensaje"}]. Nothing was stored, except the first
    `guardados` events when an event changed between the check and its writing."""

    def __init__(self, errores: list[dict], guardados: int = 0):
        super().__init__(errores)
        self.errores = errores
        self.guardados = guardados


def _error(indice: int, campo: str, mensaje: str) -> dict:
    return {"indice": indice, "campo": campo, "mensaje": mensaje}


def _errores_de_alcance(
    items, *, oficinas, servicios, empleados, oficinas_permitidas, canales_permitidos
) -> list[dict]:
    errores = []
    for indice, item in enumerate(items):
        oficina = oficinas.get(item.oficina.upper())
        if oficina is None:
            errores.append(_error(indice, "oficina", "Oficina desconocida."))
        elif oficina.pk not in oficinas_permitidas:
            errores.append(
                _error(indice, "oficina", "La clave no tiene acceso a esta oficina.")
            )
        if item.canal not in canales_permitidos:
            errores.append(
                _error(indice, "canal", "La clave no tiene acceso a este canal.")
            )
        if item.servicio and item.servicio not in servicios:
            errores.append(_error(indice, "servicio", "Servicio desconocido."))
        if item.empleado and item.empleado not in empleados:
            errores.append(_error(indice, "empleado", "Empleado desconocido."))
        if item.telefono and item.email:
            errores.append(
                _error(indice, "telefono", "Indique teléfono o correo, no ambos.")
            )
    return errores


def _argumentos(item: AtencionDeLote, *, oficinas, canales, servicios, empleados):
    """registrar_atencion's keyword arguments for one item of a checked batch."""
    contacto = item.telefono or item.email or ""
    if item.telefono:
        medio = Invitacion.Medio.SMS
    elif contacto:
        medio = Invitacion.Medio.EMAIL
    else:
        medio = Invitacion.Medio.ENLACE
    return {
        "oficina": oficinas[item.oficina.upper()],
        "canal": canales[item.canal],
        "fecha": item.fecha
        if timezone.is_aware(item.fecha)
        else timezone.make_aware(item.fecha),
        "servicio": servicios.get(item.servicio) if item.servicio else None,
        "empleado": empleados.get(item.empleado) if item.empleado else None,
        "referencia_externa": (item.referencia or "").strip(),
        "resultado": item.resultado,
        "espera_segundos": item.espera_segundos,
        "gestion_segundos": item.gestion_segundos,
        "idioma": item.idioma or "",
        "contacto": contacto,
        "medio": medio,
    }


def _errores_de_atencion(argumentos: list[dict], integracion) -> list[dict]:
    """Every event checked as registrar_atencion will, without writing. A replay
    (a reference already stored, or repeated earlier in the batch) is not checked:
    it returns what is stored."""
    vistas = set(
        Atencion.objects.filter(
            integracion=integracion,
            referencia_externa__in={a["referencia_externa"] for a in argumentos} - {""},
        ).values_list("oficina_id", "referencia_externa")
    )
    errores = []
    for indice, a in enumerate(argumentos):
        if a["referencia_externa"]:
            clave = (a["oficina"].pk, a["referencia_externa"])
            if clave in vistas:
                continue
            vistas.add(clave)
        try:
            comprobar_atencion(integracion=integracion, **a)
        except ValidationError as exc:
            errores.append(_error(indice, "atencion", " ".join(exc.messages)))
    return errores


def registrar_lote_atenciones(
    *,
    integracion_id: int,
    oficinas_permitidas: set[int],
    canales_permitidos: set[str],
    items: list[AtencionDeLote],
) -> list[Registro]:
    """Record a batch of attention events from an integration: one Registro per
    item, in order, or LoteNoValido with every error found and nothing stored.

    Everything is checked before anything is written (the codes and the key's
    scope, then each event as registrar_atencion checks it). The checked batch is
    then written EVENTOS_POR_TRANSACCION events per transaction, with a pause
    between them (`ceder_escritura`), so that other writers get SQLite's single
    write lock instead of waiting for the whole batch. If the writing stops halfway (a server fault), the
    transactions already committed stay: sending the same batch again completes
    it without duplicating the events that carry a `referencia`.
    """
    oficinas = {
        o.codigo_dir3: o
        for o in Oficina.objects.filter(
            codigo_dir3__in={i.oficina.upper() for i in items}
        ).prefetch_related("canales")
    }
    canales = {c.codigo: c for c in Canal.objects.all()}
    servicios = {
        s.codigo: s
        for s in Servicio.objects.filter(
            codigo__in={i.servicio for i in items if i.servicio}
        )
    }
    empleados = {
        e.identificador: e
        for e in Empleado.objects.filter(
            identificador__in={i.empleado for i in items if i.empleado}
        )
    }
    integracion = IntegracionAPI.objects.get(pk=integracion_id)
    errores = _errores_de_alcance(
        items,
        oficinas=oficinas,
        servicios=servicios,
        empleados=empleados,
        oficinas_permitidas=oficinas_permitidas,
        canales_permitidos=canales_permitidos,
    )
    if errores:
        raise LoteNoValido(errores)
    argumentos = [
        _argumentos(
            item,
            oficinas=oficinas,
            canales=canales,
            servicios=servicios,
            empleados=empleados,
        )
        for item in items
    ]
    errores = _errores_de_atencion(argumentos, integracion)
    if errores:
        raise LoteNoValido(errores)

    registros: list[Registro] = []
    for inicio in range(0, len(argumentos), EVENTOS_POR_TRANSACCION):
        if inicio:
            ceder_escritura()
        # The funnel counters at the end, in a fixed order: concurrent batches
        # upserting them event by event deadlocked on PostgreSQL.
        with transaction.atomic(), resumenes.embudo_acumulado():
            for indice, a in enumerate(
                argumentos[inicio : inicio + EVENTOS_POR_TRANSACCION], start=inicio
            ):
                try:
                    registros.append(registrar_atencion(integracion=integracion, **a))
                except ValidationError as exc:
                    # Changed since the check (an office dropped a channel meanwhile).
                    errores.append(_error(indice, "atencion", " ".join(exc.messages)))
            if errores:
                transaction.set_rollback(True)
        if errores:
            raise LoteNoValido(errores, guardados=inicio)
    return registros
