from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from formacion import services
from formacion.models import Matricula
from tests.factories import EmpleadoFactory, curso_con_lecciones

pytestmark = pytest.mark.django_db


def test_recordatorios_un_resumen_al_dia_y_nada_dos_veces():
    jefa = EmpleadoFactory(usuario__roles=["empleado", "supervisor"])
    ana = EmpleadoFactory(supervisor=jefa)
    cursos = [curso_con_lecciones(n_lecciones=1)[0] for _ in range(3)]
    hoy = timezone.localdate()
    for i, curso in enumerate(cursos):
        m = services.matricular(
            empleado=ana,
            curso=curso,
            origen="asignacion",
            plazo=hoy + timedelta(days=3),
            obligatoria=True,
        )
        if i == 0:
            Matricula.objects.filter(pk=m.pk).update(
                plazo=hoy - timedelta(days=1), estado="vencida"
            )
    resultado = services.enviar_recordatorios(hoy=hoy)
    assert resultado == {"personal": 1, "equipo": 1}
    assert len(mail.outbox) == 2
    personal = next(m for m in mail.outbox if m.to == [ana.usuario.email])
    assert "Fuera de plazo" in personal.body and cursos[0].title in personal.body
    assert "Vencen pronto" in personal.body and cursos[2].title in personal.body
    equipo = next(m for m in mail.outbox if m.to == [jefa.usuario.email])
    assert ana.nombre in equipo.body
    # Running it again the same day sends nothing.
    assert services.enviar_recordatorios(hoy=hoy) == {"personal": 0, "equipo": 0}
    assert len(mail.outbox) == 2
    # The next day it is a new digest.
    assert services.enviar_recordatorios(hoy=hoy + timedelta(days=1))["personal"] == 1
