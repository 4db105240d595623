"""Who may see or do what with an evaluation.

- The employee: their own evaluation; the supervisor's levels only once sent.
- The evaluator and any supervisor above the employee: the team's evaluations.
- The reviewer: the appeals assigned to them.
- Dirección: reads everything. Calidad: configures campaigns and frameworks.
"""

from datetime import date

from django.utils import timezone

from comun.acceso_admin import Regla, nadie
from organizacion.models import Rol
from organizacion.permissions import tiene_rol
from organizacion.selectors import empleado_de, es_de_su_equipo

from .models import ESTADOS_ENVIADA, Evaluacion

E = Evaluacion.Estado


def _yo(usuario):
    return empleado_de(usuario)


def es_direccion(usuario) -> bool:
    return tiene_rol(usuario, Rol.DIRECCION)


def puede_configurar(usuario) -> bool:
    return tiene_rol(usuario, Rol.CALIDAD)


def puede_ver_campanas(usuario) -> bool:
    return tiene_rol(usuario, Rol.CALIDAD, Rol.DIRECCION, Rol.SUPERVISOR)


def es_evaluado(usuario, ev: Evaluacion) -> bool:
    yo = _yo(usuario)
    return yo is not None and yo.pk == ev.empleado_id


def es_evaluador(usuario, ev: Evaluacion) -> bool:
    yo = _yo(usuario)
    return yo is not None and yo.pk == ev.evaluador_id


def es_revisor(usuario, ev: Evaluacion) -> bool:
    yo = _yo(usuario)
    return yo is not None and yo.pk == ev.revisor_id and bool(ev.alegacion)


def es_superior(usuario, ev: Evaluacion) -> bool:
    yo = _yo(usuario)
    return (
        yo is not None
        and tiene_rol(usuario, Rol.SUPERVISOR)
        and yo.pk != ev.empleado_id
        and es_de_su_equipo(yo, ev.empleado_id)
    )


def puede_ver(usuario, ev: Evaluacion) -> bool:
    if not getattr(usuario, "is_authenticated", False):
        return False
    return (
        usuario.is_superuser
        or es_direccion(usuario)
        or es_evaluado(usuario, ev)
        or es_evaluador(usuario, ev)
        or es_revisor(usuario, ev)
        or es_superior(usuario, ev)
    )


def puede_ver_niveles_supervision(usuario, ev: Evaluacion) -> bool:
    """The employee sees the supervisor's levels only once the evaluation is sent."""
    if es_evaluado(usuario, ev) and not (usuario.is_superuser or es_direccion(usuario)):
        return ev.estado in ESTADOS_ENVIADA
    return puede_ver(usuario, ev)


def puede_autoevaluar(usuario, ev: Evaluacion) -> bool:
    return (
        es_evaluado(usuario, ev)
        and ev.campana.con_autoevaluacion
        and ev.estado in (E.PENDIENTE, E.AUTOEVALUACION)
    )


def espera_autoevaluacion(ev: Evaluacion, hoy: date | None = None) -> bool:
    """With self-assessment on, the supervisor waits for it (or for its deadline)."""
    hoy = hoy or timezone.localdate()
    campana = ev.campana
    return (
        ev.estado in (E.PENDIENTE, E.AUTOEVALUACION)
        and campana.con_autoevaluacion
        and (
            campana.autoevaluacion_hasta is None or hoy <= campana.autoevaluacion_hasta
        )
    )


def puede_puntuar(usuario, ev: Evaluacion) -> bool:
    return (
        es_evaluador(usuario, ev)
        and ev.estado in (E.PENDIENTE, E.AUTOEVALUACION, E.EN_EVALUACION)
        and not espera_autoevaluacion(ev)
    )


def puede_reconocer(usuario, ev: Evaluacion) -> bool:
    """Acknowledge receipt: only the person evaluated, only while sent."""
    return es_evaluado(usuario, ev) and ev.estado == E.ENVIADA


def puede_alegar(usuario, ev: Evaluacion) -> bool:
    """Appeal: only the person evaluated, sent or received, within the deadline."""
    return es_evaluado(usuario, ev) and ev.en_plazo_de_alegar()


def puede_revisar(usuario, ev: Evaluacion) -> bool:
    return es_revisor(usuario, ev) and ev.estado == E.ALEGADA


def puede_cerrar(usuario, ev: Evaluacion) -> bool:
    """Who may close, and in which states. Whether the appeal deadline still
    stands in the way is the service's rule (services.motivo_para_no_cerrar):
    the page shows that reason instead of the button, and a forced POST gets 409."""
    return (es_evaluador(usuario, ev) or puede_configurar(usuario)) and ev.estado in (
        E.ENVIADA,
        E.RECONOCIDA,
        E.REVISADA,
    )


def puede_asignar_cursos(usuario, ev: Evaluacion) -> bool:
    """The development plan is the supervisor's: the evaluator or a supervisor above."""
    return ev.estado in ESTADOS_ENVIADA and (
        es_evaluador(usuario, ev) or es_superior(usuario, ev)
    )


# The admins (comun.acceso_admin) ask these rules before Django's permissions.
ADMIN_CONFIGURACION = Regla(ver=puede_ver_campanas, configurar=puede_configurar)
# Individual evaluations (levels, comments, appeals, decisions) are read on the
# app's pages, which apply `puede_ver` row by row: no admin role reads them.
ADMIN_EVALUACION = Regla(ver=nadie)
