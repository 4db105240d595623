"""Read queries about training: pages' context, screens, indicators and contracts."""

import hashlib
import json
import math
from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import (
    Avg,
    Count,
    DecimalField,
    Exists,
    F,
    FloatField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, ExtractYear
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from organizacion.models import Canal, Competencia, Empleado
from organizacion.selectors import empleado_de, ids_del_equipo

from .models import (
    Certificado,
    CursoPage,
    CursosIndexPage,
    Expediente,
    FormacionExterna,
    Intento,
    LeccionPage,
    Matricula,
    ProgresoLeccion,
    normalizar_codigo,
)

COMPLETADAS = (Matricula.Estado.COMPLETADA, Matricula.Estado.CADUCADA)

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


def catalogo(*, request, indice: CursosIndexPage) -> dict:
    """The course catalogue with its filters (channel, competency, mandatory)."""
    cursos = (
        CursoPage.objects.live()
        .child_of(indice)
        .defer_streamfields()
        .prefetch_related("canales", "competencias")
        .order_by("title")
    )
    filtros = {
        "canal": request.GET.get("canal", ""),
        "competencia": request.GET.get("competencia", ""),
        "obligatorio": request.GET.get("obligatorio", ""),
    }
    if filtros["canal"] in Canal.Codigo.values:
        cursos = cursos.filter(
            Q(canales__codigo=filtros["canal"]) | Q(canales__isnull=True)
        )
    if filtros["competencia"]:
        cursos = cursos.filter(competencias__codigo=filtros["competencia"])
    if filtros["obligatorio"] in ("si", "no"):
        cursos = cursos.filter(obligatorio=filtros["obligatorio"] == "si")
    cursos = list(cursos.distinct())
    empleado = empleado_de(request.user)
    progreso = progreso_matriculas(empleado, cursos)
    for curso in cursos:
        curso.matricula_usuario = progreso.get(curso.pk)
    return {
        "cursos": cursos,
        "filtros": filtros,
        "canales": list(Canal.objects.all()),
        "competencias": list(Competencia.objects.all()),
    }


# --- Mi formación ---------------------------------------------------------------------


def horas_por_anio(empleado: Empleado) -> dict[int, Decimal]:
    horas: dict[int, Decimal] = {}
    for fila in (
        Matricula.objects.filter(empleado=empleado, estado__in=COMPLETADAS)
        .annotate(anio=ExtractYear("completada_en"))
        .values("anio")
        .annotate(h=Sum("curso__horas"))
    ):
        horas[fila["anio"]] = horas.get(fila["anio"], Decimal(0)) + (fila["h"] or 0)
    for fila in (
        FormacionExterna.objects.filter(empleado=empleado, reconocida_en__isnull=False)
        .annotate(anio=ExtractYear("fecha_fin"))
        .values("anio")
        .annotate(h=Sum("horas"))
    ):
        horas[fila["anio"]] = horas.get(fila["anio"], Decimal(0)) + (fila["h"] or 0)
    return horas


def mi_formacion(empleado: Empleado) -> dict:
    hoy = timezone.localdate()
    matriculas = list(
        Matricula.objects.filter(empleado=empleado)
        .select_related("curso")
        .order_by("plazo", "-creada_en")
    )
    certificados = list(
        Certificado.objects.filter(empleado=empleado)
        .select_related("sustituye_a")
        .order_by("-emitido_en")
    )
    horas = horas_por_anio(empleado)
    progreso = dict(
        ProgresoLeccion.objects.filter(
            matricula__in=[m for m in matriculas if m.abierta]
        )
        .values("matricula_id")
        .annotate(n=Count("id"))
        .values_list("matricula_id", "n")
    )
    for m in matriculas:
        m.lecciones_hechas = progreso.get(m.pk, 0)
        m.fuera_de_plazo = m.vencida_en(hoy)
    return {
        "asignadas": [
            m
            for m in matriculas
            if m.estado in (Matricula.Estado.PENDIENTE, Matricula.Estado.VENCIDA)
        ],
        "en_curso": [m for m in matriculas if m.estado == Matricula.Estado.EN_CURSO],
        "completadas": sorted(
            [m for m in matriculas if m.estado in COMPLETADAS],
            key=lambda m: m.completada_en,
            reverse=True,
        ),
        "certificados": certificados,
        "horas_este_anio": horas.get(hoy.year, Decimal(0)),
        "horas_anio_pasado": horas.get(hoy.year - 1, Decimal(0)),
        "anio": hoy.year,
        "hoy": hoy,
    }


def expediente(empleado: Empleado) -> tuple[list[dict], dict]:
    filas = []
    certificados = {
        c["matricula_id"]: c["codigo"]
        for c in Certificado.objects.filter(
            empleado=empleado, estado=Certificado.Estado.EMITIDO
        ).values("matricula_id", "codigo")
    }
    for m in (
        Matricula.objects.filter(empleado=empleado, estado__in=COMPLETADAS)
        .select_related("curso")
        .order_by("completada_en")
    ):
        filas.append(
            {
                "titulo": m.curso.title,
                "modalidad": m.curso.get_modalidad_display(),
                "inicio": timezone.localdate(m.iniciada_en or m.completada_en),
                "fin": timezone.localdate(m.completada_en),
                "horas": m.curso.horas,
                "nota": m.nota,
                "codigo": certificados.get(m.pk),
                "externa": False,
            }
        )
    for e in FormacionExterna.objects.filter(
        empleado=empleado, reconocida_en__isnull=False
    ):
        filas.append(
            {
                "titulo": e.titulo,
                "modalidad": e.get_modalidad_display(),
                "inicio": e.fecha_inicio,
                "fin": e.fecha_fin,
                "horas": e.horas,
                "nota": None,
                "codigo": None,
                "externa": True,
                "entidad": e.entidad,
            }
        )
    filas.sort(key=lambda f: f["fin"])
    por_anio = horas_por_anio(empleado)
    return filas, {
        "horas": sum((f["horas"] for f in filas), Decimal(0)),
        "por_anio": sorted(por_anio.items()),
    }


def huella_expediente(empleado: Empleado, filas: list[dict], totales: dict) -> str:
    """SHA-256 of what the training-record PDF shows (not when it was printed):
    equal fingerprints mean the stored file can be reused."""
    from django.conf import settings

    datos = {
        "persona": [
            empleado.nombre_completo,
            empleado.identificador,
            str(empleado.puesto),
        ],
        "emisor": settings.FORMACION_EMISOR,
        "filas": filas,
        "totales": totales,
    }
    texto = json.dumps(datos, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(texto.encode()).hexdigest()


def estado_expediente(empleado: Empleado) -> dict:
    """The latest requested record and whether it still matches the data."""
    ultimo = Expediente.objects.filter(empleado=empleado).first()
    al_dia = False
    if ultimo is not None:
        filas, totales = expediente(empleado)
        al_dia = ultimo.huella == huella_expediente(empleado, filas, totales)
    return {"expediente": ultimo, "expediente_al_dia": al_dia}


# --- Team (supervisor) ----------------------------------------------------------------


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
    personas = list(
        Empleado.objects.activos(hoy)
        .filter(pk__in=empleado_ids)
        .select_related("oficina", "puesto")
        .prefetch_related("canales")
        .order_by("apellidos", "nombre")
    )
    ids = [p.pk for p in personas]
    cursos = cursos_del_equipo(ids)
    canales_curso = {c.pk: {x.pk for x in c.canales.all()} for c in cursos}
    completadas = {
        (f["empleado_id"], f["curso_id"]): f
        for f in Matricula.objects.filter(
            empleado_id__in=ids,
            curso__in=cursos,
            estado__in=COMPLETADAS,
        )
        .values("empleado_id", "curso_id")
        .annotate(
            caduca=Max("caduca_en"),
            sin_caducidad=Count("id", filter=Q(caduca_en__isnull=True)),
        )
    }
    abiertas = {
        (f["empleado_id"], f["curso_id"]): f
        for f in Matricula.objects.filter(
            empleado_id__in=ids,
            curso__in=cursos,
            estado__in=Matricula.ABIERTAS,
        ).values("empleado_id", "curso_id", "plazo", "estado", "obligatoria")
    }
    etiquetas_matricula = dict(Matricula.Estado.choices)
    filas = []
    totales = {k: 0 for k in ORDEN_ESTADO}
    for persona in personas:
        canales = {c.pk for c in persona.canales.all()}
        celdas = []
        for curso in cursos:
            abierta = abiertas.get((persona.pk, curso.pk))
            f = completadas.get((persona.pk, curso.pk))
            cuenta = curso.obligatorio or bool(abierta and abierta["obligatoria"])
            etiqueta = None
            if (
                curso.obligatorio
                and canales_curso[curso.pk]
                and not canales_curso[curso.pk] & canales
            ):
                estado, cuenta = NO_APLICA, False
            elif not curso.obligatorio and f is None and abierta is None:
                estado, etiqueta = NO_APLICA, _("No asignado")
            else:
                estado = estado_formacion(
                    f and f["caduca"], bool(f and f["sin_caducidad"]), hoy
                )
                if not curso.obligatorio and abierta and estado == SIN_FORMACION:
                    etiqueta = etiquetas_matricula[abierta["estado"]]
            plazo = abierta["plazo"] if abierta else None
            celdas.append(
                {
                    "curso": curso,
                    "estado": estado,
                    "etiqueta": etiqueta or ETIQUETAS_ESTADO[estado],
                    "plazo": plazo,
                    "vencida": bool(plazo and plazo < hoy),
                    "cuenta": cuenta,
                }
            )
            if cuenta:
                totales[estado] += 1
        contadas = [c for c in celdas if c["cuenta"]]
        peor = min(
            (ORDEN_ESTADO[c["estado"]] for c in contadas),
            default=ORDEN_ESTADO[NO_APLICA],
        )
        vencidas = sum(c["vencida"] for c in celdas)
        al_dia = all(
            c["estado"] in (AL_DIA, CADUCA_30, CADUCA_60, NO_APLICA) for c in contadas
        )
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


# --- Quality staff: course statistics -------------------------------------------------


def estadisticas_cursos() -> list[dict]:
    intentos = Intento.objects.filter(
        matricula__curso=OuterRef("pk"), estado=Intento.Estado.ENVIADO
    )
    cursos = (
        CursoPage.objects.defer_streamfields()
        .annotate(
            matriculados=Count("matriculas", distinct=True),
            completados=Count(
                "matriculas",
                filter=Q(matriculas__estado__in=COMPLETADAS),
                distinct=True,
            ),
            nota_media=Avg(
                "matriculas__nota", filter=Q(matriculas__estado__in=COMPLETADAS)
            ),
            intentos_enviados=Coalesce(
                Subquery(
                    intentos.values("matricula__curso")
                    .annotate(n=Count("id"))
                    .values("n")
                ),
                0,
            ),
            intentos_aprobados=Coalesce(
                Subquery(
                    intentos.filter(aprobado=True)
                    .values("matricula__curso")
                    .annotate(n=Count("id"))
                    .values("n")
                ),
                0,
            ),
        )
        .order_by("title")
    )
    duraciones = {
        f["curso_id"]: f["media"]
        for f in Matricula.objects.filter(
            estado__in=COMPLETADAS, iniciada_en__isnull=False
        )
        .values("curso_id")
        .annotate(media=Avg(F("completada_en") - F("iniciada_en")))
    }
    resultado = []
    for c in cursos:
        duracion = duraciones.get(c.pk)
        if isinstance(duracion, int | float):
            duracion = timedelta(microseconds=duracion)
        resultado.append(
            {
                "curso": c,
                "matriculados": c.matriculados,
                "completados": c.completados,
                "tasa_aprobado": (100 * c.intentos_aprobados / c.intentos_enviados)
                if c.intentos_enviados
                else None,
                "intentos": c.intentos_enviados,
                "nota_media": c.nota_media,
                "dias_medios": (duracion.total_seconds() / 86400) if duracion else None,
            }
        )
    return resultado


# --- Indicators (contract with mejora) ------------------------------------------------


def _wilson(exitos: int, n: int) -> tuple[float | None, float | None]:
    if n == 0:
        return None, None
    z = 1.959963984540054
    p = exitos / n
    centro = (p + z * z / (2 * n)) / (1 + z * z / n)
    margen = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return 100 * max(0.0, centro - margen), 100 * min(1.0, centro + margen)


def _proporcion(exitos: int, n: int) -> dict:
    inf, sup = _wilson(exitos, n)
    return {
        "valor": (100 * exitos / n) if n else None,
        "n": n,
        "ic_inf": inf,
        "ic_sup": sup,
    }


def _empleados_en_ambito(*, en: date, oficina_ids=None, canal: str | None = None):
    qs = Empleado.objects.activos(en)
    if oficina_ids is not None:
        qs = qs.filter(oficina_id__in=list(oficina_ids))
    if canal:
        qs = qs.filter(canales__codigo=canal)
    return qs


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


def indicador_formacion_obligatoria_al_dia(
    *,
    desde: date,
    hasta: date,
    oficina_ids: Sequence[int] | None = None,
    canal: str | None = None,
    **parametros,
) -> dict:
    """% of active employees in scope with every applicable mandatory course up to
    date at `hasta`."""
    datos = (
        _empleados_en_ambito(en=hasta, oficina_ids=oficina_ids, canal=canal)
        .distinct()
        .annotate(pendiente=_con_obligatoria_pendiente(hasta))
        .aggregate(
            n=Count("pk", distinct=True),
            al_dia=Count("pk", filter=Q(pendiente=False), distinct=True),
        )
    )
    return _proporcion(datos["al_dia"], datos["n"])


def indicador_horas_por_persona(
    *,
    desde: date,
    hasta: date,
    oficina_ids: Sequence[int] | None = None,
    canal: str | None = None,
    **parametros,
) -> dict:
    """Training hours completed in the period per active employee (mean, normal CI)."""
    horas = (
        Matricula.objects.filter(
            empleado_id=OuterRef("pk"),
            estado__in=COMPLETADAS,
            completada_en__date__gte=desde,
            completada_en__date__lte=hasta,
        )
        .values("empleado_id")
        .annotate(h=Sum("curso__horas"))
        .values("h")
    )
    ids = _empleados_en_ambito(en=hasta, oficina_ids=oficina_ids, canal=canal).values(
        "pk"
    )
    datos = (
        Empleado.objects.filter(pk__in=ids)
        .annotate(
            h=Coalesce(
                Subquery(horas, output_field=DecimalField()),
                Value(Decimal(0)),
                output_field=FloatField(),
            )
        )
        .aggregate(
            n=Count("pk"),
            s=Sum("h"),
            s2=Sum(F("h") * F("h"), output_field=FloatField()),
        )
    )
    n = datos["n"] or 0
    if n == 0:
        return {"valor": None, "n": 0, "ic_inf": None, "ic_sup": None}
    media = float(datos["s"] or 0) / n
    if n < 2:
        return {"valor": media, "n": n, "ic_inf": None, "ic_sup": None}
    varianza = max((float(datos["s2"] or 0) - n * media * media) / (n - 1), 0.0)
    margen = 1.959963984540054 * math.sqrt(varianza / n)
    return {
        "valor": media,
        "n": n,
        "ic_inf": max(media - margen, 0.0),
        "ic_sup": media + margen,
    }


def indicador_tasa_aprobado(
    *,
    desde: date,
    hasta: date,
    oficina_ids: Sequence[int] | None = None,
    canal: str | None = None,
    **parametros,
) -> dict:
    """% of finished quiz attempts in the period that passed."""
    qs = Intento.objects.filter(
        estado=Intento.Estado.ENVIADO,
        enviado_en__date__gte=desde,
        enviado_en__date__lte=hasta,
    )
    if oficina_ids is not None:
        qs = qs.filter(matricula__empleado__oficina_id__in=list(oficina_ids))
    if canal:
        qs = qs.filter(
            matricula__empleado__in=Empleado.objects.filter(
                canales__codigo=canal
            ).values("pk")
        )
    datos = qs.aggregate(n=Count("pk"), aprobados=Count("pk", filter=Q(aprobado=True)))
    return _proporcion(datos["aprobados"], datos["n"])


def cobertura_por_competencia(
    *, en: date, oficina_ids: Sequence[int] | None = None
) -> list[dict]:
    """Per competency: active people in scope, how many hold a valid completion of a
    course that develops it, and the percentage."""
    personas = _empleados_en_ambito(en=en, oficina_ids=oficina_ids)
    n = personas.count()
    cubiertas = dict(
        _validas_en(en)
        .filter(empleado__in=personas.values("pk"))
        .values("curso__competencias__codigo")
        .annotate(p=Count("empleado_id", distinct=True))
        .values_list("curso__competencias__codigo", "p")
    )
    return [
        {
            "competencia_codigo": codigo,
            "personas": n,
            "con_curso_completado": cubiertas.get(codigo, 0),
            "porcentaje": (100 * cubiertas.get(codigo, 0) / n) if n else None,
        }
        for codigo in Competencia.objects.order_by("orden", "codigo").values_list(
            "codigo", flat=True
        )
    ]


def equipo_ids_de(usuario) -> set[int] | None:
    """People a user may assign to or see in the team screen: a supervisor's team,
    everyone (None) for calidad and dirección."""
    from organizacion.permissions import tiene_rol

    if tiene_rol(usuario, "calidad", "direccion"):
        return None
    empleado = empleado_de(usuario)
    return ids_del_equipo(empleado) if empleado else set()


def certificado_por_codigo(codigo: str) -> Certificado | None:
    """The certificate with that code, however it was typed (see
    `normalizar_codigo`); None when there is none."""
    normalizado = normalizar_codigo(codigo)
    if normalizado is None:
        return None
    return (
        Certificado.objects.select_related("sustituye_a")
        .filter(codigo=normalizado)
        .first()
    )
