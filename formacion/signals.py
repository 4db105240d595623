"""Newcomers matched by a standing assignment rule are enrolled automatically.

A decoupled side effect of creating an employee (or changing their channels):
the import and the admin need no change. It runs after commit, once the
employee's channels have been saved too.
"""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_save
from django.dispatch import receiver

from organizacion.models import Empleado


def _aplicar_despues(empleado_id: int) -> None:
    from .services import aplicar_reglas_a_empleado

    transaction.on_commit(lambda: aplicar_reglas_a_empleado(empleado_id=empleado_id))


@receiver(post_save, sender=Empleado, dispatch_uid="formacion_reglas_alta")
def empleado_creado(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        _aplicar_despues(instance.pk)


@receiver(
    m2m_changed,
    sender=Empleado.canales.through,
    dispatch_uid="formacion_reglas_canales",
)
def canales_cambiados(sender, instance, action, reverse=False, **kwargs):
    if action == "post_add" and not reverse:
        _aplicar_despues(instance.pk)
