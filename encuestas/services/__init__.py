"""Every write of the surveys module, by subdomain: the question bank (`banco`),
attention events (`atenciones`), invitations (`invitaciones`) and the contacts'
hashes (`contactos`), responses (`respuestas`) and the public survey page's flow
(`publica`), the kiosk (`quiosco`), alerts and complaints (`alertas`), and API
clients (`integraciones`). Their reads are in `encuestas.selectors`, their SQL in
`encuestas.sql`. The names below are what callers import from here."""

from ..models import IntegracionAPI  # tests reach the model through here
from ..selectors import invitacion_por_token, regla_de
from .alertas import abrir_alerta, cambiar_estado_alerta, remitir_queja
from .atenciones import (
    DemasiadasInvitaciones,
    Registro,
    invitar_en_mostrador,
    registrar_atencion,
    registrar_desde_sede,
)
from .banco import (
    _CACHE_LINEAS,
    crear_pregunta,
    editar_item,
    editar_pregunta,
    encuesta_de_quiosco,
    encuesta_para,
    lineas_de,
)
from .contactos import (
    dar_de_baja,
    dar_de_baja_por_token,
    emitir_token_baja,
    purgar_contactos,
)
from .integraciones import (
    AtencionDeLote,
    LoteNoValido,
    crear_integracion,
    registrar_lote_atenciones,
    revocar_integracion,
)
from .invitaciones import crear_invitacion, enlace_de, enviar, marcar_abierta
from .publica import Envio, Pagina, Plantilla, idioma_de, responder_encuesta
from .quiosco import (
    CARA_A_SAT,
    anadir_motivo_quiosco,
    crear_kiosco,
    kiosco_autentico,
    responder_quiosco,
)
from .respuestas import (
    Caducada,
    InvitacionNoValida,
    YaRespondida,
    _guardar_postgres,
    _quemar_y_guardar,
    dia_local,
    hora_truncada,
    puntuacion_baja,
    responder,
    responder_directo,
    validar_valores,
)

__all__ = [
    "AtencionDeLote",
    "CARA_A_SAT",
    "_CACHE_LINEAS",
    "_guardar_postgres",
    "_quemar_y_guardar",
    "Caducada",
    "DemasiadasInvitaciones",
    "Envio",
    "IntegracionAPI",
    "InvitacionNoValida",
    "LoteNoValido",
    "Pagina",
    "Plantilla",
    "Registro",
    "YaRespondida",
    "abrir_alerta",
    "anadir_motivo_quiosco",
    "cambiar_estado_alerta",
    "crear_integracion",
    "crear_invitacion",
    "crear_kiosco",
    "dar_de_baja",
    "dar_de_baja_por_token",
    "emitir_token_baja",
    "dia_local",
    "crear_pregunta",
    "editar_item",
    "editar_pregunta",
    "encuesta_de_quiosco",
    "encuesta_para",
    "enlace_de",
    "enviar",
    "hora_truncada",
    "idioma_de",
    "invitacion_por_token",
    "invitar_en_mostrador",
    "kiosco_autentico",
    "lineas_de",
    "marcar_abierta",
    "puntuacion_baja",
    "purgar_contactos",
    "regla_de",
    "registrar_atencion",
    "registrar_desde_sede",
    "registrar_lote_atenciones",
    "remitir_queja",
    "responder",
    "responder_directo",
    "responder_encuesta",
    "responder_quiosco",
    "revocar_integracion",
    "validar_valores",
]
