"""Factories for training: course pages go under the course index through treebeard."""

from decimal import Decimal

from formacion import services
from formacion.models import (
    CursoPage,
    CursosIndexPage,
    LeccionPage,
    Opcion,
    Pregunta,
    TipoPregunta,
)

__all__ = ["crear_curso", "crear_leccion", "crear_pregunta", "curso_con_lecciones"]

_contador = {"n": 0}


def _siguiente() -> int:
    _contador["n"] += 1
    return _contador["n"]


def indice_cursos() -> CursosIndexPage:
    return CursosIndexPage.objects.get()


def crear_curso(**campos) -> CursoPage:
    n = _siguiente()
    canales = campos.pop("canales", None)
    competencias = campos.pop("competencias", None)
    datos = {
        "title": f"Curso de prueba {n}",
        "slug": f"curso-prueba-{n}",
        "resumen": "Un curso para las pruebas.",
        "horas": Decimal("10"),
        "nota_aprobado": 70,
        "preguntas_por_intento": 3,
        "intentos_permitidos": 3,
    }
    datos.update(campos)
    curso = indice_cursos().add_child(instance=CursoPage(**datos))
    if canales is not None:
        curso.canales.set(canales)
    if competencias is not None:
        curso.competencias.set(competencias)
    if canales is not None or competencias is not None:
        curso.save()
    return curso


def crear_leccion(curso: CursoPage, **campos) -> LeccionPage:
    n = _siguiente()
    datos = {
        "title": f"Lección {n}",
        "slug": f"leccion-{n}",
        "minutos_estimados": 10,
        "cuerpo": [("texto", "<p>Contenido de la lección.</p>")],
    }
    datos.update(campos)
    return curso.add_child(instance=LeccionPage(**datos))


def crear_pregunta(
    curso: CursoPage,
    enunciado: str | None = None,
    *,
    correcta: int = 0,
    opciones=("Sí", "No", "Depende"),
    tipo=TipoPregunta.UNICA,
    etiqueta="",
) -> Pregunta:
    pregunta = Pregunta.objects.create(
        curso=curso,
        enunciado=enunciado or f"Pregunta {_siguiente()}",
        tipo=tipo,
        etiqueta=etiqueta,
    )
    for i, texto in enumerate(opciones):
        correctas = correcta if isinstance(correcta, (list, tuple, set)) else [correcta]
        Opcion.objects.create(
            pregunta=pregunta,
            texto=texto,
            correcta=i in correctas,
            sort_order=i,
            retroalimentacion=f"Comentario de «{texto}»",
        )
    services.guardar_version_pregunta(pregunta=pregunta)
    return pregunta


def curso_con_lecciones(n_lecciones: int = 2, n_preguntas: int = 3, **campos):
    curso = crear_curso(**campos)
    lecciones = [crear_leccion(curso) for _ in range(n_lecciones)]
    preguntas = [crear_pregunta(curso) for _ in range(n_preguntas)]
    return curso, lecciones, preguntas
