"""API clients: their keys (shown once, stored hashed) and the batches of
attention events they send."""

from dataclasses import dataclass
from datetime import datetime

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from organizacion.models import Canal, Empleado, Oficina, Servicio

from .. import seguridad
from ..models import IntegracionAPI, Invitacion
from .atenciones import Registro, registrar_atencion


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


class LoteNoValido(Exception):
    """The batch was not stored at all; `errores` says why, item by item:
    [{"indice", "campo", "mensaje"}]."""

    def __init__(self, errores: list[dict]):
        super().__init__(errores)
        self.errores = errores


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


def registrar_lote_atenciones(
    *,
    integracion_id: int,
    oficinas_permitidas: set[int],
    canales_permitidos: set[str],
    items: list[AtencionDeLote],
) -> list[Registro]:
    """Record a batch of attention events from an integration, all or nothing:
    one Registro per item, in order, or LoteNoValido with every error found
    (first the codes and the key's scope, then each event as it is recorded)."""
    oficinas = {
        o.codigo_dir3: o
        for o in Oficina.objects.filter(
            codigo_dir3__in={i.oficina.upper() for i in items}
        )
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
    registros = []
    with transaction.atomic():
        for indice, item in enumerate(items):
            contacto = item.telefono or item.email or ""
            if item.telefono:
                medio = Invitacion.Medio.SMS
            elif contacto:
                medio = Invitacion.Medio.EMAIL
            else:
                medio = Invitacion.Medio.ENLACE
            try:
                registros.append(
                    registrar_atencion(
                        oficina=oficinas[item.oficina.upper()],
                        canal=canales[item.canal],
                        fecha=item.fecha
                        if timezone.is_aware(item.fecha)
                        else timezone.make_aware(item.fecha),
                        servicio=servicios.get(item.servicio)
                        if item.servicio
                        else None,
                        empleado=empleados.get(item.empleado)
                        if item.empleado
                        else None,
                        referencia_externa=item.referencia,
                        integracion=integracion,
                        resultado=item.resultado,
                        espera_segundos=item.espera_segundos,
                        gestion_segundos=item.gestion_segundos,
                        idioma=item.idioma or "",
                        contacto=contacto,
                        medio=medio,
                    )
                )
            except ValidationError as exc:
                errores.append(_error(indice, "atencion", " ".join(exc.messages)))
        if errores:
            transaction.set_rollback(True)  # all or nothing
    if errores:
        raise LoteNoValido(errores)
    return registros
