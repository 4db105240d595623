"""Assignment in bulk and standing rules (applied to newcomers too), audited."""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from organizacion.models import Empleado
from organizacion.selectors import ids_del_equipo

from ..models import CursoPage, Matricula, RegistroAsignacion, ReglaAsignacion


def empleados_segun_criterio(
    *, oficina=None, canal=None, puesto=None, equipo_de=None, en=None
):
    qs = Empleado.objects.activos(en)
    if oficina is not None:
        qs = qs.filter(oficina=oficina)
    if canal is not None:
        qs = qs.filter(canales=canal)
    if puesto is not None:
        qs = qs.filter(puesto=puesto)
    if equipo_de is not None:
        qs = qs.filter(pk__in=ids_del_equipo(equipo_de))
    return qs.distinct()


def asignar(
    *,
    curso: CursoPage,
    por,
    oficina=None,
    canal=None,
    puesto=None,
    equipo_de: Empleado | None = None,
    plazo: date | None = None,
    obligatoria: bool = True,
    regla: ReglaAsignacion | None = None,
    ambito_ids: set[int] | None = None,
    empleados_ids: set[int] | None = None,
) -> RegistroAsignacion:
    """Assign a course in bulk to everyone matching the criteria (within `ambito_ids`,
    a supervisor's team). Idempotent: people with an open enrolment or a valid
    completion are counted, not enrolled again. Audited in RegistroAsignacion; the
    returned record also carries `ya_cubiertos`, the ids of the people counted, so
    the caller can name them (not stored: the audit keeps the counts)."""
    if not any([oficina, canal, puesto, equipo_de, empleados_ids]):
        raise ValidationError(
            _("Indica al menos un criterio: oficina, canal, puesto o equipo.")
        )
    if not curso.live:
        # The learner could not open it: a mandatory course nobody can take.
        raise ValidationError(
            {
                "curso": _(
                    "El curso «%(c)s» no está publicado: publícalo antes de asignarlo."
                )
                % {"c": curso.title}
            }
        )
    if plazo is not None and plazo < timezone.localdate():
        raise ValidationError(
            {"plazo": _("La fecha límite no puede estar en el pasado.")}
        )
    hoy = timezone.localdate()
    destinatarios = empleados_segun_criterio(
        oficina=oficina, canal=canal, puesto=puesto, equipo_de=equipo_de
    )
    if empleados_ids is not None:
        destinatarios = destinatarios.filter(pk__in=empleados_ids)
    if ambito_ids is not None:
        destinatarios = destinatarios.filter(pk__in=ambito_ids)
    with transaction.atomic():
        ids = set(destinatarios.values_list("pk", flat=True))
        cubiertos = set(
            Matricula.objects.filter(curso=curso, empleado_id__in=ids)
            .filter(
                Q(estado__in=Matricula.ABIERTAS)
                | Q(estado=Matricula.Estado.COMPLETADA, caduca_en__isnull=True)
                | Q(estado=Matricula.Estado.COMPLETADA, caduca_en__gte=hoy)
            )
            .values_list("empleado_id", flat=True)
        )
        nuevos = ids - cubiertos
        usuario = por if getattr(por, "is_authenticated", False) else None
        Matricula.objects.bulk_create(
            [
                Matricula(
                    empleado_id=e,
                    curso=curso,
                    origen=Matricula.Origen.REGLA
                    if regla
                    else Matricula.Origen.ASIGNACION,
                    obligatoria=obligatoria,
                    plazo=plazo,
                    asignada_por=usuario,
                    regla=regla,
                )
                for e in sorted(nuevos)
            ],
            ignore_conflicts=True,
        )
        registro = RegistroAsignacion.objects.create(
            curso=curso,
            regla=regla,
            por=usuario,
            criterio={
                "oficina": getattr(oficina, "pk", None),
                "canal": getattr(canal, "codigo", None),
                "puesto": getattr(puesto, "pk", None),
                "equipo_de": getattr(equipo_de, "pk", None),
                "personas": sorted(empleados_ids) if empleados_ids else None,
                "plazo": plazo.isoformat() if plazo else None,
                "obligatoria": obligatoria,
            },
            nuevas=len(nuevos),
            ya_existentes=len(cubiertos),
        )
        registro.ya_cubiertos = sorted(cubiertos)
        return registro


def crear_regla(
    *,
    por,
    curso,
    nombre,
    oficina=None,
    canal=None,
    puesto=None,
    equipo_de=None,
    obligatoria=True,
    plazo_dias=30,
    activa=True,
    ambito_ids=None,
) -> ReglaAsignacion:
    """Create a rule and apply it now to everyone who matches; the rule returned
    carries that first run as `registro_inicial`."""
    with transaction.atomic():
        regla = ReglaAsignacion(
            nombre=nombre,
            curso=curso,
            oficina=oficina,
            canal=canal,
            puesto=puesto,
            equipo_de=equipo_de,
            obligatoria=obligatoria,
            plazo_dias=plazo_dias,
            activa=activa,
            creada_por=por if getattr(por, "is_authenticated", False) else None,
        )
        regla.full_clean()
        regla.save()
        regla.registro_inicial = aplicar_regla(
            regla=regla, por=por, ambito_ids=ambito_ids
        )
        return regla


def asignar_curso(
    *,
    curso: CursoPage,
    por,
    plazo: date | None = None,
    obligatoria: bool = True,
    permanente: bool = False,
    nombre: str = "",
    ambito_ids: set[int] | None = None,
    **criterios,
) -> RegistroAsignacion:
    """What the assignment screen asks for: a one-off assignment (`asignar`), or,
    when `permanente`, a standing rule applied now (`crear_regla`) whose due date
    is `plazo` counted in days (30 without one, at least 1) and whose name
    defaults to the course's. `criterios` are oficina, canal, puesto and
    equipo_de, as in `asignar`. Returns the record of the run either way."""
    if not permanente:
        return asignar(
            curso=curso,
            por=por,
            plazo=plazo,
            obligatoria=obligatoria,
            ambito_ids=ambito_ids,
            **criterios,
        )
    dias = max(((plazo - timezone.localdate()).days if plazo else 30), 1)
    regla = crear_regla(
        curso=curso,
        por=por,
        nombre=nombre or _("Asignación de %(c)s") % {"c": curso.title},
        obligatoria=obligatoria,
        plazo_dias=dias,
        ambito_ids=ambito_ids,
        **criterios,
    )
    return regla.registro_inicial


def aplicar_regla(
    *, regla: ReglaAsignacion, por=None, ambito_ids=None, empleados_ids=None
):
    return asignar(
        curso=regla.curso,
        por=por,
        oficina=regla.oficina,
        canal=regla.canal,
        puesto=regla.puesto,
        equipo_de=regla.equipo_de,
        plazo=timezone.localdate() + timedelta(days=regla.plazo_dias),
        obligatoria=regla.obligatoria,
        regla=regla,
        ambito_ids=ambito_ids,
        empleados_ids=empleados_ids,
    )


def aplicar_reglas_a_empleado(*, empleado_id: int) -> int:
    """Enrol one person (a newcomer, or someone whose channels changed) in every
    standing rule that matches them. Returns how many enrolments were created."""
    nuevas = 0
    for regla in ReglaAsignacion.objects.filter(
        activa=True, curso__live=True
    ).select_related("curso", "oficina", "canal", "puesto", "equipo_de"):
        if (
            not empleados_segun_criterio(
                oficina=regla.oficina,
                canal=regla.canal,
                puesto=regla.puesto,
                equipo_de=regla.equipo_de,
            )
            .filter(pk=empleado_id)
            .exists()
        ):
            continue
        registro = aplicar_regla(regla=regla, empleados_ids={empleado_id})
        nuevas += registro.nuevas
    return nuevas
