"""evaluacion/datos_personales.py: the employee's export shows what their
evaluation page shows, no more."""

import pytest
from django.core.files.base import ContentFile

from evaluacion import datos_personales
from evaluacion.models import Evaluacion, RecomendacionCurso
from tests.evaluacion.conftest import enviada, puntuar_todo
from tests.factories import curso_con_lecciones

pytestmark = pytest.mark.django_db


def test_niveles_y_comentario_de_la_supervision_solo_tras_el_envio(evaluacion_de_ana):
    ana = evaluacion_de_ana.empleado
    ev = puntuar_todo(evaluacion_de_ana, nivel=2, evidencia="Borrador de la jefa")
    Evaluacion.objects.filter(pk=ev.pk).update(comentario_evaluador="Borrador")
    fila = list(datos_personales.evaluaciones(ana))[0]
    assert fila[11] == "" and fila[13] is None
    puntos = list(datos_personales.puntuaciones(ana))
    assert puntos and {(p[4], p[5]) for p in puntos} == {(None, "")}
    assert list(datos_personales.historial(ana)) == []

    ev.refresh_from_db()
    enviada(ev, nivel=2)
    fila = list(datos_personales.evaluaciones(ana))[0]
    assert fila[7] == "Enviada" and fila[11] == "Borrador"
    assert {p[4] for p in datos_personales.puntuaciones(ana)} == {2}
    assert [h[2] for h in datos_personales.historial(ana)][-1] == "enviada"


def test_el_pdf_solo_si_esta_al_dia_con_la_version_enviada(evaluacion_de_ana):
    ana = evaluacion_de_ana.empleado
    ev = enviada(evaluacion_de_ana)
    ev.pdf.save("evaluacion.pdf", ContentFile(b"%PDF-1.4"), save=False)
    Evaluacion.objects.filter(pk=ev.pk).update(pdf=ev.pdf.name, pdf_version=ev.version)
    assert [n for n, _f in datos_personales.pdf_evaluaciones(ana)] == [
        f"evaluacion/evaluacion-{ev.pk}.pdf"
    ]
    Evaluacion.objects.filter(pk=ev.pk).update(pdf_version=ev.version - 1)
    assert list(datos_personales.pdf_evaluaciones(ana)) == []


def test_el_plan_de_desarrollo_lista_los_cursos_recomendados(evaluacion_de_ana):
    ana = evaluacion_de_ana.empleado
    ev = enviada(evaluacion_de_ana, nivel=1)
    curso, _l, _p = curso_con_lecciones(n_lecciones=1, title="Escucha activa")
    puntuacion = ev.puntuaciones.select_related("competencia").first()
    RecomendacionCurso.objects.create(
        evaluacion=ev, competencia=puntuacion.competencia, curso=curso
    )
    filas = list(datos_personales.plan_desarrollo(ana))
    assert [(f[0], f[1], f[2], f[4]) for f in filas] == [
        (ev.pk, str(puntuacion.competencia), "Escucha activa", "")
    ]
