"""Course reads: the contracts other apps use, the Wagtail pages' context and
the catalogue."""

from django.db.models import Prefetch, Q, QuerySet

from organizacion.models import Canal, Competencia, Empleado
from organizacion.selectors import empleado_de

from ..models import (
    Certificado,
    CursoPage,
    CursosIndexPage,
    Intento,
    LeccionPage,
    Matricula,
    OpcionVersion,
    RespuestaIntento,
)

COMPLETADAS = (Matricula.Estado.COMPLETADA, Matricula.Estado.CADUCADA)


# --- Contracts used by other apps -----------------------------------------------------


def cursos_que_desarrollan(competencias) -> QuerySet[CursoPage]:
    """Live courses that develop any of these competencies, by title."""
    return (
        CursoPage.objects.live()
        .filter(competencias__in=list(competencias))
        .distinct()
        .defer_streamfields()
        .order_by("title")
    )


def progreso_matriculas(empleado: Empleado, cursos) -> dict[int, Matricula | None]:
    """The relevant enrolment per course: the open one, else the latest completion."""
    ids = [c.pk if hasattr(c, "pk") else int(c) for c in cursos]
    resultado: dict[int, Matricula | None] = {i: None for i in ids}
    if empleado is None or not ids:
        return resultado
    prioridad = {e: 0 for e in Matricula.ABIERTAS}
    for m in Matricula.objects.filter(empleado=empleado, curso_id__in=ids).order_by(
        "creada_en"
    ):
        actual = resultado[m.curso_id]
        if actual is None or prioridad.get(m.estado, 1) <= prioridad.get(
            actual.estado, 1
        ):
            resultado[m.curso_id] = m
    return resultado


# --- Wagtail page contexts ------------------------------------------------------------


def lecciones_de(curso: CursoPage) -> QuerySet[LeccionPage]:
    return (
        LeccionPage.objects.live()
        .child_of(curso)
        .defer_streamfields()
        .only("id", "title", "slug", "url_path", "path", "depth", "minutos_estimados")
        .order_by("path")
    )


def matricula_actual(empleado, curso) -> Matricula | None:
    if empleado is None:
        return None
    return progreso_matriculas(empleado, [curso.pk])[curso.pk]


def _progreso(matricula, lecciones) -> dict:
    hechas = (
        set(matricula.progresos.values_list("leccion_id", flat=True))
        if matricula
        else set()
    )
    total = len(lecciones)
    n = sum(1 for leccion in lecciones if leccion.pk in hechas)
    siguiente = None
    if matricula and matricula.abierta:
        siguiente = next((le for le in lecciones if le.pk not in hechas), None)
        if matricula.ultima_leccion_id and matricula.ultima_leccion_id not in hechas:
            siguiente = next(
                (le for le in lecciones if le.pk == matricula.ultima_leccion_id),
                siguiente,
            )
    return {
        "hechas": hechas,
        "n_hechas": n,
        "n_lecciones": total,
        "porcentaje": round(100 * n / total) if total else 0,
        "siguiente": siguiente,
    }


def contexto_curso(*, curso: CursoPage, usuario) -> dict:
    empleado = empleado_de(usuario)
    lecciones = list(lecciones_de(curso))
    matricula = matricula_actual(empleado, curso)
    intentos = (
        list(matricula.intentos.filter(archivado=False).order_by("numero"))
        if matricula
        else []
    )
    certificado = (
        matricula.certificados.filter(estado=Certificado.Estado.EMITIDO).first()
        if matricula and matricula.estado in COMPLETADAS
        else None
    )
    return {
        "empleado": empleado,
        "lecciones": lecciones,
        "minutos_totales": sum(le.minutos_estimados for le in lecciones),
        "matricula": matricula,
        "progreso": _progreso(matricula, lecciones),
        "intentos": intentos,
        "intento_abierto": next(
            (i for i in intentos if i.estado == Intento.Estado.EN_CURSO), None
        ),
        "certificado": certificado,
        "canales_curso": list(curso.canales.all()),
        "competencias_curso": list(curso.competencias.all()),
    }


def contexto_leccion(*, leccion: LeccionPage, usuario) -> dict:
    curso = CursoPage.objects.defer_streamfields().get(
        path=leccion.path[: -CursoPage.steplen], depth=leccion.depth - 1
    )
    lecciones = list(lecciones_de(curso))
    empleado = empleado_de(usuario)
    matricula = matricula_actual(empleado, curso)
    posicion = next((i for i, le in enumerate(lecciones) if le.pk == leccion.pk), 0)
    return {
        "curso": curso,
        "empleado": empleado,
        "lecciones": lecciones,
        "matricula": matricula,
        "progreso": _progreso(matricula, lecciones),
        "posicion": posicion + 1,
        "anterior": lecciones[posicion - 1] if posicion > 0 else None,
        "siguiente_leccion": lecciones[posicion + 1]
        if posicion + 1 < len(lecciones)
        else None,
    }


def catalogo(
    *,
    indice: CursosIndexPage,
    usuario,
    canal: str | None = None,
    competencia: str | None = None,
    obligatorio: str | None = None,
) -> dict:
    """The course catalogue, filtered by channel (a course for no channel in
    particular is for every channel), competency code and mandatory ("si" or
    "no"); each course carries the user's enrolment."""
    cursos = (
        CursoPage.objects.live()
        .child_of(indice)
        .defer_streamfields()
        .prefetch_related("canales", "competencias")
        .order_by("title")
    )
    if canal:
        cursos = cursos.filter(Q(canales__codigo=canal) | Q(canales__isnull=True))
    if competencia:
        cursos = cursos.filter(competencias__codigo=competencia)
    if obligatorio:
        cursos = cursos.filter(obligatorio=obligatorio == "si")
    cursos = list(cursos.distinct())
    progreso = progreso_matriculas(empleado_de(usuario), cursos)
    for curso in cursos:
        curso.matricula_usuario = progreso.get(curso.pk)
    return {
        "cursos": cursos,
        "canales": list(Canal.objects.all()),
        "competencias": list(Competencia.objects.all()),
    }


# --- Learning pages -------------------------------------------------------------------


def indice_de_cursos() -> CursosIndexPage | None:
    """The live catalogue page, if the CMS has one."""
    return CursosIndexPage.objects.live().first()


def filas_de_intento(intento: Intento) -> list[RespuestaIntento]:
    """An attempt's questions in order, with their options and the chosen ones."""
    return list(
        RespuestaIntento.objects.filter(intento=intento)
        .select_related("version")
        .prefetch_related(
            Prefetch(
                "version__opciones",
                queryset=OpcionVersion.objects.order_by("orden", "pk"),
            ),
            "opciones_elegidas",
        )
        .order_by("orden")
    )


def certificado_emitido(matricula: Matricula) -> Certificado | None:
    return matricula.certificados.filter(estado=Certificado.Estado.EMITIDO).first()
