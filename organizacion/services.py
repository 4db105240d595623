"""Operations that change the organisation's records."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from .models import Empleado

if TYPE_CHECKING:
    from .importacion import InformeImportacion

logger = logging.getLogger(__name__)


def enviar_bienvenida(*, empleado: Empleado) -> bool:
    """E-mail a new employee a link to choose a password. Sends at most once."""
    with transaction.atomic():
        bloqueado = Empleado.objects.select_for_update().get(pk=empleado.pk)
        if bloqueado.bienvenida_enviada_en is not None:
            return False
        usuario = bloqueado.usuario
        if not usuario.email:
            return False
        enlace = settings.SITE_URL + reverse(
            "password_reset_confirm",
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(usuario.pk)),
                "token": default_token_generator.make_token(usuario),
            },
        )
        cuerpo = render_to_string(
            "organizacion/email/bienvenida.txt",
            {"empleado": bloqueado, "enlace": enlace},
        )
        send_mail("Bienvenida a Ventanilla", cuerpo, None, [usuario.email])
        bloqueado.bienvenida_enviada_en = timezone.now()
        bloqueado.save(update_fields=["bienvenida_enviada_en"])
    return True


def programar_bienvenida(*, empleado: Empleado) -> None:
    """Queue the welcome e-mail once the transaction that created the employee commits."""
    from .tasks import enviar_bienvenida as tarea

    transaction.on_commit(lambda: tarea.delay(empleado.pk))


def usuario_para(*, username: str, email: str, nombre: str, apellidos: str):
    User = get_user_model()
    usuario, creado = User.objects.get_or_create(
        username=username,
        defaults={"email": email, "first_name": nombre, "last_name": apellidos},
    )
    if not creado:
        cambios = {"email": email, "first_name": nombre, "last_name": apellidos}
        if any(getattr(usuario, k) != v for k, v in cambios.items()):
            for k, v in cambios.items():
                setattr(usuario, k, v)
            usuario.save(update_fields=list(cambios))
    if creado:
        usuario.set_unusable_password()
        usuario.save(update_fields=["password"])
    return usuario, creado


def importar_plantilla(
    *,
    fichero,
    nombre: str,
    tipo: str = "auto",
    por=None,
    simular: bool = False,
) -> InformeImportacion:
    """Load offices, services and/or employees from a CSV or XLSX file.

    All or nothing: every row is checked (model validation, references to the
    file or the database, hierarchy cycles) and nothing is written if any row
    fails. Re-importing updates by DIR3 code, service code and employee
    identifier. New employees get a user and, once committed, a welcome e-mail.
    `simular` does the whole import and rolls it back.
    """
    from . import importacion as imp

    if tipo != "auto" and tipo not in imp.TIPOS:
        raise ValueError(f"Tipo de importación desconocido: {tipo}")
    informe = imp.InformeImportacion(nombre=nombre, simulado=simular)
    contenido = fichero if isinstance(fichero, bytes) else fichero.read()
    try:
        tablas = imp.leer_tablas(contenido, nombre)
    except imp.ErrorFichero as exc:
        informe.errores.append(imp.ErrorImportacion(nombre, 1, "", str(exc)))
        return informe
    elegidas = []
    for tabla in tablas:
        detectado = imp.detectar_tipo(tabla)
        if tipo != "auto" and (len(tablas) == 1 or detectado == tipo):
            tabla.tipo = tipo
        elif tipo == "auto" and detectado:
            tabla.tipo = detectado
        elif tipo == "auto" and len(tablas) > 1:
            informe.avisos.append(
                _(
                    "Se ignora la hoja «%(hoja)s»: no parece de oficinas, servicios ni empleados."
                )
                % {"hoja": tabla.titulo}
            )
            continue
        elif tipo == "auto":
            informe.errores.append(
                imp.ErrorImportacion(
                    tabla.hoja,
                    tabla.linea_cabecera,
                    "",
                    _(
                        "No se reconoce si son oficinas, servicios o empleados: indique el tipo."
                    ),
                )
            )
            continue
        else:
            continue
        imp.asignar_columnas(tabla, informe.errores, informe.avisos)
        elegidas.append(tabla)
    if not elegidas and not informe.errores:
        informe.errores.append(
            imp.ErrorImportacion(
                nombre,
                1,
                "",
                _("El libro no tiene ninguna hoja de %(tipo)s.")
                % {"tipo": imp.NOMBRES_TIPO.get(tipo, tipo).lower()},
            )
        )
    if informe.errores:
        return informe

    importador = imp.Importador(elegidas, informe, por=por)
    importador.validar()
    if informe.errores:
        return informe
    try:
        with transaction.atomic():
            importador.guardar()
            if simular:
                transaction.set_rollback(True)
    except IntegrityError as exc:
        # A race with another writer: checked rows that the database still refuses.
        informe.errores.append(imp.ErrorImportacion(nombre, 1, "", str(exc)))
        return informe
    logger.info(
        "Importación de %s por %s%s: %s",
        nombre,
        getattr(por, "username", "la línea de órdenes"),
        " (simulada)" if simular else "",
        "; ".join(informe.lineas()),
    )
    return informe
