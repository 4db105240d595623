"""E-mails of the workflow: to whoever must act next, and a daily reminder to
late evaluators. Sent once the transaction commits."""

from __future__ import annotations

from datetime import date

from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Count
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from comun.enlaces import base_publica
from comun.idioma import en_idioma_de
from organizacion.models import Empleado

from ..models import ESTADOS_SIN_ENVIAR, Campana, Evaluacion, RecordatorioEvaluador


def notificar(destinatario: Empleado | None, motivo: str, ev: Evaluacion) -> None:
    if destinatario is None or not destinatario.usuario.email:
        return
    with en_idioma_de(destinatario.usuario):
        asunto = {
            "enviada": _("Tiene una evaluación de competencias para revisar"),
            "alegada": _("Tiene una alegación a una evaluación que revisar"),
            "revisada": _("Su alegación ha sido revisada"),
        }[motivo]
        cuerpo = render_to_string(
            "evaluacion/email/aviso.txt",
            {
                "motivo": motivo,
                "evaluacion": ev,
                "destinatario": destinatario,
                "sitio": base_publica(),
            },
        )
    correo = destinatario.usuario.email
    transaction.on_commit(
        lambda: send_mail(asunto, cuerpo, None, [correo], fail_silently=True)
    )


def enviar_recordatorios(*, hoy: date | None = None) -> int:
    """One e-mail per late evaluator and day (the unique row makes reruns no-ops)."""
    hoy = hoy or timezone.localdate()
    atrasados = (
        Evaluacion.objects.filter(
            campana__estado__in=[Campana.Estado.ABIERTA, Campana.Estado.EN_CIERRE],
            campana__evaluacion_hasta__lt=hoy,
            estado__in=ESTADOS_SIN_ENVIAR,
        )
        .values("evaluador_id")
        .annotate(n=Count("id"))
        .order_by("evaluador_id")
    )
    enviados = 0
    for fila in atrasados:
        with transaction.atomic():
            _registro, creado = RecordatorioEvaluador.objects.get_or_create(
                evaluador_id=fila["evaluador_id"],
                fecha=hoy,
                defaults={"pendientes": fila["n"]},
            )
            if not creado:
                continue
            evaluador = Empleado.objects.select_related("usuario").get(
                pk=fila["evaluador_id"]
            )
            if evaluador.usuario.email:
                with en_idioma_de(evaluador.usuario):
                    cuerpo = render_to_string(
                        "evaluacion/email/recordatorio.txt",
                        {
                            "evaluador": evaluador,
                            "n": fila["n"],
                            "sitio": base_publica(),
                        },
                    )
                    asunto = _("Evaluaciones de competencias fuera de plazo")
                correo = evaluador.usuario.email
                transaction.on_commit(
                    lambda c=correo, b=cuerpo, a=asunto: send_mail(a, b, None, [c])
                )
                enviados += 1
    return enviados
