from datetime import date, timedelta

import factory
from django.utils import timezone

from evaluacion.models import Campana, Festivo
from organizacion.models import MarcoCompetencial

__all__ = ["CampanaFactory", "FestivoFactory", "marco_vigente"]


def marco_vigente() -> MarcoCompetencial:
    return MarcoCompetencial.objects.get(vigente=True)


class CampanaFactory(factory.django.DjangoModelFactory):
    """An annual campaign whose stages run around today (open-able now)."""

    class Meta:
        model = Campana
        skip_postgeneration_save = True

    nombre = factory.Sequence(lambda n: f"Evaluación anual {2000 + n}")
    marco = factory.LazyFunction(marco_vigente)
    periodo_inicio = factory.LazyFunction(
        lambda: date(timezone.localdate().year - 1, 1, 1)
    )
    periodo_fin = factory.LazyFunction(
        lambda: date(timezone.localdate().year - 1, 12, 31)
    )
    fecha_apertura = factory.LazyFunction(timezone.localdate)
    con_autoevaluacion = False
    autoevaluacion_hasta = None
    evaluacion_hasta = factory.LazyFunction(
        lambda: timezone.localdate() + timedelta(days=30)
    )
    dias_alegaciones = 10

    @factory.post_generation
    def oficinas(self, create, extracted, **kwargs):
        if create and extracted:
            self.oficinas.set(extracted)

    @factory.post_generation
    def puestos(self, create, extracted, **kwargs):
        if create and extracted:
            self.puestos.set(extracted)


class FestivoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Festivo

    nombre = "Festivo"
    ambito = Festivo.Ambito.NACIONAL
