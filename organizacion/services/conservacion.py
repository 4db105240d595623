"""Retention: every registered policy (organizacion.conservacion) applied, or only
counted (`simulacion`), with a report per policy; and the organisation's own
policies: former employees' personal data, sign-in attempts, the mail spool."""

from dataclasses import dataclass
from datetime import date, datetime

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..conservacion import (
    Politica,
    borrar_ficheros_anteriores,
    ficheros_anteriores,
    hace_anos,
    hace_dias,
    politicas,
    registrar_politica,
)
from ..models import Empleado

# An anonymised former employee keeps their row (aggregates, evaluations and
# certificates still point at it) under an identifier that says what happened.
PREFIJO_ANONIMO = "anon-"


@dataclass(frozen=True)
class ResultadoConservacion:
    codigo: str
    descripcion: str
    corte: date
    afectados: int
    aplicado: bool


def aplicar_conservacion(*, simulacion: bool = False) -> list[ResultadoConservacion]:
    """Apply each retention policy in its own transaction (one failing leaves the
    others applied), or with `simulacion` only count what each would change.
    Returns one line per policy: what, how many, the cut-off."""
    resultados = []
    for politica in politicas():
        corte = politica.corte()
        if simulacion:
            afectados = politica.pendientes(corte)
        else:
            with transaction.atomic():
                afectados = politica.aplicar(corte)
        resultados.append(
            ResultadoConservacion(
                codigo=politica.codigo,
                descripcion=str(politica.descripcion),
                corte=timezone.localdate(corte)
                if isinstance(corte, datetime)
                else corte,
                afectados=afectados,
                aplicado=not simulacion,
            )
        )
    return resultados


# --- former employees ----------------------------------------------------------------


def _exempleados(corte: date):
    return Empleado.objects.filter(fecha_baja__lt=corte).exclude(
        identificador__startswith=PREFIJO_ANONIMO
    )


def anonimizar_empleado(*, empleado: Empleado) -> None:
    """Replace a former employee's identity by a pseudonym and close their account.
    Structure stays (office, post, dates, their evaluations' scores, course
    records), so statistics do not change; certificates keep their own frozen copy
    of the name, so their public verification still works."""
    empleado.nombre = str(_("Persona"))
    empleado.apellidos = str(_("anonimizada %(n)s") % {"n": empleado.pk})
    empleado.identificador = f"{PREFIJO_ANONIMO}{empleado.pk}"
    empleado.save(update_fields=["nombre", "apellidos", "identificador"])
    usuario = empleado.usuario
    usuario.username = f"{PREFIJO_ANONIMO}{empleado.pk}"
    usuario.first_name = usuario.last_name = usuario.email = ""
    usuario.is_active = False
    usuario.set_unusable_password()
    usuario.save()


def _anonimizar_exempleados(corte: date) -> int:
    empleados = list(_exempleados(corte).select_related("usuario").select_for_update())
    for empleado in empleados:
        anonimizar_empleado(empleado=empleado)
    return len(empleados)


# --- sign-in attempts (django-axes) --------------------------------------------------

_REGISTROS_DE_ACCESO = (AccessAttempt, AccessFailureLog, AccessLog)


def _contar_accesos(corte: datetime) -> int:
    return sum(
        m.objects.filter(attempt_time__lt=corte).count() for m in _REGISTROS_DE_ACCESO
    )


def _borrar_accesos(corte: datetime) -> int:
    borrados = 0
    for modelo in _REGISTROS_DE_ACCESO:
        # Counted per model: the delete's total would add AccessAttempt's cascade.
        borrados += modelo.objects.filter(attempt_time__lt=corte).count()
        modelo.objects.filter(attempt_time__lt=corte).delete()
    return borrados


def _carpeta_correo():
    return getattr(settings, "EMAIL_FILE_PATH", None)


def registrar_politicas() -> None:
    registrar_politica(
        Politica(
            codigo="exempleados",
            descripcion=_("Datos personales de antiguos empleados (anonimizados)"),
            corte=lambda: hace_anos(settings.CONSERVACION_EXEMPLEADOS_ANOS),
            pendientes=lambda corte: _exempleados(corte).count(),
            aplicar=_anonimizar_exempleados,
            orden=20,
        )
    )
    registrar_politica(
        Politica(
            codigo="accesos",
            descripcion=_("Intentos y registros de inicio de sesión (django-axes)"),
            corte=lambda: hace_dias(settings.CONSERVACION_ACCESOS_DIAS),
            pendientes=_contar_accesos,
            aplicar=_borrar_accesos,
            orden=30,
        )
    )
    registrar_politica(
        Politica(
            codigo="correo",
            descripcion=_("Correo guardado en la máquina (var/correo)"),
            corte=lambda: hace_dias(settings.CONSERVACION_CORREO_DIAS),
            pendientes=lambda corte: len(ficheros_anteriores(_carpeta_correo(), corte)),
            aplicar=lambda corte: borrar_ficheros_anteriores(_carpeta_correo(), corte),
            orden=40,
        )
    )
