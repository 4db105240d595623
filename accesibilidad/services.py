"""Writes of the accessibility communications: receive one, e-mail the unit,
answer and close it, e-mail the answer."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from comun.enlaces import enlace_absoluto

from .app_settings import ajustes
from .models import Comunicacion
from .plazos import sumar_dias_habiles
from .textos import TEXTOS


def registrar_comunicacion(
    *,
    tipo: str,
    descripcion: str,
    pagina: str = "",
    correo: str = "",
    idioma: str = "es",
) -> Comunicacion:
    """Stores a citizen's communication with its answer deadline and, once
    committed, e-mails it to the accessibility unit."""
    comunicacion = Comunicacion(
        tipo=tipo,
        descripcion=descripcion,
        pagina=pagina,
        correo=correo,
        idioma=idioma,
        plazo=sumar_dias_habiles(timezone.localdate(), ajustes.PLAZO_DIAS_HABILES),
    )
    comunicacion.full_clean()
    with transaction.atomic():
        comunicacion.save()
        if ajustes.EMAIL:
            from .tasks import avisar_unidad

            transaction.on_commit(lambda: avisar_unidad.delay(comunicacion.pk))
    return comunicacion


def avisar_unidad(*, comunicacion_id: int) -> bool:
    """E-mails the communication to the unit, once (a retried task sends nothing).
    The citizen's address stays in the application: the unit answers there."""
    with transaction.atomic():
        comunicacion = (
            Comunicacion.objects.select_for_update()
            .filter(pk=comunicacion_id, aviso_enviado_en=None)
            .first()
        )
        if comunicacion is None or not ajustes.EMAIL:
            return False
        enlace = enlace_absoluto(
            reverse("accesibilidad:comunicacion", args=[comunicacion.pk])
        )
        send_mail(
            _("Comunicación de accesibilidad %(referencia)s: %(tipo)s")
            % {
                "referencia": comunicacion.referencia,
                "tipo": comunicacion.get_tipo_display(),
            },
            "\n\n".join(
                [
                    _("Página: %(pagina)s") % {"pagina": comunicacion.pagina or "—"},
                    comunicacion.descripcion,
                    _("Plazo de respuesta: %(plazo)s")
                    % {"plazo": f"{comunicacion.plazo:%d/%m/%Y}"},
                    enlace,
                ]
            ),
            settings.DEFAULT_FROM_EMAIL,
            [ajustes.EMAIL],
        )
        comunicacion.aviso_enviado_en = timezone.now()
        comunicacion.save(update_fields=["aviso_enviado_en"])
    return True


def cerrar_comunicacion(
    *, comunicacion: Comunicacion, respuesta: str, por
) -> Comunicacion:
    """Answers and closes an open communication; the answer is e-mailed to the
    citizen when they left an address. ValidationError if someone closed it first."""
    with transaction.atomic():
        actual = Comunicacion.objects.select_for_update().get(pk=comunicacion.pk)
        if actual.estado == Comunicacion.Estado.CERRADA:
            raise ValidationError(_("Otra persona ya ha respondido esta comunicación."))
        actual.estado = Comunicacion.Estado.CERRADA
        actual.respuesta = respuesta
        actual.cerrada_en = timezone.now()
        actual.cerrada_por = por
        actual.full_clean()
        actual.save()
        if actual.correo:
            from .tasks import enviar_respuesta

            transaction.on_commit(lambda: enviar_respuesta.delay(actual.pk))
    return actual


def enviar_respuesta(*, comunicacion_id: int) -> bool:
    """E-mails the answer to the citizen in their language, once."""
    with transaction.atomic():
        comunicacion = (
            Comunicacion.objects.select_for_update()
            .filter(
                pk=comunicacion_id,
                estado=Comunicacion.Estado.CERRADA,
                respuesta_enviada_en=None,
            )
            .exclude(correo="")
            .first()
        )
        if comunicacion is None:
            return False
        with translation.override(comunicacion.idioma or "es"):
            titulo = str(TEXTOS["titulo"])
        send_mail(
            f"{titulo} · {comunicacion.referencia}",
            comunicacion.respuesta,
            settings.DEFAULT_FROM_EMAIL,
            [comunicacion.correo],
        )
        comunicacion.respuesta_enviada_en = timezone.now()
        comunicacion.save(update_fields=["respuesta_enviada_en"])
    return True
