"""Every write of the surveys module: attention events, invitations, responses,
kiosks, alerts, complaints and API keys."""

import random
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import (
    DEFAULT_DB_ALIAS,
    IntegrityError,
    connection,
    connections,
    transaction,
)
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from organizacion.models import Canal, Empleado, Oficina, Servicio

from . import resumenes, seguridad
from .models import (
    IDIOMAS,
    Alerta,
    Atencion,
    ContactoHash,
    Encuesta,
    EncuestaItem,
    IntegracionAPI,
    Invitacion,
    Item,
    ItemVersion,
    Kiosco,
    NotaAlerta,
    Queja,
    ReglaMuestreo,
    Respuesta,
    RespuestaItem,
    ResumenPendiente,
)
from .redaccion import redactar


class InvitacionNoValida(Exception):
    """Base: the invitation cannot be answered."""


class YaRespondida(InvitacionNoValida):
    pass


class Caducada(InvitacionNoValida):
    pass


def ajuste(nombre: str, defecto):
    return getattr(settings, nombre, defecto)


# --- survey definitions -------------------------------------------------------------

_CACHE_LINEAS: dict[int, tuple[float, list[EncuestaItem]]] = {}


def lineas_de(encuesta_id: int) -> list[EncuestaItem]:
    """A survey's items, cached in process for a minute (hot path of every submit)."""
    ahora = timezone.now().timestamp()
    guardado = _CACHE_LINEAS.get(encuesta_id)
    if guardado and ahora - guardado[0] < 60:
        return guardado[1]
    lineas = list(
        EncuestaItem.objects.filter(encuesta_id=encuesta_id)
        .select_related("item_version__item")
        .order_by("orden")
    )
    if lineas:  # an id from a public form may be made up: never cache those
        _CACHE_LINEAS[encuesta_id] = (ahora, lineas)
    return lineas


def encuesta_para(canal: Canal) -> Encuesta:
    encuesta = (
        Encuesta.objects.filter(canal=canal, activa=True, es_quiosco=False)
        .order_by("pk")
        .first()
    )
    if encuesta is None:
        raise ValidationError(
            _("No hay encuesta activa para el canal %(canal)s.") % {"canal": canal}
        )
    return encuesta


@transaction.atomic
def editar_item(
    *, item_version: ItemVersion, textos: dict | None = None, **campos
) -> ItemVersion:
    """Editing an item that has been answered makes a new version, swapped into
    every survey that used the old one; answers keep the version they answered."""
    textos = textos if textos is not None else item_version.textos
    if not item_version.respuestas.exists():
        item_version.textos = textos
        for campo, valor in campos.items():
            setattr(item_version, campo, valor)
        item_version.full_clean()
        item_version.save()
        _CACHE_LINEAS.clear()
        return item_version
    ultima = item_version.item.versiones.order_by("-version").first()
    nueva = ItemVersion(
        item=item_version.item,
        version=ultima.version + 1,
        tipo=campos.get("tipo", item_version.tipo),
        textos=textos,
        estado_traduccion=campos.get(
            "estado_traduccion", item_version.estado_traduccion
        ),
        opciones=campos.get("opciones", item_version.opciones),
        driver=campos.get("driver", item_version.driver),
        servqual=campos.get("servqual", item_version.servqual),
        metrica=campos.get("metrica", item_version.metrica),
    )
    nueva.full_clean()
    nueva.save()
    EncuestaItem.objects.filter(item_version=item_version).update(item_version=nueva)
    _CACHE_LINEAS.clear()
    return nueva


@transaction.atomic
def crear_pregunta(
    *, codigo: str, descripcion: str = "", activo: bool = True, **version
) -> ItemVersion:
    """A new item of the question bank with its first version."""
    item = Item(codigo=codigo, descripcion=descripcion, activo=activo)
    item.full_clean()
    item.save()
    primera = ItemVersion(item=item, version=1, **version)
    primera.full_clean()
    primera.save()
    return primera


@transaction.atomic
def editar_pregunta(
    *, item_version: ItemVersion, descripcion: str, activo: bool, **version
) -> ItemVersion:
    """The editor's save: the item's own fields, then its wording (a new version
    when the current one has been answered, see editar_item)."""
    item = item_version.item
    if (item.descripcion, item.activo) != (descripcion, activo):
        item.descripcion, item.activo = descripcion, activo
        item.full_clean()
        item.save(update_fields=["descripcion", "activo"])
    cambios = {
        campo: valor
        for campo, valor in version.items()
        if getattr(item_version, campo) != valor
    }
    if not cambios:
        return item_version
    if set(cambios) == {"estado_traduccion"}:
        # Reviewing a translation changes no wording: no new version for it.
        item_version.estado_traduccion = cambios["estado_traduccion"]
        item_version.save(update_fields=["estado_traduccion"])
        return item_version
    return editar_item(item_version=item_version, **cambios)


# --- attention events and invitations --------------------------------------------------


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


def enlace_de(token: str) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("e:responder", args=[token])


def regla_de(canal: Canal, oficina: Oficina) -> tuple[Decimal, int]:
    reglas = {
        r.oficina_id: r
        for r in ReglaMuestreo.objects.filter(canal=canal, oficina__in=[oficina])
    }
    regla = reglas.get(oficina.pk)
    if regla is None:
        regla = ReglaMuestreo.objects.filter(canal=canal, oficina__isnull=True).first()
    if regla is None:
        return Decimal(1), 7
    return regla.tasa, regla.caducidad_dias


def _en_muestra(tasa: Decimal, clave: str | None) -> bool:
    if tasa >= 1:
        return True
    if tasa <= 0:
        return False
    if clave:  # deterministic for retries of the same event
        u = int(seguridad.hmac_hex("muestreo", clave)[:8], 16) / 2**32
    else:
        u = random.random()
    return u < float(tasa)


def _rescatar_baja_antigua(contacto: str, h: str) -> None:
    """An opt-out stored with the old key (derived from SECRET_KEY) is rewritten
    with the new one the first time its contact shows up again."""
    antigua = ContactoHash.objects.filter(
        hash=seguridad.hash_contacto_antiguo(contacto), clave_antigua=True
    )
    if antigua.exists():
        antigua.delete()
        ContactoHash.objects.update_or_create(hash=h, defaults={"baja": True})


def _fatiga(contacto: str) -> str | None:
    """Apply the fatigue rule and opt-out on the contact's keyed hash; only the day
    of the last invitation is kept."""
    h = seguridad.hash_contacto(contacto)
    _rescatar_baja_antigua(contacto, h)
    registro, _creado = ContactoHash.objects.select_for_update().get_or_create(hash=h)
    if registro.baja:
        return "baja"
    hoy = timezone.localdate()
    dias = ajuste("ENCUESTAS_FATIGA_DIAS", 30)
    if registro.ultima_invitacion_el and (
        hoy - registro.ultima_invitacion_el < timedelta(days=dias)
    ):
        return "fatiga"
    registro.ultima_invitacion_el = hoy
    registro.save(update_fields=["ultima_invitacion_el"])
    return None


@transaction.atomic
def purgar_contactos() -> int:
    """Delete the hashes the fatigue rule no longer needs (last invitation at least
    ENCUESTAS_FATIGA_DIAS days ago); opt-outs are kept for as long as they stand.
    Returns how many were deleted."""
    limite = timezone.localdate() - timedelta(days=ajuste("ENCUESTAS_FATIGA_DIAS", 30))
    borrados, _ = (
        ContactoHash.objects.filter(baja=False)
        .filter(Q(ultima_invitacion_el__lte=limite) | Q(ultima_invitacion_el=None))
        .delete()
    )
    return borrados


def _validar_contacto(contacto: str, medio: str) -> None:
    from django.core.validators import validate_email

    if medio == Invitacion.Medio.EMAIL:
        validate_email(contacto)
    elif medio == Invitacion.Medio.SMS:
        digitos = seguridad.normalizar_contacto(contacto)
        if not (len(digitos) == 9 and digitos[0] in "67"):
            raise ValidationError(_("Teléfono móvil no válido."))


@transaction.atomic
def registrar_atencion(
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
    forzar_invitacion: bool = False,
) -> Registro:
    """Record an attention event and, if sampled and allowed, its invitation.

    Idempotent by external reference (per integration and office): a replay
    returns the existing event and, while its invitation is unanswered, the same
    link. An answered invitation no longer points at its event, so its replay
    returns no link and mints no new invitation.
    """
    referencia_externa = (referencia_externa or "").strip()
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
            invitacion = getattr(existente, "invitacion", None)
            token = (
                seguridad.token_de_semilla(invitacion.semilla)
                if invitacion and invitacion.semilla
                else None
            )
            return Registro(existente, invitacion, token, "existente", False)

    if not oficina.canales.filter(pk=canal.pk).exists():
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
        _validar_contacto(contacto, medio)
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
    atencion.full_clean(validate_unique=False, validate_constraints=False)
    try:
        with transaction.atomic():
            atencion.save()
    except IntegrityError:
        # A concurrent replay of the same reference won the race: behave as a replay.
        existente = Atencion.objects.select_related("invitacion").get(
            integracion=integracion,
            oficina=oficina,
            referencia_externa=referencia_externa,
        )
        invitacion = getattr(existente, "invitacion", None)
        token = (
            seguridad.token_de_semilla(invitacion.semilla)
            if invitacion and invitacion.semilla
            else None
        )
        return Registro(existente, invitacion, token, "existente", False)

    tasa, dias = regla_de(canal, oficina)
    clave = (
        f"{integracion.pk if integracion else 0}:{oficina.pk}:{referencia_externa}"
        if referencia_externa
        else None
    )
    if not forzar_invitacion and not _en_muestra(tasa, clave):
        return Registro(atencion, None, None, "muestreo", True)
    if contacto:
        motivo = _fatiga(contacto)
        if motivo:
            return Registro(atencion, None, None, motivo, True)

    invitacion, token = _crear_invitacion(
        atencion=atencion,
        medio=medio,
        dias=dias,
        contacto=contacto,
        recuperable=bool(referencia_externa) or bool(contacto),
    )
    if contacto:
        from .tasks import enviar_invitacion

        transaction.on_commit(lambda: enviar_invitacion.delay(invitacion.pk))
    return Registro(atencion, invitacion, token, "invitada", True)


def _crear_invitacion(
    *,
    atencion: Atencion,
    medio: str,
    dias: int,
    contacto: str = "",
    recuperable: bool = False,
) -> tuple[Invitacion, str]:
    semilla = seguridad.nueva_semilla() if recuperable else ""
    token = seguridad.token_de_semilla(semilla) if semilla else seguridad.nuevo_token()
    ahora = timezone.now()
    invitacion = Invitacion.objects.create(
        atencion=atencion,
        encuesta=encuesta_para(atencion.canal),
        oficina_id=atencion.oficina_id,
        canal_id=atencion.canal_id,
        token_hash=seguridad.hash_token(token),
        semilla=semilla,
        medio=medio,
        estado=Invitacion.Estado.PENDIENTE if contacto else Invitacion.Estado.ENVIADA,
        caduca_en=ahora + timedelta(days=dias),
        contacto=contacto,
        enviada_en=None if contacto else ahora,
    )
    Atencion.objects.filter(pk=atencion.pk).update(invitada=True)
    atencion.invitada = True
    resumenes.sumar_embudo(
        fecha=timezone.localdate(atencion.fecha),  # offered on the attention's day
        oficina_id=atencion.oficina_id,
        canal_id=atencion.canal_id,
        servicio_id=atencion.servicio_id,
        ofrecidas=1,
    )
    return invitacion, token


class DemasiadasInvitaciones(Exception):
    """An employee asked for more counter QR codes than ENCUESTAS_QR_POR_HORA."""


def _caducidad_mostrador(ahora: datetime) -> datetime:
    horas = ajuste("ENCUESTAS_QR_CADUCIDAD_HORAS", 0)
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
    if seguridad.limite_superado(
        "qr", str(empleado.pk), ajuste("ENCUESTAS_QR_POR_HORA", 30), 3600
    ):
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
            _tasa, dias = regla_de(canal, oficina)
            invitacion, token = _crear_invitacion(
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


def _una_fila(sql: str, parametros) -> tuple | None:
    """fetchone() of one of the submit's hot statements. On PostgreSQL it runs as a
    server-side prepared statement, planned once per connection: planning the
    submit's CTEs cost as much as running them. The connection's prepare_threshold
    option (DB_PREPARE_THRESHOLD) decides; empty, nothing is prepared."""
    conexion = connections[DEFAULT_DB_ALIAS]  # the proxy costs a lookup per attribute
    if conexion.vendor != "postgresql":
        with conexion.cursor() as cursor:
            cursor.execute(sql, parametros)
            return cursor.fetchone()
    import psycopg

    conexion.close_if_health_check_failed()  # what Django's cursor() does first
    conexion.ensure_connection()
    inicio = time.monotonic()
    with (
        conexion.wrap_database_errors,
        psycopg.Cursor(conexion.connection) as cursor,
    ):
        cursor.execute(sql, parametros, prepare=True)
        fila = cursor.fetchone()
    if conexion.queries_logged:  # DEBUG and assertNumQueries still see it
        conexion.queries_log.append(
            {"sql": sql, "time": f"{time.monotonic() - inicio:.3f}"}
        )
    return fila


def _consulta_por_token():
    """SELECT of an invitation and its attention event by token hash, written once
    from the models' metadata (every concrete column, so nothing is deferred), and
    per model its field names and the backend's value converters (SQLite hands
    datetimes back as text)."""
    q = connection.ops.quote_name
    columnas, modelos = [], []
    for modelo, alias in ((Invitacion, "i"), (Atencion, "a")):
        campos = modelo._meta.concrete_fields
        columnas += [f"{alias}.{q(f.column)}" for f in campos]
        convertidores = [
            (
                f.get_col(alias),
                [
                    *connection.ops.get_db_converters(f.get_col(alias)),
                    *f.get_db_converters(connection),
                ],
            )
            for f in campos
        ]
        modelos.append(([f.attname for f in campos], convertidores))
    sql = (
        f"SELECT {', '.join(columnas)} FROM {q(Invitacion._meta.db_table)} i "
        f"LEFT JOIN {q(Atencion._meta.db_table)} a ON a.{q(Atencion._meta.pk.column)} = i.{q('atencion_id')} "
        f"WHERE i.{q('token_hash')} = %s"
    )
    return sql, modelos


_CONSULTA_POR_TOKEN: dict[str, tuple] = {}


def _instancia(modelo, nombres, convertidores, valores):
    convertidos = []
    for valor, (columna, funciones) in zip(valores, convertidores, strict=True):
        for funcion in funciones:
            valor = funcion(valor, columna, connection)
        convertidos.append(valor)
    return modelo.from_db(connection.alias, nombres, convertidos)


def invitacion_por_token(token: str) -> Invitacion | None:
    """The invitation of a token (with its attention event), or None.

    The hot path of every public submit: one fixed SQL statement instead of an ORM
    query whose compilation cost more than the database did."""
    if not seguridad.token_valido(token):
        return None
    consulta = _CONSULTA_POR_TOKEN.get(connection.vendor)
    if consulta is None:
        consulta = _CONSULTA_POR_TOKEN[connection.vendor] = _consulta_por_token()
    sql, ((nombres_i, conv_i), (nombres_a, conv_a)) = consulta
    fila = _una_fila(sql, [seguridad.hash_token(token)])
    if fila is None:
        return None
    corte = len(nombres_i)
    invitacion = _instancia(Invitacion, nombres_i, conv_i, fila[:corte])
    if invitacion.atencion_id is not None:
        invitacion.atencion = _instancia(Atencion, nombres_a, conv_a, fila[corte:])
    return invitacion


def marcar_abierta(invitacion: Invitacion) -> None:
    """Opening never burns the token (scanners open links); it only counts once."""
    if (
        invitacion.abierta_en is not None
        or invitacion.estado == Invitacion.Estado.RESPONDIDA
    ):
        return
    ahora = timezone.now()
    with transaction.atomic():
        actualizadas = Invitacion.objects.filter(
            pk=invitacion.pk, abierta_en__isnull=True
        ).update(abierta_en=ahora, estado=Invitacion.Estado.ABIERTA)
        if actualizadas:
            servicio_id = (
                invitacion.atencion.servicio_id if invitacion.atencion_id else None
            )
            resumenes.sumar_embudo(
                fecha=timezone.localdate(ahora),
                oficina_id=invitacion.oficina_id,
                canal_id=invitacion.canal_id,
                servicio_id=servicio_id,
                abiertas=1,
            )
    invitacion.abierta_en = ahora


@transaction.atomic
def enviar(invitacion_id: int) -> None:
    """Send an SMS/e-mail invitation, then forget the contact (the keyed hash stays)."""
    from .envio import enviar_correo, sms_backend

    invitacion = (
        Invitacion.objects.select_for_update(of=("self",))
        .select_related("atencion")
        .filter(pk=invitacion_id)
        .first()
    )
    if (
        invitacion is None
        or invitacion.estado != Invitacion.Estado.PENDIENTE
        or not invitacion.contacto
    ):
        return
    enlace = enlace_de(seguridad.token_de_semilla(invitacion.semilla))
    idioma = (invitacion.atencion.idioma if invitacion.atencion_id else "") or "es"
    from .textos import texto

    mensaje = texto(idioma, "sms").format(enlace=enlace)
    if invitacion.medio == Invitacion.Medio.SMS:
        sms_backend().enviar(invitacion.contacto, mensaje)
    else:
        enviar_correo(invitacion.contacto, texto(idioma, "asunto_correo"), mensaje)
    invitacion.contacto = ""
    invitacion.estado = Invitacion.Estado.ENVIADA
    invitacion.enviada_en = timezone.now()
    invitacion.save(update_fields=["contacto", "estado", "enviada_en"])


@transaction.atomic
def dar_de_baja(*, contacto: str) -> None:
    h = seguridad.hash_contacto(contacto)
    _rescatar_baja_antigua(contacto, h)
    ContactoHash.objects.update_or_create(hash=h, defaults={"baja": True})


# --- responses -------------------------------------------------------------------------


def hora_truncada(momento: datetime) -> datetime:
    return momento.replace(minute=0, second=0, microsecond=0)


def dia_local(momento: datetime | None) -> datetime | None:
    """The start of the moment's local day: what an answered invitation keeps of
    its times (the same as the SQL of `_sql_envio`)."""
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
    return sat is not None and sat <= ajuste("ENCUESTAS_UMBRAL_ALERTA", 2)


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
    idioma = idioma if idioma in IDIOMAS else "es"
    if connection.vendor == "postgresql" and not alerta:
        texto = _comentario_de(lineas, comentario)
        try:
            pk = _guardar_postgres(
                invitacion.token_hash,
                invitacion.encuesta_id,
                valores,
                lineas,
                texto=texto,
                idioma=idioma,
                reportable=reportable,
                motivo=motivo_no_reportable,
                ahora=ahora,
            )
        except IntegrityError as exc:
            raise YaRespondida from exc
        if pk is None:
            raise YaRespondida
        atencion = invitacion.atencion if invitacion.atencion_id else None
        return _respuesta_de(
            _Dimensiones(
                encuesta_id=invitacion.encuesta_id,
                oficina_id=invitacion.oficina_id,
                canal_id=invitacion.canal_id,
                servicio_id=atencion.servicio_id if atencion else None,
                empleado_id=atencion.empleado_id if atencion else None,
                medio=invitacion.medio,
            ),
            ahora,
            idioma=idioma,
            reportable=reportable,
            motivo=motivo_no_reportable,
            texto=texto,
            pk=pk,
        )
    try:
        with transaction.atomic():
            respuesta = _quemar_y_guardar(
                invitacion.pk,
                lineas,
                valores,
                comentario=comentario,
                contacto=contacto,
                idioma=idioma,
                reportable=reportable,
                motivo=motivo_no_reportable,
                ahora=ahora,
            )
    except IntegrityError as exc:
        raise YaRespondida from exc
    if respuesta is None:
        raise YaRespondida
    return respuesta


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


def _sql_envio() -> str:
    """The whole submit as ONE statement of data-modifying CTEs: lock the unused,
    unexpired invitation of this token and survey (reading service and employee
    from its event), burn and scrub it with one UPDATE (event link cut, seed and
    contact blanked, times coarsened to the start of their local day), insert the
    response (coarse dimensions and medium only) and its values, and queue it for
    the rollups. Of two concurrent submits the second waits on the row lock, then
    finds it answered and writes nothing. The text never changes (values travel
    as arrays): prepared once per connection. Same rows as `_quemar_y_guardar`."""
    q = connection.ops.quote_name
    invitaciones = q(Invitacion._meta.db_table)

    def dia(columna):
        return (
            f"date_trunc('day', {columna} AT TIME ZONE %(zona)s::text) "
            "AT TIME ZONE %(zona)s::text"
        )

    return (
        "WITH previa AS (SELECT i.id, i.oficina_id, i.canal_id, i.medio, "
        "i.abierta_en IS NULL AS nueva, a.servicio_id, a.empleado_id "
        f"FROM {invitaciones} i LEFT JOIN {q(Atencion._meta.db_table)} a ON a.id = i.atencion_id "
        "WHERE i.token_hash = %(token_hash)s::varchar AND i.encuesta_id = %(encuesta)s::bigint "
        "AND i.medio <> 'quiosco' AND i.estado <> 'respondida' AND i.caduca_en > %(ahora)s::timestamptz "
        "FOR UPDATE OF i), "
        f"quemada AS (UPDATE {invitaciones} AS u SET estado = 'respondida', atencion_id = NULL, "
        f"semilla = '', contacto = '', creada_en = {dia('u.creada_en')}, "
        f"caduca_en = {dia('u.caduca_en')}, "
        f"abierta_en = {dia('COALESCE(u.abierta_en, %(ahora)s::timestamptz)')}, "
        f"enviada_en = {dia('u.enviada_en')} FROM previa WHERE u.id = previa.id "
        "RETURNING previa.*), "
        f"resp AS (INSERT INTO {q(Respuesta._meta.db_table)} (encuesta_id, oficina_id, canal_id, "
        "servicio_id, empleado_id, medio, hora, fecha, idioma, reportable, motivo_no_reportable, "
        "comentario) SELECT %(encuesta)s::bigint, q.oficina_id, q.canal_id, q.servicio_id, "
        "q.empleado_id, q.medio, %(hora)s::timestamptz, %(fecha)s::date, %(idioma)s::varchar, "
        "%(reportable)s::boolean, %(motivo)s::varchar, %(comentario)s::text FROM quemada q "
        "RETURNING id), "
        f"items AS (INSERT INTO {q(RespuestaItem._meta.db_table)} (respuesta_id, item_version_id, codigo, valor, texto) "
        "SELECT resp.id, v.iv, v.codigo, v.valor, '' FROM resp, "
        "unnest(%(versiones)s::bigint[], %(codigos)s::varchar[], %(valores)s::smallint[]) AS v(iv, codigo, valor)), "
        f"pendiente AS (INSERT INTO {q(ResumenPendiente._meta.db_table)} (respuesta_id, abierta) "
        "SELECT resp.id, quemada.nueva FROM resp, quemada) "
        # Commit without waiting for the disk flush (ENCUESTAS_COMMIT_ASINCRONO): a
        # crash in the next fraction of a second would lose this response and the
        # use of its token together, so the link would simply work again. Set inside
        # the statement, the setting covers this transaction's commit and no other.
        "SELECT id, set_config('synchronous_commit', CASE WHEN %(asincrono)s::boolean "
        "THEN 'off' ELSE current_setting('synchronous_commit') END, true) FROM resp"
    )


_SQL_ENVIO: str | None = None


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
    ahora: datetime | None = None,
) -> int | None:
    """Run `_sql_envio`: one statement, atomic on its own (autocommit). Returns the
    new response's id, or None if nothing was written (no unused, unexpired
    invitation of that token and survey). Same effect as `_guardar`."""
    global _SQL_ENVIO
    if _SQL_ENVIO is None:
        _SQL_ENVIO = _sql_envio()
    ahora = ahora or timezone.now()
    por_codigo = {li.item_version.item.codigo: li.item_version_id for li in lineas}
    fila = _una_fila(
        _SQL_ENVIO,
        {
            "token_hash": token_hash,
            "encuesta": encuesta_id,
            "ahora": ahora,
            "zona": settings.TIME_ZONE,
            "hora": hora_truncada(ahora),
            "fecha": timezone.localdate(ahora),
            "idioma": idioma,
            "reportable": reportable,
            "motivo": motivo,
            "comentario": texto,
            "versiones": [por_codigo[c] for c in valores],
            "codigos": list(valores),
            "valores": list(valores.values()),
            # Only when the statement is its own transaction, not inside a caller's.
            "asincrono": not connection.in_atomic_block
            and ajuste("ENCUESTAS_COMMIT_ASINCRONO", True),
        },
    )
    return None if fila is None else fila[0]


@dataclass(frozen=True)
class _Dimensiones:
    """What a response keeps of where it came from: coarse dimensions only."""

    encuesta_id: int
    oficina_id: int
    canal_id: int
    servicio_id: int | None
    empleado_id: int | None
    medio: str


def _respuesta_de(
    dimensiones: _Dimensiones, ahora, *, idioma, reportable, motivo, texto, pk=None
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


def _quemar(invitacion_id: int, ahora: datetime) -> tuple[_Dimensiones, bool] | None:
    """Burn an unused, unexpired invitation and scrub it, inside the caller's
    transaction: its dimensions are read under a row lock, then one conditional
    UPDATE cuts the link to its event, blanks seed and contact and coarsens its
    times to the day. Returns (dimensions, first opened now), or None if the token
    was already used or is expired. Same effect as the first CTEs of `_sql_envio`."""
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
    dimensiones = _Dimensiones(
        encuesta_id=fila["encuesta_id"],
        oficina_id=fila["oficina_id"],
        canal_id=fila["canal_id"],
        servicio_id=fila["servicio"],
        empleado_id=fila["empleado"],
        medio=fila["medio"],
    )
    return dimensiones, fila["abierta_en"] is None


def _quemar_y_guardar(
    invitacion_id: int,
    lineas,
    valores,
    *,
    comentario: str,
    contacto: str,
    idioma: str,
    reportable: bool,
    motivo: str,
    ahora: datetime,
) -> Respuesta | None:
    """The ORM path of a submit (SQLite, or an alert to open): `_quemar`, then
    `_guardar`, in the caller's transaction. None if the token was not usable."""
    quemada = _quemar(invitacion_id, ahora)
    if quemada is None:
        return None
    dimensiones, abierta = quemada
    return _guardar(
        dimensiones,
        lineas,
        valores,
        comentario,
        contacto,
        idioma,
        reportable,
        motivo,
        ahora=ahora,
        abierta=abierta,
    )


def _guardar(
    dimensiones: _Dimensiones,
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
        _abrir_alerta(respuesta, valores["SAT"], contacto)
    return respuesta


def _abrir_alerta(respuesta: Respuesta, puntuacion: int, contacto: str) -> Alerta:
    oficina = Oficina.objects.only("responsable_id").get(pk=respuesta.oficina_id)
    alerta = Alerta.objects.create(
        respuesta=respuesta,
        oficina_id=respuesta.oficina_id,
        responsable_id=oficina.responsable_id,
        plazo=timezone.now()
        + timedelta(hours=ajuste("ENCUESTAS_PLAZO_ALERTA_HORAS", 48)),
        contacto=contacto,
        puntuacion=puntuacion,
    )
    if oficina.responsable_id:
        from .tasks import avisar_alerta

        transaction.on_commit(lambda: avisar_alerta.delay(alerta.pk))
    return alerta


# --- kiosk -----------------------------------------------------------------------------

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
    import hmac

    return kiosco.activo and hmac.compare_digest(
        kiosco.secreto_hash, seguridad.hmac_hex("kiosco", secreto or "")
    )


@transaction.atomic
def responder_quiosco(*, kiosco: Kiosco, cara: int, idioma: str = "es") -> Respuesta:
    if cara not in CARA_A_SAT:
        raise ValidationError(_("Cara no válida."))
    maximo, segundos = ajuste("ENCUESTAS_QUIOSCO_RAFAGA", (8, 30))
    rafaga = seguridad.limite_superado("quiosco", str(kiosco.pk), maximo, segundos)
    encuesta = (
        Encuesta.objects.filter(es_quiosco=True, activa=True).order_by("pk").first()
    )
    lineas = lineas_de(encuesta.pk)
    # No invitation: a tap is anonymous from the start and has no token to burn.
    # Bursts are kept but left out of metrics (reportable=False), never deleted.
    return _guardar(
        _Dimensiones(
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


# --- alerts and complaints -------------------------------------------------------------


@transaction.atomic
def cambiar_estado_alerta(
    *, alerta: Alerta, estado: str, autor, nota: str = ""
) -> Alerta:
    alerta = Alerta.objects.select_for_update().get(pk=alerta.pk)
    if alerta.estado == Alerta.Estado.CERRADA:
        raise ValidationError(_("La alerta ya está cerrada."))
    if estado not in Alerta.Estado.values:
        raise ValidationError(_("Estado no válido."))
    alerta.estado = estado
    if estado == Alerta.Estado.CERRADA:
        alerta.contacto = ""  # the citizen's contact lives only while it is needed
        alerta.cerrada_en = timezone.now()
    alerta.full_clean()
    alerta.save()
    nota = (nota or "").strip()
    NotaAlerta.objects.create(
        alerta=alerta, autor=autor, texto=redactar(nota)[:2000], estado=estado
    )
    return alerta


@transaction.atomic
def remitir_queja(*, respuesta: Respuesta, por) -> Queja:
    existente = Queja.objects.filter(respuesta=respuesta).first()
    if existente:
        return existente
    if not respuesta.comentario:
        raise ValidationError(_("La respuesta no tiene comentario que remitir."))
    ahora = timezone.now()
    anterior = (
        Queja.objects.select_for_update()
        .filter(numero__startswith=f"QS-{ahora:%Y}-")
        .order_by("-numero")
        .first()
    )
    siguiente = int(anterior.numero.rsplit("-", 1)[1]) + 1 if anterior else 1
    queja = Queja.objects.create(
        numero=f"QS-{ahora:%Y}-{siguiente:06d}",
        respuesta=respuesta,
        oficina_id=respuesta.oficina_id,
        texto=respuesta.comentario,
        remitida_por=por,
    )
    destino = ajuste("ENCUESTAS_QUEJAS_EMAIL", "")
    if destino:
        from .tasks import enviar_queja

        transaction.on_commit(lambda: enviar_queja.delay(queja.pk))
    return queja


# --- API keys --------------------------------------------------------------------------


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
