"""Data every installation starts with: channels, the default competency
framework (version 1) and the roles with their permissions.

Idempotent. Used by the data migration and, in tests, to restore what a
transactional test's flush removed.
"""

from organizacion.datos.competencias import (
    CANALES,
    COMPETENCIAS,
    ESCALA,
    FUENTES,
    PERMISOS_ROLES,
)
from organizacion.roles import asegurar_permisos, conceder


def cargar(apps, schema_editor=None):
    Canal = apps.get_model("organizacion", "Canal")
    Competencia = apps.get_model("organizacion", "Competencia")
    Marco = apps.get_model("organizacion", "MarcoCompetencial")
    NivelEscala = apps.get_model("organizacion", "NivelEscala")
    CompetenciaMarco = apps.get_model("organizacion", "CompetenciaMarco")
    DescriptorNivel = apps.get_model("organizacion", "DescriptorNivel")

    canales = {}
    for codigo, nombre, orden in CANALES:
        canales[codigo], _ = Canal.objects.update_or_create(
            codigo=codigo, defaults={"nombre": nombre, "orden": orden}
        )

    marco, creado = Marco.objects.get_or_create(
        nombre="Atención a la ciudadanía", version=1, defaults={"vigente": True}
    )
    if creado:
        for valor, etiqueta, estandar in ESCALA:
            NivelEscala.objects.create(
                marco=marco, valor=valor, etiqueta=etiqueta, es_estandar=estandar
            )
    for orden, datos in enumerate(COMPETENCIAS, start=1):
        competencia, _ = Competencia.objects.update_or_create(
            codigo=datos["codigo"],
            defaults={
                "nombre": datos["nombre"],
                "orden": orden,
                "fuentes_evidencia": FUENTES,
                "drivers_encuesta": datos["drivers"],
            },
        )
        if set(datos["canales"]) != {c for c, _n, _o in CANALES}:
            competencia.canales.set([canales[c] for c in datos["canales"]])
        if creado:
            cm = CompetenciaMarco.objects.create(
                marco=marco,
                competencia=competencia,
                nombre=datos["nombre"],
                orden=orden,
            )
            DescriptorNivel.objects.bulk_create(
                DescriptorNivel(competencia_marco=cm, nivel=n, descriptor=texto)
                for n, texto in enumerate(datos["niveles"], start=1)
            )

    asegurar_permisos(apps, ["organizacion"])
    conceder(apps, PERMISOS_ROLES)
