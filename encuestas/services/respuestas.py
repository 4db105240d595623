"""Responses: validating the values, burning the token and storing the one
anonymous response of an invitation, by the ORM or, on PostgreSQL, by one SQL
statement (`sql`) that writes the same rows."""

from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import metricas, resumenes, seguridad, sql
from ..app_settings import ajustes
from ..models import (
    IDIOMAS,
    EncuestaItem,
    Invitacion,
    ItemVersion,
    Respuesta,
    RespuestaItem,
    ResumenPendiente,
)
from ..redaccion import redactar
from .alertas import abrir_alerta, avisar_de_alerta, plazo_de_alerta
from .banco import lineas_de


class InvitacionNoValida(Exception):
    """Base: the invitation cannot be answered."""


class YaRespondida(InvitacionNoValida):
    pass


class Caducada(InvitacionNoValida):
    pass


def hora_truncada(momento: datetime) -> datetime:
    return momento.replace(minute=0, second=0, microsecond=0)


def dia_local(momento: datetime | None) -> datetime | None:
    """The start of the moment's local day: what an answered invitation keeps of
    its times (the same as the SQL of `sql._sql_envio`)."""
    if momento is None:
        return None
    return timezone.localtime(momento).replace(
        hour=0, minute=0, second=0, microsecond=0
    )


def validar_valores(
    lineas: list[EncuestaItem], datos: dict[str, str], *, incluir_contacto: bool
) -> tuple[dict[str, int], dict[str, str]]:
    """Parse raw form/API values into {codigo: int}; errors per code."""
    valores: dict[str, int] = {}
    errores: dict[str, str] = {}
    for linea in lineas:
        version = linea.item_version
        codigo = version.item.codigo
        if version.tipo in (ItemVersion.Tipo.TEXTO,):
            continue
        if version.tipo == ItemVersion.Tipo.CONTACTO and not incluir_contacto:
            continue
        crudo = datos.get(codigo)
        crudo = "" if crudo is None else str(crudo).strip()
        if crudo == "":
            if linea.obligatorio:
                errores[codigo] = _("Esta pregunta es obligatoria.")
            continue
        minimo, maximo = version.escala
        try:
            valor = int(crudo)
        except (TypeError, ValueError):
            errores[codigo] = _("Valor no válido.")
            continue
        if not minimo <= valor <= maximo:
            errores[codigo] = _("Valor fuera de la escala.")
            continue
        valores[codigo] = valor
    return valores, errores


def puntuacion_baja(valores: dict[str, int]) -> bool:
    sat = valores.get("SAT")
    return sat is not None and sat <= ajustes.UMBRAL_ALERTA


def responder(
    *,
    token: str,
    datos: dict[str, str],
    comentario: str = "",
    contacto: str = "",
    idioma: str = "es",
    reportable: bool = True,
    motivo_no_reportable: str = "",
    invitacion: Invitacion | None = None,
) -> Respuesta:
    """Store the one response of an invitation and burn its token.

    Raises Invitacion.DoesNotExist, YaRespondida, Caducada or ValidationError.
    The token is burnt by a conditional UPDATE (… WHERE estado <> 'respondida'),
    which also scrubs the invitation (see `_quemar`): of two concurrent submits
    the second waits on the row, then matches nothing and gets YaRespondida.
    `invitacion` may be passed when the caller already loaded it (saves a round
    trip).
    """
    token_hash = seguridad.hash_token(token) if seguridad.token_valido(token) else None
    if invitacion is None or invitacion.token_hash != token_hash:
        if token_hash is None:
            raise Invitacion.DoesNotExist
        invitacion = Invitacion.objects.select_related("atencion").get(
            token_hash=token_hash
        )
    if invitacion.estado == Invitacion.Estado.RESPONDIDA:
        raise YaRespondida
    if invitacion.caducada:
        raise Caducada
    lineas = lineas_de(invitacion.encuesta_id)
    valores, errores = validar_valores(lineas, datos, incluir_contacto=True)
    if errores:
        raise ValidationError(errores)
    alerta = (
        valores.get("CONTACTO") == 1
        and (contacto or "").strip()
        and puntuacion_baja(valores)
    )
    ahora = timezone.now()
    comunes = {
        "idioma": idioma if idioma in IDIOMAS else "es",
        "reportable": reportable,
        "motivo": motivo_no_reportable,
        "ahora": ahora,
    }
    if connection.vendor == "postgresql":
        texto = _comentario_de(lineas, comentario)
        pk = _una_sola_vez(
            _guardar_postgres,
            invitacion.token_hash,
            invitacion.encuesta_id,
            valores,
            lineas,
            texto=texto,
            contacto=contacto if alerta else "",
            **comunes,
        )
        atencion = invitacion.atencion if invitacion.atencion_id else None
        return _respuesta_de(
            Dimensiones(
                encuesta_id=invitacion.encuesta_id,
                oficina_id=invitacion.oficina_id,
                canal_id=invitacion.canal_id,
                servicio_id=atencion.servicio_id if atencion else None,
                empleado_id=atencion.empleado_id if atencion else None,
                medio=invitacion.medio,
            ),
            texto=texto,
            pk=pk,
            **comunes,
        )
    # The ORM path in a transaction of its own (rolled back on a lost race).
    return _una_sola_vez(
        transaction.atomic(_quemar_y_guardar),
        invitacion.pk,
        lineas,
        valores,
        comentario=comentario,
        contacto=contacto,
        **comunes,
    )


def _una_sola_vez(escritura, *args, **kwargs):
    """A submit's write; a second one with the same token (a unique violation,
    or no unused invitation left: None) is YaRespondida."""
    try:
        hecho = escritura(*args, **kwargs)
    except IntegrityError as exc:
        raise YaRespondida from exc
    if hecho is None:
        raise YaRespondida
    return hecho


def responder_directo(
    *,
    token: str,
    encuesta_id: int,
    datos: dict[str, str],
    comentario: str = "",
    idioma: str = "es",
) -> int | None:
    """The usual public submit in one round trip (PostgreSQL); returns the response id.

    The form says which survey it shows; the values are checked against that survey
    and one statement stores them only if the token is unused, unexpired, not a
    kiosk's, and of that very survey. None means "take the careful path"
    (`responder`): errors to show, a low score that asks about contact, an answered,
    expired or unknown token, a form tampered with, SQLite."""
    if connection.vendor != "postgresql" or not seguridad.token_valido(token):
        return None
    lineas = lineas_de(encuesta_id)
    valores, errores = validar_valores(lineas, datos, incluir_contacto=False)
    if not lineas or errores:
        return None
    if puntuacion_baja(valores) and any(
        li.item_version.tipo == ItemVersion.Tipo.CONTACTO for li in lineas
    ):
        return None
    try:
        return _guardar_postgres(
            seguridad.hash_token(token),
            encuesta_id,
            valores,
            lineas,
            texto=_comentario_de(lineas, comentario),
            idioma=idioma if idioma in IDIOMAS else "es",
        )
    except IntegrityError:
        return None


def _comentario_de(lineas, comentario: str) -> str:
    """The comment, with personal data redacted, if the survey asks for one."""
    if any(li.item_version.tipo == ItemVersion.Tipo.TEXTO for li in lineas):
        return redactar(comentario)
    return ""


def _guardar_postgres(
    token_hash: str,
    encuesta_id: int,
    valores: dict[str, int],
    lineas,
    *,
    texto: str,
    idioma: str,
    reportable: bool = True,
    motivo: str = "",
    contacto: str = "",
    ahora: datetime | None = None,
) -> int | None:
    """The submit as one statement (`sql.guardar_envio`, PostgreSQL): the new
    response's id, or None if nothing was written (no unused, unexpired
    invitation of that token and survey). Same rows as `_quemar_y_guardar`,
    the alert of a low score with a contact to call back included."""
    ahora = ahora or timezone.now()
    por_codigo = {li.item_version.item.codigo: li.item_version_id for li in lineas}
    contacto = (contacto or "").strip()[:254]
    alerta = (
        (valores["SAT"], contacto, plazo_de_alerta(ahora))
        if valores.get("CONTACTO") == 1 and contacto and puntuacion_baja(valores)
        else None
    )
    guardada = sql.guardar_envio(
        token_hash=token_hash,
        encuesta_id=encuesta_id,
        ahora=ahora,
        hora=hora_truncada(ahora),
        fecha=timezone.localdate(ahora),
        idioma=idioma,
        reportable=reportable,
        motivo=motivo,
        comentario=texto,
        valores=[(por_codigo[c], c, v) for c, v in valores.items()],
        asincrono=ajustes.COMMIT_ASINCRONO,
        alerta=alerta,
    )
    if guardada is None:
        return None
    pk, alerta_id, responsable_id = guardada
    if alerta_id is not None and responsable_id is not None:
        avisar_de_alerta(alerta_id)
    metricas.envio_aceptado(via="formulario")
    return pk


@dataclass(frozen=True)
class Dimensiones:
    """What a response keeps of where it came from: coarse dimensions only."""

    encuesta_id: int
    oficina_id: int
    canal_id: int
    servicio_id: int | None
    empleado_id: int | None
    medio: str


def _respuesta_de(
    dimensiones: Dimensiones, ahora, *, idioma, reportable, motivo, texto, pk=None
) -> Respuesta:
    """The response as stored: coarse dimensions, time truncated to the hour."""
    return Respuesta(
        pk=pk,
        encuesta_id=dimensiones.encuesta_id,
        oficina_id=dimensiones.oficina_id,
        canal_id=dimensiones.canal_id,
        servicio_id=dimensiones.servicio_id,
        empleado_id=dimensiones.empleado_id,
        medio=dimensiones.medio,
        hora=hora_truncada(ahora),
        fecha=timezone.localdate(ahora),
        idioma=idioma if idioma in IDIOMAS else "es",
        reportable=reportable,
        motivo_no_reportable=motivo,
        comentario=texto,
    )


def _quemar(invitacion_id: int, ahora: datetime) -> tuple[Dimensiones, bool] | None:
    """Burn an unused, unexpired invitation and scrub it, inside the caller's
    transaction: its dimensions are read under a row lock, then one conditional
    UPDATE cuts the link to its event, blanks seed and contact and coarsens its
    times to the day. Returns (dimensions, first opened now), or None if the token
    was already used or is expired. Same effect as the first CTEs of `sql._sql_envio`."""
    vigente = (
        Invitacion.objects.filter(pk=invitacion_id, caduca_en__gt=ahora)
        .exclude(estado=Invitacion.Estado.RESPONDIDA)
        .exclude(medio=Invitacion.Medio.QUIOSCO)
    )
    fila = (
        vigente.select_for_update(of=("self",))
        .values(
            "encuesta_id",
            "oficina_id",
            "canal_id",
            "medio",
            "creada_en",
            "caduca_en",
            "abierta_en",
            "enviada_en",
            servicio=F("atencion__servicio_id"),
            empleado=F("atencion__empleado_id"),
        )
        .first()
    )
    if fila is None:
        return None
    quemadas = vigente.update(
        estado=Invitacion.Estado.RESPONDIDA,
        atencion=None,
        semilla="",
        contacto="",
        creada_en=dia_local(fila["creada_en"]),
        caduca_en=dia_local(fila["caduca_en"]),
        abierta_en=dia_local(fila["abierta_en"] or ahora),
        enviada_en=dia_local(fila["enviada_en"]),
    )
    if not quemadas:
        return None
    dimensiones = Dimensiones(
        encuesta_id=fila["encuesta_id"],
        oficina_id=fila["oficina_id"],
        canal_id=fila["canal_id"],
        servicio_id=fila["servicio"],
        empleado_id=fila["empleado"],
        medio=fila["medio"],
    )
    return dimensiones, fila["abierta_en"] is None


def _quemar_y_guardar(
    invitacion_id: int, *contenido, ahora: datetime, **opciones
) -> Respuesta | None:
    """The ORM path of a submit (SQLite, or an alert to open): `_quemar`, then
    `guardar` with the rest of its arguments, in the caller's transaction. None
    if the token was not usable."""
    quemada = _quemar(invitacion_id, ahora)
    if quemada is None:
        return None
    dimensiones, abierta = quemada
    return guardar(dimensiones, *contenido, ahora=ahora, abierta=abierta, **opciones)


def guardar(
    dimensiones: Dimensiones,
    lineas,
    valores,
    comentario,
    contacto,
    idioma,
    reportable,
    motivo,
    *,
    ahora,
    abierta: bool = False,
) -> Respuesta:
    """Insert the response and its values and queue it for the rollups (token already
    burnt, if any). Kiosk taps go straight into the rollup."""
    respuesta = _respuesta_de(
        dimensiones,
        ahora,
        idioma=idioma,
        reportable=reportable,
        motivo=motivo,
        texto=_comentario_de(lineas, comentario),
    )
    respuesta.save(force_insert=True)
    por_codigo = {li.item_version.item.codigo: li.item_version for li in lineas}
    RespuestaItem.objects.bulk_create(
        [
            RespuestaItem(
                respuesta=respuesta, item_version=por_codigo[c], codigo=c, valor=v
            )
            for c, v in valores.items()
        ]
    )
    if dimensiones.medio == Invitacion.Medio.QUIOSCO:
        # A kiosk tap counts at once (no funnel): its follow-up reason, if any, is
        # added to the rollup on its own a moment later.
        if reportable:
            resumenes.sumar_valores(
                resumenes.filas_de_respuesta(
                    respuesta, {c: v for c, v in valores.items() if c != "CONTACTO"}
                )
            )
    else:
        ResumenPendiente.objects.create(respuesta=respuesta, abierta=abierta)
    contacto = (contacto or "").strip()[:254]
    if valores.get("CONTACTO") == 1 and contacto and puntuacion_baja(valores):
        abrir_alerta(respuesta, valores["SAT"], contacto, ahora=ahora)
    metricas.envio_aceptado(
        via="quiosco" if dimensiones.medio == Invitacion.Medio.QUIOSCO else "formulario"
    )
    return respuesta
