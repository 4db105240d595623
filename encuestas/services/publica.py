"""The public survey page's flow (/e/<token>/): what opening it shows and what a
submit does, from the one-statement fast path to the contact question that only
follows a low score. The view parses the request and renders the page this
returns."""

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from functools import partial

from django.core.exceptions import ValidationError
from django.utils import translation

from .. import selectors
from ..models import IDIOMAS, Invitacion, ItemVersion
from ..textos import texto
from .banco import lineas_de
from .invitaciones import marcar_abierta
from .respuestas import (
    Caducada,
    YaRespondida,
    puntuacion_baja,
    responder,
    responder_directo,
    validar_valores,
)


@dataclass(frozen=True)
class Envio:
    """A submit of the public form, as `forms.EnvioEncuestaForm` parses it."""

    paso: int  # 2: the contact question after a low score
    directo: bool  # the first page as the form sends it: may take the fast path
    idioma: str  # the form's language, as sent
    encuesta_id: int | None  # the survey the form shows: checked, never trusted
    datos: dict[str, str]  # the answers by item code, as sent
    comentario: str
    contacto: str


class Plantilla(StrEnum):
    ENCUESTA = "encuesta"
    GRACIAS = "gracias"
    RESPONDIDA = "respondida"
    CADUCADA = "caducada"
    DEMASIADOS = "demasiados"


@dataclass(frozen=True)
class Pagina:
    """What to show, in which language and with which status; for the survey
    form, its step, the answers to show again and the errors per item code."""

    plantilla: Plantilla
    idioma: str
    estado: int = 200
    encuesta_id: int | None = None
    lineas: list = field(default_factory=list)
    paso: int = 1
    datos: dict = field(default_factory=dict)
    errores: dict = field(default_factory=dict)
    con_errores: bool = False
    comentario: str = ""
    ocultos: dict = field(default_factory=dict)


def idioma_de(pedido: str, preferido: str, navegador: str) -> str:
    """The page's language: the one asked for in the address or the form, else
    the attention's, else the browser's, else Spanish."""
    if pedido in IDIOMAS:
        return pedido
    if preferido in IDIOMAS:
        return preferido
    return navegador if navegador in IDIOMAS else "es"


def _tiene(lineas, tipo: str) -> bool:
    return any(li.item_version.tipo == tipo for li in lineas)


def responder_encuesta(
    *,
    token: str,
    envio: Envio | None,
    idioma_pedido: str = "",
    idioma_navegador: str = "",
    personal: bool = False,
    demasiados: Callable[[], bool] = lambda: False,
) -> Pagina:
    """Open (`envio` None) or submit the survey of a token.

    Raises Invitacion.DoesNotExist for an unknown token or a kiosk's: the caller
    answers as it does for any unknown address. `personal`: a member of staff is
    answering, so the response is kept out of the metrics. `demasiados` is the
    caller's rate limit: asked at most once, and only when a submit gets that far.
    """
    if envio is not None and envio.directo and not personal:
        # The usual submit (first page, valid values, nothing unusual) in one
        # round trip; anything else goes down the careful path below.
        if (
            envio.encuesta_id is not None
            and envio.idioma in IDIOMAS
            and not demasiados()
            and responder_directo(
                token=token,
                encuesta_id=envio.encuesta_id,
                datos=envio.datos,
                comentario=envio.comentario,
                idioma=envio.idioma,
            )
        ):
            return Pagina(Plantilla.GRACIAS, envio.idioma)
    invitacion = selectors.invitacion_por_token(token)
    if invitacion is None or invitacion.medio == Invitacion.Medio.QUIOSCO:
        raise Invitacion.DoesNotExist
    idioma = idioma_de(
        idioma_pedido,
        invitacion.atencion.idioma if invitacion.atencion_id else "",
        idioma_navegador,
    )
    if invitacion.estado == Invitacion.Estado.RESPONDIDA:
        return Pagina(Plantilla.RESPONDIDA, idioma, 200 if envio is None else 409)
    if invitacion.caducada:
        return Pagina(Plantilla.CADUCADA, idioma, 410)
    lineas = lineas_de(invitacion.encuesta_id)
    formulario = partial(
        Pagina,
        Plantilla.ENCUESTA,
        idioma,
        encuesta_id=invitacion.encuesta_id,
        lineas=lineas,
    )
    # "Abierta" counts a person who sent the form at least once, not a GET: link
    # scanners and previews open every link they see.
    if envio is None:
        return formulario()
    if demasiados():
        return Pagina(Plantilla.DEMASIADOS, idioma, 429)
    marcar_abierta(invitacion)
    datos, paso = envio.datos, envio.paso
    # The messages in the citizen's language, whatever the request's.
    with translation.override(idioma):
        valores, errores = validar_valores(lineas, datos, incluir_contacto=paso == 2)
    if paso == 2 and datos.get("CONTACTO") == "1" and not envio.contacto:
        errores["CONTACTO"] = texto(idioma, "contacto_falta")
    if errores:
        return formulario(
            estado=400,
            paso=paso,
            datos=datos,
            errores=errores,
            con_errores=True,
            comentario=envio.comentario,
            ocultos={k: v for k, v in datos.items() if k != "CONTACTO"}
            if paso == 2
            else {},
        )
    if (
        paso == 1
        and _tiene(lineas, ItemVersion.Tipo.CONTACTO)
        and puntuacion_baja(valores)
    ):
        # The server decides: the contact question only follows a low score.
        return formulario(
            paso=2,
            comentario=envio.comentario,
            ocultos={k: str(v) for k, v in valores.items()},
        )
    try:
        responder(
            token=token,
            datos=datos,
            comentario=envio.comentario,
            contacto=envio.contacto if datos.get("CONTACTO") == "1" else "",
            idioma=idioma,
            invitacion=invitacion,
            reportable=not personal,
            motivo_no_reportable="sesion_personal" if personal else "",
        )
    except YaRespondida:
        return Pagina(Plantilla.RESPONDIDA, idioma, 409)
    except Caducada:
        return Pagina(Plantilla.CADUCADA, idioma, 410)
    except ValidationError:
        return formulario(estado=400, datos=datos, con_errores=True)
    return Pagina(Plantilla.GRACIAS, idioma)
