from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from evaluacion import services
from evaluacion.models import Campana, RecordatorioEvaluador

pytestmark = pytest.mark.django_db


def test_recordatorios_uno_por_evaluador_y_dia(
    campana, equipo, django_capture_on_commit_callbacks
):
    Campana.objects.filter(pk=campana.pk).update(
        evaluacion_hasta=timezone.localdate() - timedelta(days=1)
    )
    mail.outbox.clear()
    # The head of office (2 people) and the coordinator (the head) are late.
    with django_capture_on_commit_callbacks(execute=True):
        assert services.enviar_recordatorios() == 2
    assert services.enviar_recordatorios() == 0
    assert RecordatorioEvaluador.objects.get(evaluador=equipo["jefa"]).pendientes == 2
    assert len(mail.outbox) == 2
    correo = next(m for m in mail.outbox if m.to == [equipo["jefa"].usuario.email])
    assert "2 evaluaciones" in correo.body
    assert (
        services.enviar_recordatorios(hoy=timezone.localdate() + timedelta(days=1)) == 2
    )
