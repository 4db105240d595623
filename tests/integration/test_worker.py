import pytest
from django.db import transaction

from organizacion import services
from organizacion.models import Empleado
from tests.factories import EmpleadoFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def test_un_worker_real_consume_la_tarea_encolada_al_confirmar(worker_celery, esperar):
    with transaction.atomic():
        empleado = EmpleadoFactory(usuario__email="nueva@ventanilla.example")
        services.programar_bienvenida(empleado=empleado)
        # Nothing is queued until the transaction commits.
        assert Empleado.objects.get(pk=empleado.pk).bienvenida_enviada_en is None

    def enviada():
        return Empleado.objects.get(pk=empleado.pk).bienvenida_enviada_en is not None

    esperar(enviada, mensaje="que el worker marque la bienvenida como enviada")


def test_la_tarea_es_idempotente_si_se_repite(worker_celery, esperar):
    empleado = EmpleadoFactory(usuario__email="otra@ventanilla.example")
    services.programar_bienvenida(empleado=empleado)
    esperar(
        lambda: Empleado.objects.get(pk=empleado.pk).bienvenida_enviada_en is not None,
        mensaje="el primer envío",
    )
    primera = Empleado.objects.get(pk=empleado.pk).bienvenida_enviada_en
    from organizacion.tasks import enviar_bienvenida

    enviar_bienvenida.delay(empleado.pk)
    # The second message is consumed but changes nothing.
    import time

    time.sleep(2)
    assert Empleado.objects.get(pk=empleado.pk).bienvenida_enviada_en == primera
