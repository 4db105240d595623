from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from evaluacion import services
from evaluacion.calendario import festivos, sumar_dias_habiles
from evaluacion.models import Evaluacion, Festivo
from tests.evaluacion.conftest import enviada
from tests.factories import FestivoFactory

pytestmark = pytest.mark.django_db


def test_el_puente_de_diciembre_no_cuenta():
    # Friday 3 Dec 2027; Monday 6 (Constitución) and Wednesday 8 (Inmaculada) are national holidays.
    assert sumar_dias_habiles(date(2027, 12, 3), 1) == date(2027, 12, 7)
    assert sumar_dias_habiles(date(2027, 12, 3), 2) == date(2027, 12, 9)
    assert sumar_dias_habiles(date(2027, 12, 3), 3) == date(2027, 12, 10)


def test_los_fines_de_semana_no_cuentan_y_el_plazo_empieza_al_dia_siguiente():
    # Thursday 14 Oct 2027 + 2 working days: Friday 15, (weekend), Monday 18.
    assert sumar_dias_habiles(date(2027, 10, 14), 2) == date(2027, 10, 18)


def test_festivo_autonomico_de_la_libreria_solo_en_su_comunidad():
    # 2 May is a holiday in the Comunidad de Madrid (Tuesday in 2028), not in Aragón.
    assert date(2028, 5, 2) in festivos(
        date(2028, 5, 1), date(2028, 5, 3), provincia="28"
    )
    assert date(2028, 5, 2) not in festivos(
        date(2028, 5, 1), date(2028, 5, 3), provincia="50"
    )
    assert sumar_dias_habiles(date(2028, 5, 1), 1, provincia="28") == date(2028, 5, 3)
    assert sumar_dias_habiles(date(2028, 5, 1), 1, provincia="50") == date(2028, 5, 2)


def test_festivos_configurados_regional_y_local():
    FestivoFactory(
        fecha=date(2027, 10, 19),
        nombre="Festivo autonómico",
        ambito=Festivo.Ambito.AUTONOMICO,
        comunidad="AR",
    )
    FestivoFactory(
        fecha=date(2027, 10, 20),
        nombre="Fiestas patronales",
        ambito=Festivo.Ambito.LOCAL,
        provincia="50",
        municipio="Calatayud",
    )
    # Monday 18 Oct 2027 + 2 working days.
    assert sumar_dias_habiles(date(2027, 10, 18), 2, provincia="46") == date(
        2027, 10, 20
    )
    assert sumar_dias_habiles(
        date(2027, 10, 18), 2, provincia="50", municipio="Zaragoza"
    ) == date(2027, 10, 21)
    assert sumar_dias_habiles(
        date(2027, 10, 18), 2, provincia="50", municipio="Calatayud"
    ) == date(2027, 10, 22)


def test_un_festivo_local_exige_municipio():
    with pytest.raises(ValidationError):
        Festivo(
            fecha=date(2027, 1, 1),
            nombre="x",
            ambito=Festivo.Ambito.LOCAL,
            provincia="50",
        ).full_clean()


def test_el_plazo_de_alegaciones_cuenta_festivos_y_se_hace_cumplir(evaluacion_de_ana):
    ev = evaluacion_de_ana
    Evaluacion.objects.filter(pk=ev.pk)
    ev.campana.dias_alegaciones = 3
    ev.campana.save()
    ev = services.guardar_puntuaciones(
        evaluacion=ev,
        version=ev.version,
        datos={p.competencia_id: {"nivel": 3} for p in ev.puntuaciones.all()},
        por=None,
    )
    ev = services.enviar_evaluacion(
        evaluacion=ev, version=ev.version, por=None, hoy=date(2027, 12, 3)
    )
    assert ev.plazo_alegaciones == date(2027, 12, 10)
    with pytest.raises(ValidationError, match="terminó el 10/12/2027"):
        services.alegar_evaluacion(
            evaluacion=ev,
            version=ev.version,
            texto="Tarde",
            por=None,
            hoy=date(2027, 12, 13),
        )
    ev = services.alegar_evaluacion(
        evaluacion=ev,
        version=ev.version,
        texto="En plazo",
        por=None,
        hoy=date(2027, 12, 10),
    )
    assert ev.estado == Evaluacion.Estado.ALEGADA


def test_cerrar_una_enviada_solo_cuando_vence_el_plazo(evaluacion_de_ana):
    ev = enviada(evaluacion_de_ana)
    with pytest.raises(ValidationError, match="puede presentar alegaciones hasta el"):
        services.cerrar_evaluacion(evaluacion=ev, version=ev.version, por=None)
    ev = services.cerrar_evaluacion(
        evaluacion=ev,
        version=ev.version,
        por=None,
        hoy=ev.plazo_alegaciones + (ev.plazo_alegaciones - timezone.localdate()),
    )
    assert ev.estado == Evaluacion.Estado.CERRADA
