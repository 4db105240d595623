import pytest
from django.db import transaction

from organizacion import services
from organizacion.models import Empleado
from organizacion.tasks import enviar_bienvenida
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


def test_la_tarea_es_idempotente_si_se_repite(esperar, ejecutar_en_el_worker):
    empleado = EmpleadoFactory(usuario__email="otra@ventanilla.example")
    services.programar_bienvenida(empleado=empleado)
    esperar(
        lambda: Empleado.objects.get(pk=empleado.pk).bienvenida_enviada_en is not None,
        mensaje="el primer envío",
    )
    primera = Empleado.objects.get(pk=empleado.pk).bienvenida_enviada_en

    # The second message runs to the end in the worker but changes nothing.
    ejecutar_en_el_worker(enviar_bienvenida.si(empleado.pk))
    assert Empleado.objects.get(pk=empleado.pk).bienvenida_enviada_en == primera
