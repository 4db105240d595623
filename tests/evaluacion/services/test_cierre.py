from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from evaluacion import services
from evaluacion.models import Evaluacion
from tests.evaluacion.conftest import enviada

pytestmark = pytest.mark.django_db


E = Evaluacion.Estado


def test_cerrar_en_plazo_de_alegaciones_explica_hasta_cuando(evaluacion_de_ana):
    ev = enviada(evaluacion_de_ana)
    plazo = ev.plazo_alegaciones
    with pytest.raises(ValidationError) as error:
        services.cerrar_evaluacion(evaluacion=ev, version=ev.version, por=None)
    mensaje = " ".join(error.value.messages)
    assert f"puede presentar alegaciones hasta el {plazo:%d/%m/%Y}" in mensaje
    assert f"a partir del {plazo + timedelta(days=1):%d/%m/%Y}" in mensaje
    ev.refresh_from_db()
    assert ev.estado == E.ENVIADA
