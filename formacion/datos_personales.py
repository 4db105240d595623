"""formacion's part of an employee's data export (see organizacion.proteccion_datos)."""

import posixpath
import re

from django.utils.translation import gettext_lazy as _

from organizacion.proteccion_datos import Seccion

from .models import (
    Certificado,
    Expediente,
    FormacionExterna,
    Intento,
    Matricula,
    ProgresoLeccion,
    Recordatorio,
    RespuestaIntento,
    TiempoExtra,
)

LOTE = 500


def _extension(nombre: str) -> str:
    ext = posixpath.splitext(nombre)[1].lower()
    return ext if re.fullmatch(r"\.[a-z0-9]{1,8}", ext) else ""


def matriculas(empleado):
    for m in (
        Matricula.objects.filter(empleado=empleado)
        .select_related("curso")
        .order_by("creada_en", "pk")
        .iterator(chunk_size=LOTE)
    ):
        yield (
            m.pk,
            m.curso.title,
            m.get_origen_display(),
            m.obligatoria,
            m.plazo,
            m.get_estado_display(),
            m.creada_en,
            m.iniciada_en,
            m.completada_en,
            m.caduca_en,
            m.nota,
        )


def progreso(empleado):
    return (
        ProgresoLeccion.objects.filter(matricula__empleado=empleado)
        .order_by("matricula_id", "completada_en", "pk")
        .values_list(
            "matricula_id", "matricula__curso__title", "leccion__title", "completada_en"
        )
        .iterator(chunk_size=LOTE)
    )


def intentos(empleado):
    for i in (
        Intento.objects.filter(matricula__empleado=empleado)
        .select_related("matricula__curso")
        .order_by("matricula_id", "numero", "pk")
        .iterator(chunk_size=LOTE)
    ):
        yield (
            i.pk,
            i.matricula.curso.title,
            i.numero,
            i.get_estado_display(),
            i.iniciado_en,
            i.enviado_en,
            i.fuera_de_plazo,
            i.nota,
            i.aprobado,
        )


def respuestas_intentos(empleado):
    for r in (
        RespuestaIntento.objects.filter(intento__matricula__empleado=empleado)
        .select_related("version")
        .prefetch_related("opciones_elegidas")
        .order_by("intento_id", "orden", "pk")
        .iterator(chunk_size=LOTE)
    ):
        yield (
            r.intento_id,
            r.orden,
            r.version.enunciado,
            " | ".join(o.texto for o in r.opciones_elegidas.all()),
            r.correcta,
        )


def _nombre_certificado(c: Certificado) -> str:
    return f"formacion/certificados/certificado-{c.pk}.pdf"


def _certificados(empleado):
    return Certificado.objects.filter(empleado=empleado).order_by("emitido_en", "pk")


def certificados(empleado):
    for c in _certificados(empleado).iterator(chunk_size=LOTE):
        yield (
            c.codigo,
            c.titulo_curso,
            c.nombre_persona,
            c.identificador_persona,
            c.horas,
            c.get_modalidad_display(),
            c.get_tipo_display(),
            c.nota,
            c.fecha_inicio,
            c.fecha_fin,
            c.emitido_en,
            c.valido_hasta,
            c.emisor,
            c.get_estado_display(),
            c.revocado_en,
            c.motivo_revocacion,
            c.sha256,
            _nombre_certificado(c) if c.pdf else "",
        )


def pdf_certificados(empleado):
    for c in _certificados(empleado).exclude(pdf=""):
        yield _nombre_certificado(c), c.pdf


def _nombre_evidencia(f: FormacionExterna) -> str:
    return f"formacion/externa/evidencia-{f.pk}{_extension(f.evidencia.name)}"


def _externas(empleado):
    return FormacionExterna.objects.filter(empleado=empleado).order_by(
        "fecha_inicio", "pk"
    )


def formacion_externa(empleado):
    for f in _externas(empleado):
        yield (
            f.titulo,
            f.entidad,
            f.horas,
            f.get_modalidad_display(),
            f.fecha_inicio,
            f.fecha_fin,
            f.reconocida_en,
            _nombre_evidencia(f) if f.evidencia else "",
        )


def evidencias(empleado):
    for f in _externas(empleado).exclude(evidencia=""):
        yield _nombre_evidencia(f), f.evidencia


def _nombre_expediente(x: Expediente) -> str:
    return f"formacion/expedientes/expediente-{x.pk}.pdf"


def _expedientes(empleado):
    return Expediente.objects.filter(empleado=empleado).order_by("solicitado_en", "pk")


def expedientes(empleado):
    for x in _expedientes(empleado):
        yield (
            x.get_estado_display(),
            x.solicitado_en,
            x.generado_en,
            x.sha256,
            _nombre_expediente(x) if x.pdf else "",
        )


def pdf_expedientes(empleado):
    for x in _expedientes(empleado).exclude(pdf=""):
        yield _nombre_expediente(x), x.pdf


def tiempo_extra(empleado):
    return TiempoExtra.objects.filter(empleado=empleado).values_list(
        "porcentaje", "motivo"
    )


def recordatorios(empleado):
    for r in Recordatorio.objects.filter(destinatario=empleado).order_by("dia", "pk"):
        yield (r.get_tipo_display(), r.dia, r.enviado_en)


SECCIONES = [
    Seccion(
        "formacion/matriculas.csv",
        (
            _("Matrícula"),
            _("Curso"),
            _("Origen"),
            _("Obligatoria"),
            _("Plazo"),
            _("Estado"),
            _("Creada el"),
            _("Iniciada el"),
            _("Completada el"),
            _("Caduca el"),
            _("Nota"),
        ),
        matriculas,
        cubre=("formacion.Matricula.empleado",),
    ),
    Seccion(
        "formacion/progreso_lecciones.csv",
        (_("Matrícula"), _("Curso"), _("Lección"), _("Completada el")),
        progreso,
        cubre=(),
    ),
    Seccion(
        "formacion/intentos_cuestionario.csv",
        (
            _("Intento"),
            _("Curso"),
            _("Número"),
            _("Estado"),
            _("Iniciado el"),
            _("Enviado el"),
            _("Fuera de plazo"),
            _("Nota"),
            _("Aprobado"),
        ),
        intentos,
        cubre=(),
    ),
    Seccion(
        "formacion/respuestas_cuestionario.csv",
        (
            _("Intento"),
            _("Orden"),
            _("Pregunta"),
            _("Opciones elegidas"),
            _("Correcta"),
        ),
        respuestas_intentos,
        cubre=(),
    ),
    Seccion(
        "formacion/certificados.csv",
        (
            _("Código"),
            _("Curso"),
            _("Nombre"),
            _("Identificador"),
            _("Horas"),
            _("Modalidad"),
            _("Tipo"),
            _("Nota"),
            _("Inicio"),
            _("Fin"),
            _("Emitido el"),
            _("Válido hasta"),
            _("Emisor"),
            _("Estado"),
            _("Revocado el"),
            _("Motivo de la revocación"),
            _("SHA-256 del PDF"),
            _("Fichero"),
        ),
        certificados,
        cubre=("formacion.Certificado.empleado",),
        adjuntos=pdf_certificados,
    ),
    Seccion(
        "formacion/formacion_externa.csv",
        (
            _("Título"),
            _("Entidad"),
            _("Horas"),
            _("Modalidad"),
            _("Inicio"),
            _("Fin"),
            _("Reconocida el"),
            _("Evidencia"),
        ),
        formacion_externa,
        cubre=("formacion.FormacionExterna.empleado",),
        adjuntos=evidencias,
    ),
    Seccion(
        "formacion/expedientes.csv",
        (
            _("Estado"),
            _("Solicitado el"),
            _("Generado el"),
            _("SHA-256 del PDF"),
            _("Fichero"),
        ),
        expedientes,
        cubre=("formacion.Expediente.empleado",),
        adjuntos=pdf_expedientes,
    ),
    Seccion(
        "formacion/tiempo_extra.csv",
        (_("Porcentaje"), _("Motivo")),
        tiempo_extra,
        cubre=("formacion.TiempoExtra.empleado",),
    ),
    Seccion(
        "formacion/recordatorios.csv",
        (_("Tipo"), _("Día"), _("Enviado el")),
        recordatorios,
        cubre=("formacion.Recordatorio.destinatario",),
    ),
]

REFERENCIAS = (
    "formacion.ReglaAsignacion.equipo_de",
    "formacion.ReglaAsignacion.creada_por",
    "formacion.RegistroAsignacion.por",
    "formacion.Matricula.asignada_por",
    "formacion.Certificado.revocado_por",
    "formacion.FormacionExterna.reconocida_por",
    "formacion.Expediente.solicitado_por",
)
