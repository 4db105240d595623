"""Accounts of the staff: the welcome e-mail that lets a new employee choose a
password, and the user behind an employee."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from comun.enlaces import enlace_absoluto
from comun.idioma import en_idioma_de

from ..models import Empleado


def enviar_bienvenida(*, empleado: Empleado) -> bool:
    """E-mail a new employee a link to choose a password. Sends at most once."""
    with transaction.atomic():
        bloqueado = Empleado.objects.select_for_update().get(pk=empleado.pk)
        if bloqueado.bienvenida_enviada_en is not None:
            return False
        usuario = bloqueado.usuario
        if not usuario.email:
            return False
        enlace = enlace_absoluto(
            reverse(
                "password_reset_confirm",
                kwargs={
                    "uidb64": urlsafe_base64_encode(force_bytes(usuario.pk)),
                    "token": default_token_generator.make_token(usuario),
                },
            )
        )
        with en_idioma_de(usuario):
            cuerpo = render_to_string(
                "organizacion/email/bienvenida.txt",
                {"empleado": bloqueado, "enlace": enlace},
            )
            asunto = _("Bienvenida a Ventanilla")
        send_mail(asunto, cuerpo, None, [usuario.email])
        bloqueado.bienvenida_enviada_en = timezone.now()
        bloqueado.save(update_fields=["bienvenida_enviada_en"])
    return True


def programar_bienvenida(*, empleado: Empleado) -> None:
    """Queue the welcome e-mail once the transaction that created the employee commits."""
    from ..tasks import enviar_bienvenida as tarea

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


def cambiar_idioma(*, empleado: Empleado, idioma: str) -> None:
    """The language of this person's pages, e-mails and PDFs ("": the browser's)."""
    idioma = Empleado._meta.get_field("idioma").clean(idioma, empleado)
    Empleado.objects.filter(pk=empleado.pk).update(idioma=idioma)
    empleado.idioma = idioma
