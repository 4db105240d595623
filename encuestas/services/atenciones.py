"""Attention events and their invitations: from an integration (idempotent by
external reference, sampled, fatigue rule), at the counter («Invitar a valorar»,
rationed QR codes) and from the online office's end page."""

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from organizacion.models import Canal, Empleado, Oficina, Servicio

from .. import seguridad, selectors
from ..app_settings import ajustes
from ..models import IDIOMAS, Atencion, IntegracionAPI, Invitacion
from . import contactos
from .invitaciones import crear_invitacion, enlace_de


@dataclass
class Registro:
    atencion: Atencion
    invitacion: Invitacion | None
    token: str | None
    motivo: str  # "invitada", "existente", "respondida", "muestreo", "fatiga", "baja"
    creada: bool

    @property
    def enlace(self) -> str | None:
        return enlace_de(self.token) if self.token else None


def clave_de_muestreo(integracion, oficina, referencia_externa: str) -> str | None:
    if not referencia_externa:
        return None
    return f"{integracion.pk if integracion else 0}:{oficina.pk}:{referencia_externa}"


def en_muestra(tasa: Decimal, clave: str | None) -> bool:
    if tasa >= 1:
        return True
    if tasa <= 0:
        return False
    if clave:  # deterministic for retries of the same event
        u = int(seguridad.hmac_hex("muestreo", clave)[:8], 16) / 2**32
    else:
        u = random.random()
    return u < float(tasa)


def repeticion(existente: Atencion) -> Registro:
    """A replayed event: the one already stored, and the same link while its
    invitation is unanswered (an answered one keeps no seed, so no token)."""
    invitacion = getattr(existente, "invitacion", None)
    token = (
        seguridad.token_de_semilla(invitacion.semilla)
        if invitacion and invitacion.semilla
        else None
    )
    return Registro(existente, invitacion, token, "existente", False)


def comprobar_atencion(
    *,
    oficina: Oficina,
    canal: Canal,
    fecha: datetime | None = None,
    servicio: Servicio | None = None,
    empleado: Empleado | None = None,
    referencia_externa: str = "",
    integracion: IntegracionAPI | None = None,
    resultado: str = Atencion.Resultado.RESUELTA,
    espera_segundos: int | None = None,
    gestion_segundos: int | None = None,
    idioma: str = "",
    contacto: str = "",
    medio: str | None = None,
) -> tuple[Atencion, str, str]:
    """Check an attention event without writing anything: the unsaved Atencion,
    the contact and the invitation medium, or ValidationError. A batch checks all
    its events with it before writing any."""
    # .all(): a batch prefetches its offices' channels.
    if canal.pk not in {c.pk for c in oficina.canales.all()}:
        raise ValidationError(
            _("La oficina %(o)s no atiende el canal %(c)s.")
            % {"o": oficina.codigo_dir3, "c": canal.codigo}
        )
    if idioma and idioma not in IDIOMAS:
        raise ValidationError(_("Idioma no admitido: %(i)s.") % {"i": idioma})
    if empleado is not None and empleado.oficina_id != oficina.pk:
        raise ValidationError(_("La persona empleada no pertenece a esa oficina."))
    contacto = (contacto or "").strip()
    if medio is None:
        medio = (
            (Invitacion.Medio.EMAIL if "@" in contacto else Invitacion.Medio.SMS)
            if contacto
            else Invitacion.Medio.ENLACE
        )
    if medio in (Invitacion.Medio.SMS, Invitacion.Medio.EMAIL):
        if not contacto:
            raise ValidationError(
                _("Falta el dato de contacto para enviar la invitación.")
            )
        contactos.validar_contacto(contacto, medio)
    elif contacto:
        raise ValidationError(
            _("El dato de contacto solo se admite para SMS o correo.")
        )

    atencion = Atencion(
        oficina=oficina,
        canal=canal,
        servicio=servicio,
        empleado=empleado,
        fecha=fecha or timezone.now(),
        referencia_externa=referencia_externa,
        integracion=integracion,
        resultado=resultado,
        espera_segundos=espera_segundos,
        gestion_segundos=gestion_segundos,
        idioma=idioma,
    )
    if not _valores_validos(atencion):
        # The related rows are instances the caller loaded: checking that each
        # still exists would cost a query per relation and event.
        atencion.full_clean(
            exclude=["oficina", "canal", "servicio", "empleado", "integracion"],
            validate_unique=False,
            validate_constraints=False,
        )
    return atencion, contacto, medio


# PositiveIntegerField's range on every backend Django supports.
_MAXIMO_ENTERO = 2147483647


def _valores_validos(atencion: Atencion) -> bool:
    """What full_clean checks on the fields a caller sets, in plain Python: a
    sufficient condition, a batch's per-event cost. Anything else goes through
    full_clean, which gives the messages."""
    return (
        isinstance(atencion.fecha, datetime)
        and type(atencion.referencia_externa) is str
        and len(atencion.referencia_externa) <= _MAXIMO_REFERENCIA
        and atencion.resultado in _RESULTADOS
        and atencion.idioma in _IDIOMAS_O_NINGUNO
        and all(
            v is None or (type(v) is int and 0 <= v <= _MAXIMO_ENTERO)
            for v in (atencion.espera_segundos, atencion.gestion_segundos)
        )
    )


_MAXIMO_REFERENCIA = Atencion._meta.get_field("referencia_externa").max_length
_RESULTADOS = frozenset(Atencion.Resultado.values)
_IDIOMAS_O_NINGUNO = frozenset((*IDIOMAS, ""))


@transaction.atomic
def registrar_atencion(*, forzar_invitacion: bool = False, **evento) -> Registro:
    """Record an attention event and, if sampled and allowed, its invitation.

    Idempotent by external reference (per integration and office): a replay
    returns the existing event and, while its invitation is unanswered, the same
    link. An answered invitation no longer points at its event, so its replay
    returns no link and mints no new invitation. `evento`: the arguments of
    `comprobar_atencion`, which checks them.
    """
    referencia_externa = (evento.get("referencia_externa") or "").strip()
    evento["referencia_externa"] = referencia_externa
    oficina, canal = evento["oficina"], evento["canal"]
    integracion = evento.get("integracion")
    if referencia_externa:
        existente = (
            Atencion.objects.filter(
                integracion=integracion,
                oficina=oficina,
                referencia_externa=referencia_externa,
            )
            .select_related("invitacion")
            .first()
        )
        if existente is not None:
            return repeticion(existente)

    atencion, contacto, medio = comprobar_atencion(**evento)
    try:
        with transaction.atomic():
            atencion.save()
    except IntegrityError:
        # A concurrent replay of the same reference won the race: behave as a replay.
        return repeticion(
            Atencion.objects.select_related("invitacion").get(
                integracion=integracion,
                oficina=oficina,
                referencia_externa=referencia_externa,
            )
        )

    tasa, dias = selectors.regla_de(canal, oficina)
    clave = clave_de_muestreo(integracion, oficina, referencia_externa)
    if not forzar_invitacion and not en_muestra(tasa, clave):
        return Registro(atencion, None, None, "muestreo", True)
    if contacto:
        motivo = contactos.aplicar_fatiga(contacto)
        if motivo:
            return Registro(atencion, None, None, motivo, True)

    invitacion, token = crear_invitacion(
        atencion=atencion,
        medio=medio,
        dias=dias,
        contacto=contacto,
        recuperable=bool(referencia_externa) or bool(contacto),
    )
    if contacto:
        from ..tasks import enviar_invitacion

        transaction.on_commit(lambda: enviar_invitacion.delay(invitacion.pk))
    return Registro(atencion, invitacion, token, "invitada", True)


class DemasiadasInvitaciones(Exception):
    """An employee asked for more counter QR codes than ENCUESTAS_QR_POR_HORA."""


def _caducidad_mostrador(ahora: datetime) -> datetime:
    horas = ajustes.QR_CADUCIDAD_HORAS
    if horas > 0:
        return ahora + timedelta(hours=horas)
    manana = timezone.localdate(ahora) + timedelta(days=1)
    return timezone.make_aware(datetime.combine(manana, datetime.min.time()))


@transaction.atomic
def invitar_en_mostrador(
    *,
    empleado: Empleado,
    canal: Canal,
    servicio: Servicio | None = None,
    idioma: str = "",
    medio: str = Invitacion.Medio.QR,
) -> Registro:
    """«Invitar a valorar»: an employee at the counter creates the event and shows the QR.

    The employee holds the QR, so it is rationed (ENCUESTAS_QR_POR_HORA per person
    and hour; raises DemasiadasInvitaciones) and lives only until the end of the day
    (or ENCUESTAS_QR_CADUCIDAD_HORAS): the citizen answers it there or on the way home.
    """
    if seguridad.limite_superado("qr", str(empleado.pk), ajustes.QR_POR_HORA, 3600):
        raise DemasiadasInvitaciones
    registro = registrar_atencion(
        oficina=empleado.oficina,
        canal=canal,
        servicio=servicio,
        empleado=empleado,
        idioma=idioma,
        medio=medio,
        forzar_invitacion=True,
    )
    invitacion = registro.invitacion
    caduca = _caducidad_mostrador(invitacion.creada_en)
    if caduca < invitacion.caduca_en:
        Invitacion.objects.filter(pk=invitacion.pk).update(caduca_en=caduca)
        invitacion.caduca_en = caduca
    return registro


@transaction.atomic
def registrar_desde_sede(
    *,
    integracion: IntegracionAPI,
    oficina: Oficina,
    canal: Canal,
    referencia: str,
    resultado: str,
    servicio: Servicio | None = None,
    idioma: str = "",
) -> Registro:
    """A person pressed «Valorar» on a verified sede link: the event of that procedure
    and its invitation (counted as offered), once per reference. The same link again
    gives the same invitation, answered or not."""
    registro = registrar_atencion(
        oficina=oficina,
        canal=canal,
        servicio=servicio,
        integracion=integracion,
        referencia_externa=referencia,
        resultado=resultado,
        idioma=idioma if idioma in IDIOMAS else "",
        medio=Invitacion.Medio.ENLACE,
        forzar_invitacion=True,
    )
    if registro.invitacion is None:
        # The procedure came through the API first and was not sampled; the
        # citizen asks to answer, which the sede's link always offers. An event
        # already invited whose invitation is gone was answered (a submit cuts
        # the link): no second invitation.
        atencion = Atencion.objects.select_for_update().get(pk=registro.atencion.pk)
        invitacion = Invitacion.objects.filter(atencion=atencion).first()
        if invitacion is None and atencion.invitada:
            return Registro(atencion, None, None, "respondida", False)
        if invitacion is None:  # not created by a concurrent click meanwhile
            _tasa, dias = selectors.regla_de(canal, oficina)
            invitacion, token = crear_invitacion(
                atencion=atencion,
                medio=Invitacion.Medio.ENLACE,
                dias=dias,
                recuperable=True,
            )
        else:
            token = (
                seguridad.token_de_semilla(invitacion.semilla)
                if invitacion.semilla
                else None
            )
        registro = Registro(atencion, invitacion, token, "invitada", False)
    return registro
