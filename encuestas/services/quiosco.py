"""The kiosk at the exit: one tap on four faces, an optional follow-up reason,
bursts kept but left out of the metrics."""

import hmac

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from organizacion.models import Canal, Oficina

from .. import resumenes, seguridad
from ..app_settings import ajustes
from ..models import Invitacion, Kiosco, Respuesta, RespuestaItem
from .banco import encuesta_de_quiosco, lineas_de
from .respuestas import Dimensiones, guardar

CARA_A_SAT = {
    1: 1,
    2: 2,
    3: 4,
    4: 5,
}  # four faces on the five-point SAT scale (no neutral face)


@transaction.atomic
def crear_kiosco(*, oficina: Oficina, canal: Canal, nombre: str) -> tuple[Kiosco, str]:
    secreto = seguridad.nuevo_token() + seguridad.nuevo_token()
    kiosco = Kiosco(
        oficina=oficina,
        canal=canal,
        nombre=nombre,
        secreto_hash=seguridad.hmac_hex("kiosco", secreto),
    )
    kiosco.full_clean()
    kiosco.save()
    return kiosco, secreto


def kiosco_autentico(kiosco: Kiosco, secreto: str) -> bool:
    return kiosco.activo and hmac.compare_digest(
        kiosco.secreto_hash, seguridad.hmac_hex("kiosco", secreto or "")
    )


@transaction.atomic
def responder_quiosco(*, kiosco: Kiosco, cara: int, idioma: str = "es") -> Respuesta:
    if cara not in CARA_A_SAT:
        raise ValidationError(_("Cara no válida."))
    maximo, segundos = ajustes.QUIOSCO_RAFAGA
    rafaga = seguridad.limite_superado("quiosco", str(kiosco.pk), maximo, segundos)
    encuesta = encuesta_de_quiosco()
    lineas = lineas_de(encuesta.pk)
    # No invitation: a tap is anonymous from the start and has no token to burn.
    # Bursts are kept but left out of metrics (reportable=False), never deleted.
    return guardar(
        Dimensiones(
            encuesta_id=encuesta.pk,
            oficina_id=kiosco.oficina_id,
            canal_id=kiosco.canal_id,
            servicio_id=None,
            empleado_id=None,
            medio=Invitacion.Medio.QUIOSCO,
        ),
        lineas,
        {"SAT": CARA_A_SAT[cara]},
        "",
        "",
        idioma,
        not rafaga,
        "rafaga" if rafaga else "",
        ahora=timezone.now(),
    )


@transaction.atomic
def anadir_motivo_quiosco(*, respuesta_id: int, motivo: int) -> None:
    respuesta = Respuesta.objects.select_for_update().get(
        pk=respuesta_id, medio=Invitacion.Medio.QUIOSCO
    )
    version = next(
        li.item_version
        for li in lineas_de(respuesta.encuesta_id)
        if li.item_version.item.codigo == "MOTIVO"
    )
    if not 0 <= motivo < len(version.opciones):
        raise ValidationError(_("Opción no válida."))
    _item, creado = RespuestaItem.objects.get_or_create(
        respuesta=respuesta,
        codigo="MOTIVO",
        defaults={"item_version": version, "valor": motivo},
    )
    if creado and respuesta.reportable:
        resumenes.sumar_valores(
            resumenes.filas_de_respuesta(respuesta, {"MOTIVO": motivo})
        )
