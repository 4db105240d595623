"""API clients: their keys (shown once, stored hashed)."""

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from .. import seguridad
from ..models import IntegracionAPI


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
