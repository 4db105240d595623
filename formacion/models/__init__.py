"""Training models, by subdomain (the way Wagtail splits `wagtail/models/`):
course pages in Wagtail, the question bank, enrolments, attempts, assignment
rules, certificates, the reminder ledger and the hours ledger. Callers and
migrations import from `formacion.models`."""

from .asignacion import RegistroAsignacion, ReglaAsignacion
from .certificados import (
    ALFABETO_CODIGO,
    Certificado,
    normalizar_codigo,
    nuevo_codigo,
    ruta_pdf_certificado,
)
from .cursos import (
    CursoPage,
    CursosIndexPage,
    LeccionPage,
    MetodoCalificacion,
    Modalidad,
    TipoCertificado,
)
from .expediente import Expediente, FormacionExterna, ruta_pdf_expediente
from .intentos import Intento, RespuestaIntento, TiempoExtra
from .matriculas import Matricula, ProgresoLeccion
from .preguntas import Opcion, OpcionVersion, Pregunta, PreguntaVersion, TipoPregunta
from .recordatorios import Recordatorio

__all__ = [
    "ALFABETO_CODIGO",
    "Certificado",
    "CursoPage",
    "CursosIndexPage",
    "Expediente",
    "FormacionExterna",
    "Intento",
    "LeccionPage",
    "Matricula",
    "MetodoCalificacion",
    "Modalidad",
    "Opcion",
    "OpcionVersion",
    "Pregunta",
    "PreguntaVersion",
    "ProgresoLeccion",
    "Recordatorio",
    "RegistroAsignacion",
    "ReglaAsignacion",
    "RespuestaIntento",
    "TiempoExtra",
    "TipoCertificado",
    "TipoPregunta",
    "normalizar_codigo",
    "nuevo_codigo",
    "ruta_pdf_certificado",
    "ruta_pdf_expediente",
]
