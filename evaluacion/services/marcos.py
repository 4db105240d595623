"""Competency frameworks: a version is frozen once a campaign uses it, and a
new editable version copies its scale, wording and descriptors."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from organizacion.models import (
    CompetenciaMarco,
    DescriptorNivel,
    MarcoCompetencial,
    NivelEscala,
)


def congelar_marco(*, marco: MarcoCompetencial) -> MarcoCompetencial:
    """Freeze a framework version: evaluations point at its wording from now on."""
    if marco.congelado_en is None:
        MarcoCompetencial.objects.filter(pk=marco.pk, congelado_en__isnull=True).update(
            congelado_en=timezone.now()
        )
        marco.refresh_from_db(fields=["congelado_en"])
    return marco


@transaction.atomic
def nueva_version_marco(*, marco: MarcoCompetencial) -> MarcoCompetencial:
    """Copy scale, wording and descriptors into a new, editable version.

    The new version becomes the current one when the copied one was current.
    """
    ultima = (
        MarcoCompetencial.objects.filter(nombre=marco.nombre)
        .order_by("-version")
        .first()
    )
    era_vigente = marco.vigente
    if era_vigente:
        MarcoCompetencial.objects.filter(pk=marco.pk).update(vigente=False)
    nuevo = MarcoCompetencial.objects.create(
        nombre=marco.nombre, version=ultima.version + 1, vigente=era_vigente
    )
    NivelEscala.objects.bulk_create(
        NivelEscala(
            marco=nuevo, valor=n.valor, etiqueta=n.etiqueta, es_estandar=n.es_estandar
        )
        for n in marco.niveles.all()
    )
    for cm in marco.competencias.prefetch_related("descriptores"):
        copia = CompetenciaMarco.objects.create(
            marco=nuevo,
            competencia_id=cm.competencia_id,
            nombre=cm.nombre,
            definicion=cm.definicion,
            orden=cm.orden,
        )
        DescriptorNivel.objects.bulk_create(
            DescriptorNivel(
                competencia_marco=copia, nivel=d.nivel, descriptor=d.descriptor
            )
            for d in cm.descriptores.all()
        )
    return nuevo


def escala_de(marco: MarcoCompetencial) -> tuple[int, int]:
    valores = list(marco.niveles.values_list("valor", flat=True))
    if not valores:
        raise ValidationError(_("El marco competencial no tiene escala de niveles."))
    return min(valores), max(valores)
