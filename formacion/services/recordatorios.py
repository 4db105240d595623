"""The daily digest of due dates and expiries: one e-mail a day at most."""

from datetime import date, timedelta

from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext_lazy

from comun.enlaces import base_publica
from comun.idioma import en_idioma_de
from organizacion.models import Empleado

from ..models import Matricula, Recordatorio

DIAS_AVISO_PLAZO = 7
DIAS_AVISO_CADUCIDAD = 60


def _destinatarios_resumen(hoy: date) -> tuple[dict, dict]:
    """Per employee, what their digest says; per supervisor, their reports' items."""
    pronto = hoy + timedelta(days=DIAS_AVISO_PLAZO)
    caduca_pronto = hoy + timedelta(days=DIAS_AVISO_CADUCIDAD)
    filas = (
        Matricula.objects.filter(empleado__in=Empleado.objects.activos(hoy))
        .filter(
            Q(estado__in=Matricula.ABIERTAS)
            | Q(estado=Matricula.Estado.COMPLETADA, caduca_en__lte=caduca_pronto)
        )
        .values(
            "pk",
            "estado",
            "plazo",
            "caduca_en",
            "curso__title",
            "empleado_id",
            "empleado__nombre",
            "empleado__apellidos",
            "empleado__supervisor_id",
            "renovaciones__pk",
        )
    )
    personal: dict[int, dict] = {}
    equipo: dict[int, list] = {}
    for f in filas:
        if f["estado"] == Matricula.Estado.COMPLETADA:
            if f["renovaciones__pk"]:
                continue
            clase = "caduca"
        elif f["estado"] == Matricula.Estado.VENCIDA or (
            f["plazo"] and f["plazo"] < hoy
        ):
            clase = "vencida"
        elif f["plazo"] and f["plazo"] <= pronto:
            clase = "plazo_proximo"
        else:
            clase = "asignada"
        item = {
            "curso": f["curso__title"],
            "plazo": f["plazo"],
            "caduca_en": f["caduca_en"],
            "clase": clase,
        }
        personal.setdefault(f["empleado_id"], {}).setdefault(clase, []).append(item)
        if f["empleado__supervisor_id"] and clase != "asignada":
            equipo.setdefault(f["empleado__supervisor_id"], []).append(
                dict(
                    item, persona=f"{f['empleado__nombre']} {f['empleado__apellidos']}"
                )
            )
    return personal, equipo


def _enviar_una_vez(
    *,
    destinatario: Empleado,
    tipo: str,
    hoy: date,
    asunto: str,
    plantilla: str,
    contexto: dict,
) -> bool:
    """Record then send inside one transaction: the unique row makes a second run
    a no-op, and a failed send rolls the row back so tomorrow's run retries."""
    if not destinatario.usuario.email:
        return False
    try:
        with transaction.atomic():
            Recordatorio.objects.create(
                destinatario=destinatario,
                tipo=tipo,
                dia=hoy,
                resumen={k: len(v) for k, v in contexto.get("grupos", {}).items()},
            )
            with en_idioma_de(destinatario.usuario):
                cuerpo = render_to_string(plantilla, contexto)
                asunto = str(asunto)
            send_mail(asunto, cuerpo, None, [destinatario.usuario.email])
    except IntegrityError:
        return False
    return True


def enviar_recordatorios(*, hoy: date | None = None) -> dict:
    """The daily digest: at most one e-mail per employee and per supervisor a day."""
    hoy = hoy or timezone.localdate()
    personal, equipo = _destinatarios_resumen(hoy)
    ya = set(
        Recordatorio.objects.filter(dia=hoy).values_list("destinatario_id", "tipo")
    )
    ids = set(personal) | set(equipo)
    empleados = {
        e.pk: e for e in Empleado.objects.filter(pk__in=ids).select_related("usuario")
    }
    enviados = {"personal": 0, "equipo": 0}
    url = base_publica()
    for empleado_id, grupos in sorted(personal.items()):
        if (
            empleado_id,
            Recordatorio.Tipo.PERSONAL,
        ) in ya or empleado_id not in empleados:
            continue
        if set(grupos) == {"asignada"} and not any(
            i["plazo"] for i in grupos["asignada"]
        ):
            continue  # nothing with a date: no need to write every day
        enviados["personal"] += _enviar_una_vez(
            destinatario=empleados[empleado_id],
            tipo=Recordatorio.Tipo.PERSONAL,
            hoy=hoy,
            asunto=gettext_lazy("Tu formación: resumen del día"),
            plantilla="formacion/email/resumen_personal.txt",
            contexto={
                "empleado": empleados[empleado_id],
                "grupos": grupos,
                "url": url,
                "hoy": hoy,
            },
        )
    for supervisor_id, items in sorted(equipo.items()):
        if (
            supervisor_id,
            Recordatorio.Tipo.EQUIPO,
        ) in ya or supervisor_id not in empleados:
            continue
        grupos: dict[str, list] = {}
        for item in items:
            grupos.setdefault(item["clase"], []).append(item)
        enviados["equipo"] += _enviar_una_vez(
            destinatario=empleados[supervisor_id],
            tipo=Recordatorio.Tipo.EQUIPO,
            hoy=hoy,
            asunto=gettext_lazy("Formación de tu equipo: resumen del día"),
            plantilla="formacion/email/resumen_equipo.txt",
            contexto={
                "empleado": empleados[supervisor_id],
                "grupos": grupos,
                "url": url,
                "hoy": hoy,
            },
        )
    return enviados
