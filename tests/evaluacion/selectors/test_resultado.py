from datetime import date

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from evaluacion import selectors, services
from evaluacion.models import Evaluacion
from formacion.models import Matricula
from tests.evaluacion.conftest import enviada
from tests.factories import CampanaFactory, competencia, crear_curso

pytestmark = pytest.mark.django_db


def test_la_siguiente_campana_muestra_el_cambio_y_el_indicador_lo_mide(
    con_brecha, equipo
):
    c1 = competencia("C1")
    curso = crear_curso(competencias=[c1])
    matricula = services.asignar_curso_recomendado(
        evaluacion=con_brecha, competencia_id=c1.pk, curso_id=curso.pk, por=None
    )
    Matricula.objects.filter(pk=matricula.pk).update(
        estado=Matricula.Estado.COMPLETADA, completada_en=timezone.now()
    )
    anio = timezone.localdate().year
    siguiente = CampanaFactory(
        oficinas=[equipo["oficina"]],
        periodo_inicio=date(anio, 1, 1),
        periodo_fin=date(anio, 12, 31),
    )
    services.abrir_campana(campana=siguiente)
    ev2 = Evaluacion.objects.get(campana=siguiente, empleado=equipo["ana"])
    ev2 = enviada(ev2, nivel=3)
    filas = selectors.filas_de_resultado(ev2)
    assert selectors.evolucion_por_competencia(ev2)[c1.pk] == 2
    cliente = Client()
    cliente.force_login(equipo["jefa"].usuario)
    html = cliente.get(reverse("evaluacion:evaluacion", args=[ev2.pk])).content.decode()
    assert "(+1)" in html
    r = selectors.indicador_cambio_tras_formacion(
        desde=date(anio, 1, 1), hasta=date(anio, 12, 31)
    )
    assert r["n"] == 1 and r["valor"] == 1.0
    assert len(filas) == 7
