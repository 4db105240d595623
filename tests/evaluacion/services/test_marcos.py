import pytest

from evaluacion import services
from organizacion.models import MarcoCompetencial

pytestmark = pytest.mark.django_db


def test_abrir_congela_el_marco_y_la_nueva_version_copia_todo(campana):
    marco = campana.marco
    marco.refresh_from_db()
    assert marco.congelado
    nuevo = services.nueva_version_marco(marco=marco)
    assert nuevo.version == marco.version + 1 and not nuevo.congelado and nuevo.vigente
    marco.refresh_from_db()
    assert not marco.vigente
    assert nuevo.niveles.count() == marco.niveles.count() == 5
    assert nuevo.competencias.count() == 7
    original = marco.competencias.get(competencia__codigo="C2")
    copia = nuevo.competencias.get(competencia__codigo="C2")
    assert list(copia.descriptores.values_list("nivel", "descriptor")) == list(
        original.descriptores.values_list("nivel", "descriptor")
    )
    assert MarcoCompetencial.objects.filter(nombre=marco.nombre).count() == 2
