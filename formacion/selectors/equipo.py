"""The supervisor's team: status buckets of mandatory and assigned training, the
home panel figures and who a user may see or assign to."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Exists, Max, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from organizacion.models import Empleado
from organizacion.selectors import empleado_de, ids_del_equipo

from ..models import CursoPage, FormacionExterna, Matricula
from .cursos import COMPLETADAS

# Status buckets of mandatory training, in the order a supervisor needs them.
CADUCADO, SIN_FORMACION, CADUCA_30, CADUCA_60, AL_DIA, NO_APLICA = (
    "caducado",
    "sin_formacion",
    "caduca_30",
    "caduca_60",
    "al_dia",
    "no_aplica",
)
ETIQUETAS_ESTADO = {
    CADUCADO: "Caducado",
    SIN_FORMACION: "Sin formación",
    CADUCA_30: "Caduca en 30 días",
    CADUCA_60: "Caduca en 60 días",
    AL_DIA: "Al día",
    NO_APLICA: "No aplica",
}
ORDEN_ESTADO = {
    CADUCADO: 0,
    SIN_FORMACION: 1,
    CADUCA_30: 2,
    CADUCA_60: 3,
    AL_DIA: 4,
    NO_APLICA: 5,
}


@dataclass(frozen=True, slots=True)
class PersonaMatriz:
    """A row's person: only what the matrix and its export show (at 5,000
    people, model instances with their office and job cost seconds)."""

    pk: int
    nombre: str
    apellidos: str
    identificador: str
    oficina: str
    puesto: str


def cursos_obligatorios() -> list[CursoPage]:
    return list(
        CursoPage.objects.live()
        .filter(obligatorio=True)
        .defer_streamfields()
        .prefetch_related("canales")
        .order_by("title")
    )


def estado_formacion(caduca_max, sin_caducidad: bool, hoy: date) -> str:
    if sin_caducidad:
        return AL_DIA
    if caduca_max is None:
        return SIN_FORMACION
    if caduca_max < hoy:
        return CADUCADO
    if caduca_max <= hoy + timedelta(days=30):
        return CADUCA_30
    if caduca_max <= hoy + timedelta(days=60):
        return CADUCA_60
    return AL_DIA


# Enrolments someone put on the person (not chosen by them): their courses are
# columns of the team matrix even when the course is not mandatory.
ORIGENES_ASIGNADOS = (
    Matricula.Origen.ASIGNACION,
    Matricula.Origen.REGLA,
    Matricula.Origen.RECOMENDACION,
)


def cursos_del_equipo(empleado_ids) -> list[CursoPage]:
    """Columns of the team matrix: every mandatory course, plus every course
    assigned to someone in the team or with a due date (so each overdue
    enrolment counted on the home panel has its cell)."""
    asignados = Matricula.objects.filter(empleado_id__in=empleado_ids).filter(
        Q(origen__in=ORIGENES_ASIGNADOS) | Q(plazo__isnull=False)
    )
    return list(
        CursoPage.objects.live()
        .filter(Q(obligatorio=True) | Q(pk__in=asignados.values("curso_id")))
        .defer_streamfields()
        .prefetch_related("canales")
        .order_by("-obligatorio", "title")
    )


def formacion_del_equipo(
    *, empleado_ids, hoy: date | None = None, solo_fuera_de_plazo: bool = False
) -> dict:
    """People × courses (mandatory and assigned) with the status buckets, overdue
    first. Totals and "al día" count mandatory cells only: a mandatory course, or
    an enrolment marked mandatory. A constant number of queries whatever the team
    size."""
    hoy = hoy or timezone.localdate()
    # Only what the matrix and its export show: at 5,000 people every field and
    # every related instance loaded costs (issue 14).
    en_ambito = Empleado.objects.activos(hoy).filter(pk__in=empleado_ids)
    personas = [
        PersonaMatriz(*fila)
        for fila in en_ambito.order_by("apellidos", "nombre").values_list(
            "pk",
            "nombre",
            "apellidos",
            "identificador",
            "oficina__nombre",
            "puesto__nombre",
        )
    ]
    cursos = cursos_del_equipo(en_ambito.values("pk"))
    canales_curso = {c.pk: {x.pk for x in c.canales.all()} for c in cursos}
    canales_de: dict[int, set[int]] = {}
    for empleado_id, canal_id in Empleado.canales.through.objects.filter(
        empleado_id__in=en_ambito.values("pk")
    ).values_list("empleado_id", "canal_id"):
        canales_de.setdefault(empleado_id, set()).add(canal_id)
    # One grouped row per person and course with an enrolment: the latest
    # expiry of the completions (and whether one never expires), and the open
    # enrolment (at most one, a constraint) with its deadline and state.
    completada = Q(estado__in=COMPLETADAS)
    abierta = Q(estado__in=Matricula.ABIERTAS)
    matriculas = {
        (fila[0], fila[1]): fila[2:]
        for fila in (
            Matricula.objects.filter(
                empleado_id__in=en_ambito.values("pk"), curso__in=cursos
            )
            .filter(completada | abierta)
            .values("empleado_id", "curso_id")
            .annotate(
                caduca=Max("caduca_en", filter=completada),
                sin_caducidad=Count(
                    "id", filter=completada & Q(caduca_en__isnull=True)
                ),
                n_abiertas=Count("id", filter=abierta),
                plazo=Max("plazo", filter=abierta),
                estado_abierta=Max("estado", filter=abierta),
                obligatoria_abierta=Count("id", filter=abierta & Q(obligatoria=True)),
            )
            .order_by()
            .values_list(
                "empleado_id",
                "curso_id",
                "caduca",
                "sin_caducidad",
                "n_abiertas",
                "plazo",
                "estado_abierta",
                "obligatoria_abierta",
            )
        )
    }
    # Labels translated once, not once per cell.
    etiquetas_matricula = {k: str(v) for k, v in Matricula.Estado.choices}
    no_asignado = str(_("No asignado"))
    # Per course what each cell needs, looked up once (not 50,000 times).
    columnas = [
        (c, c.pk, c.obligatorio, canales_curso[c.pk] if c.obligatorio else None)
        for c in cursos
    ]
    ordenes_al_dia = {ORDEN_ESTADO[e] for e in (AL_DIA, CADUCA_30, CADUCA_60)}
    sin_canales: set[int] = set()
    filas = []
    totales = {k: 0 for k in ORDEN_ESTADO}
    for persona in personas:
        pk = persona.pk
        canales = canales_de.get(pk, sin_canales)
        celdas = []
        peor, vencidas, al_dia = ORDEN_ESTADO[NO_APLICA], 0, True
        for curso, curso_id, obligatorio, canales_obligatorio in columnas:
            m = matriculas.get((pk, curso_id))
            hecha = m is not None and (m[0] is not None or m[1] > 0)
            abierta = m is not None and m[2] > 0
            cuenta = obligatorio or bool(abierta and m[5])
            etiqueta = None
            if canales_obligatorio and not canales_obligatorio & canales:
                estado, cuenta = NO_APLICA, False
            elif not obligatorio and not hecha and not abierta:
                estado, etiqueta = NO_APLICA, no_asignado
            else:
                estado = estado_formacion(
                    m[0] if hecha else None, hecha and m[1] > 0, hoy
                )
                if not obligatorio and abierta and estado == SIN_FORMACION:
                    etiqueta = etiquetas_matricula[m[4]]
            plazo = m[3] if abierta else None
            vencida = bool(plazo and plazo < hoy)
            celdas.append(
                {
                    "curso": curso,
                    "estado": estado,
                    "etiqueta": etiqueta or ETIQUETAS_ESTADO[estado],
                    "plazo": plazo,
                    "vencida": vencida,
                    "cuenta": cuenta,
                }
            )
            vencidas += vencida
            if cuenta:
                totales[estado] += 1
                orden = ORDEN_ESTADO[estado]
                peor = min(peor, orden)
                al_dia = al_dia and (estado == NO_APLICA or orden in ordenes_al_dia)
        filas.append(
            {
                "persona": persona,
                "celdas": celdas,
                "peor": peor,
                "vencidas": vencidas,
                "al_dia": al_dia,
            }
        )
    filas.sort(key=lambda f: (-f["vencidas"], f["peor"]))
    n_personas = len(filas)
    personas_al_dia = sum(f["al_dia"] for f in filas)
    if solo_fuera_de_plazo:
        filas = [f for f in filas if f["vencidas"]]
    return {
        "cursos": cursos,
        "filas": filas,
        "totales": totales,
        "personas_al_dia": personas_al_dia,
        "n_personas": n_personas,
        "hoy": hoy,
        "solo_fuera_de_plazo": solo_fuera_de_plazo,
    }


def formacion_externa_del_equipo(*, empleado_ids, limite: int = 100) -> list:
    """External training recorded for the team, newest first, with who recorded it."""
    qs = FormacionExterna.objects.select_related("empleado", "reconocida_por")
    if empleado_ids is not None:
        qs = qs.filter(empleado_id__in=empleado_ids)
    return list(qs.order_by("-fecha_fin", "-pk")[:limite])


def resumen_equipo(*, empleado_ids, hoy: date | None = None) -> dict:
    """Home panel figures in two aggregate queries, whatever the team size."""
    hoy = hoy or timezone.localdate()
    datos = (
        Empleado.objects.activos(hoy)
        .filter(pk__in=empleado_ids)
        .annotate(pendiente=_con_obligatoria_pendiente(hoy))
        .aggregate(n=Count("pk"), al_dia=Count("pk", filter=Q(pendiente=False)))
    )
    vencidas = Matricula.objects.filter(
        empleado_id__in=empleado_ids, estado__in=Matricula.ABIERTAS, plazo__lt=hoy
    ).count()
    return {"fe_n": datos["n"], "fe_al_dia": datos["al_dia"], "fe_vencidas": vencidas}


def _validas_en(en: date):
    """Completions that count as up to date on a date."""
    return Matricula.objects.filter(
        estado__in=COMPLETADAS, completada_en__date__lte=en
    ).filter(Q(caduca_en__isnull=True) | Q(caduca_en__gte=en))


def _con_obligatoria_pendiente(en: date):
    """An Exists() for 'this employee lacks a valid completion of an applicable
    mandatory course', evaluated in the database."""
    canales_empleado = Empleado.canales.through.objects.filter(
        empleado_id=OuterRef(OuterRef("pk"))
    ).values("canal_id")
    aplica = Q(
        ~Exists(CursoPage.canales.through.objects.filter(cursopage_id=OuterRef("pk")))
    ) | Q(
        Exists(
            CursoPage.canales.through.objects.filter(
                cursopage_id=OuterRef("pk"), canal_id__in=canales_empleado
            )
        )
    )
    valida = _validas_en(en).filter(
        empleado_id=OuterRef(OuterRef("pk")), curso_id=OuterRef("pk")
    )
    return Exists(
        CursoPage.objects.live()
        .filter(obligatorio=True)
        .filter(aplica)
        .filter(~Exists(valida))
    )


def equipo_ids_de(usuario) -> set[int] | None:
    """People a user may assign to or see in the team screen: a supervisor's team,
    everyone (None) for calidad and dirección."""
    from organizacion.permissions import tiene_rol

    if tiene_rol(usuario, "calidad", "direccion"):
        return None
    empleado = empleado_de(usuario)
    return ids_del_equipo(empleado) if empleado else set()


def ambito_del_equipo(usuario, *, oficina_id: int | None = None):
    """The people of the team screen and its export: a supervisor's team (a set
    of ids); for calidad and dirección every active person, in one office if
    asked, as a subquery (thousands of ids are not sent back and forth)."""
    ambito = equipo_ids_de(usuario)
    if ambito is None:
        qs = Empleado.objects.activos()
        if oficina_id is not None:
            qs = qs.filter(oficina_id=oficina_id)
        ambito = qs.values("pk")
    return ambito
