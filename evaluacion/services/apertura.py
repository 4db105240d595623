"""Opening campaigns: one evaluation per person in scope, assigned to the
nearest active person above them, with the competencies that apply to them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from organizacion.models import CompetenciaMarco, Empleado, NivelRequerido, Oficina

from ..models import Campana, Evaluacion, Puntuacion
from .marcos import congelar_marco


@dataclass
class _Jerarquia:
    supervisor: dict[int, int | None]
    oficina: dict[int, int]
    activos: set[int]
    responsable: dict[int, int | None]
    superior: dict[int, int | None]

    def evaluador(self, empleado_id: int) -> int | None:
        """The nearest active person above: the supervisor, walking up the chain;
        failing that, the head of the office or of the units above it."""
        vistos = {empleado_id}
        actual = self.supervisor.get(empleado_id)
        while actual is not None and actual not in vistos:
            if actual in self.activos:
                return actual
            vistos.add(actual)
            actual = self.supervisor.get(actual)
        oficina, oficinas_vistas = self.oficina.get(empleado_id), set()
        while oficina is not None and oficina not in oficinas_vistas:
            oficinas_vistas.add(oficina)
            responsable = self.responsable.get(oficina)
            if (
                responsable is not None
                and responsable not in vistos
                and responsable in self.activos
            ):
                return responsable
            oficina = self.superior.get(oficina)
        return None


def _jerarquia(dia: date) -> _Jerarquia:
    filas = list(Empleado.objects.values_list("id", "supervisor_id", "oficina_id"))
    oficinas = list(
        Oficina.objects.values_list("id", "responsable_id", "unidad_superior_id")
    )
    return _Jerarquia(
        supervisor={i: s for i, s, _o in filas},
        oficina={i: o for i, _s, o in filas},
        activos=set(Empleado.objects.activos(dia).values_list("id", flat=True)),
        responsable={i: r for i, r, _s in oficinas},
        superior={i: s for i, _r, s in oficinas},
    )


def empleados_en_alcance(campana: Campana, dia: date):
    qs = Empleado.objects.activos(dia)
    oficinas = list(campana.oficinas.values_list("id", flat=True))
    puestos = list(campana.puestos.values_list("id", flat=True))
    if oficinas:
        qs = qs.filter(oficina_id__in=oficinas)
    if puestos:
        qs = qs.filter(puesto_id__in=puestos)
    return qs


def _crear_evaluaciones(campana: Campana, dia: date) -> dict:
    jerarquia = _jerarquia(dia)
    en_alcance = list(
        empleados_en_alcance(campana, dia).values_list("id", "oficina_id", "puesto_id")
    )
    nuevas, sin_evaluador = [], []
    for empleado_id, oficina_id, puesto_id in en_alcance:
        evaluador = jerarquia.evaluador(empleado_id)
        if evaluador is None:
            sin_evaluador.append(empleado_id)
            continue
        revisor = jerarquia.evaluador(evaluador)
        nuevas.append(
            Evaluacion(
                campana=campana,
                empleado_id=empleado_id,
                evaluador_id=evaluador,
                revisor_id=revisor if revisor != empleado_id else None,
                oficina_id=oficina_id,
                puesto_id=puesto_id,
            )
        )
    antes = Evaluacion.objects.filter(campana=campana).count()
    # The unique (campaign, employee) constraint makes a second run a no-op.
    Evaluacion.objects.bulk_create(nuevas, ignore_conflicts=True, batch_size=1000)
    creadas = Evaluacion.objects.filter(campana=campana).count() - antes

    competencias = list(
        CompetenciaMarco.objects.filter(marco=campana.marco).values_list(
            "competencia_id", "orden"
        )
    )
    canales_competencia: dict[int, set[int]] = {}
    Through = CompetenciaMarco._meta.get_field(
        "competencia"
    ).related_model.canales.through
    for comp_id, canal_id in Through.objects.filter(
        competencia_id__in=[c for c, _o in competencias]
    ).values_list("competencia_id", "canal_id"):
        canales_competencia.setdefault(comp_id, set()).add(canal_id)
    requeridos: dict[tuple[int, int], int] = {
        (p, c): n
        for p, c, n in NivelRequerido.objects.values_list(
            "puesto_id", "competencia_id", "nivel"
        )
    }
    sin_puntuaciones = list(
        Evaluacion.objects.filter(
            campana=campana, puntuaciones__isnull=True
        ).values_list("id", "empleado_id", "puesto_id")
    )
    canales_empleado: dict[int, set[int]] = {}
    EmpleadoCanal = Empleado.canales.through
    for emp_id, canal_id in EmpleadoCanal.objects.filter(
        empleado_id__in=Evaluacion.objects.filter(
            campana=campana, puntuaciones__isnull=True
        ).values("empleado_id")
    ).values_list("empleado_id", "canal_id"):
        canales_empleado.setdefault(emp_id, set()).add(canal_id)
    puntuaciones = []
    for ev_id, emp_id, puesto_id in sin_puntuaciones:
        mis_canales = canales_empleado.get(emp_id, set())
        for comp_id, orden in competencias:
            propios = canales_competencia.get(comp_id)
            # A competency tied to channels applies to people attending one of them.
            if propios and mis_canales and not (propios & mis_canales):
                continue
            puntuaciones.append(
                Puntuacion(
                    evaluacion_id=ev_id,
                    competencia_id=comp_id,
                    orden=orden,
                    nivel_requerido=requeridos.get((puesto_id, comp_id)),
                )
            )
    Puntuacion.objects.bulk_create(puntuaciones, ignore_conflicts=True, batch_size=5000)
    return {"creadas": creadas, "sin_evaluador": sin_evaluador}


def abrir_campana(*, campana: Campana, hoy: date | None = None) -> dict:
    """Open a campaign (freezing its framework) and create the missing evaluations.

    Idempotent: on an open campaign it only adds people who entered the scope since.
    """
    hoy = hoy or timezone.localdate()
    with transaction.atomic():
        c = (
            Campana.objects.select_for_update()
            .select_related("marco")
            .get(pk=campana.pk)
        )
        if c.estado not in (Campana.Estado.BORRADOR, Campana.Estado.ABIERTA):
            raise ValidationError(
                _("No se puede abrir una campaña en estado «%(estado)s».")
                % {"estado": c.get_estado_display()}
            )
        congelar_marco(marco=c.marco)
        if c.estado == Campana.Estado.BORRADOR:
            c.estado = Campana.Estado.ABIERTA
            c.abierta_en = timezone.now()
            c.save(update_fields=["estado", "abierta_en"])
        resultado = _crear_evaluaciones(c, hoy)
    campana.estado, campana.abierta_en = c.estado, c.abierta_en
    return resultado


def abrir_campanas_vencidas(*, hoy: date | None = None) -> dict:
    """Daily job: open due campaigns, top up open ones, move expired ones to closing."""
    hoy = hoy or timezone.localdate()
    resumen = {"abiertas": [], "creadas": 0, "en_cierre": []}
    for campana in Campana.objects.filter(
        estado__in=[Campana.Estado.BORRADOR, Campana.Estado.ABIERTA],
        fecha_apertura__lte=hoy,
    ).order_by("fecha_apertura", "pk"):
        if campana.estado == Campana.Estado.ABIERTA and campana.evaluacion_hasta < hoy:
            Campana.objects.filter(pk=campana.pk, estado=Campana.Estado.ABIERTA).update(
                estado=Campana.Estado.EN_CIERRE
            )
            resumen["en_cierre"].append(campana.pk)
            continue
        era_borrador = campana.estado == Campana.Estado.BORRADOR
        resultado = abrir_campana(campana=campana, hoy=hoy)
        if era_borrador:
            resumen["abiertas"].append(campana.pk)
        resumen["creadas"] += resultado["creadas"]
    return resumen
