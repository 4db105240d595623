"""Data every installation starts with: EFQM 2020 and CAF 2020, their scoring
panels, the built-in indicators and the roles' permissions on mejora.

Idempotent; works with the historical and the real app registry.
"""

from mejora.datos.modelos import (
    CAF_2020,
    EFQM_2020,
    INDICADORES,
    PANELES_CAF,
    PANELES_EFQM,
)
from organizacion.roles import asegurar_permisos, conceder

_MODELOS = (
    "modelocalidad",
    "indicador",
    "metaindicador",
    "valormanual",
    "cartaservicios",
    "compromiso",
    "accionmejora",
    "planmejora",
    "hallazgo",
    "autoevaluacion",
    "informe",
)
PERMISOS_ROLES = {
    "direccion": [f"mejora.view_{m}" for m in _MODELOS],
    "calidad": [f"mejora.{a}_{m}" for m in _MODELOS for a in ("view", "add", "change")],
}


def _modelo(apps, codigo, nombre, version, reglas, total):
    Modelo = apps.get_model("mejora", "ModeloCalidad")
    modelo, _ = Modelo.objects.update_or_create(
        codigo=codigo,
        version=version,
        defaults={"nombre": nombre, "reglas": reglas, "puntos_totales": total},
    )
    return modelo


def cargar(apps, schema_editor=None):
    Criterio = apps.get_model("mejora", "Criterio")
    Subcriterio = apps.get_model("mejora", "Subcriterio")
    Panel = apps.get_model("mejora", "PanelPuntuacion")
    Indicador = apps.get_model("mejora", "Indicador")

    efqm = _modelo(apps, "EFQM", "Modelo EFQM", "2020", "pesos", 1000)
    criterios = {"EFQM": {}, "CAF": {}}
    subcriterios = {"EFQM": {}, "CAF": {}}
    for orden, (ident, titulo, bloque, tipo, puntos, partes) in enumerate(EFQM_2020, 1):
        c, _ = Criterio.objects.update_or_create(
            modelo=efqm,
            identificador=ident,
            defaults={
                "titulo": titulo,
                "bloque": bloque,
                "tipo": tipo,
                "puntos": puntos,
                "orden": orden,
            },
        )
        criterios["EFQM"][ident] = c
        for o, (pid, ptitulo, ppuntos) in enumerate(partes, 1):
            subcriterios["EFQM"][pid], _ = Subcriterio.objects.update_or_create(
                criterio=c,
                identificador=pid,
                defaults={"titulo": ptitulo, "puntos": ppuntos, "orden": o},
            )

    caf = _modelo(apps, "CAF", "Marco Común de Evaluación (CAF)", "2020", "medias", 100)
    for orden, (ident, titulo, bloque, tipo, subs) in enumerate(CAF_2020, 1):
        c, _ = Criterio.objects.update_or_create(
            modelo=caf,
            identificador=ident,
            defaults={
                "titulo": titulo,
                "bloque": bloque,
                "tipo": tipo,
                "puntos": None,
                "orden": orden,
            },
        )
        criterios["CAF"][ident] = c
        for o, (sid, stitulo) in enumerate(subs, 1):
            subcriterios["CAF"][sid], _ = Subcriterio.objects.update_or_create(
                criterio=c,
                identificador=sid,
                defaults={"titulo": stitulo, "puntos": None, "orden": o},
            )

    for modelo, paneles in ((caf, PANELES_CAF), (efqm, PANELES_EFQM)):
        for orden, (tipo, atributo, desde, hasta, etiqueta) in enumerate(paneles, 1):
            Panel.objects.update_or_create(
                modelo=modelo,
                tipo=tipo,
                atributo=atributo,
                desde=desde,
                defaults={"hasta": hasta, "etiqueta": etiqueta, "orden": orden},
            )

    for orden, fila in enumerate(INDICADORES, 1):
        (
            codigo,
            nombre,
            unidad,
            direccion,
            fuente,
            selector,
            parametros,
            n_minimo,
            por_canal,
            clave,
            caf_ids,
            efqm_ids,
        ) = fila
        indicador, creado = Indicador.objects.get_or_create(
            codigo=codigo,
            defaults={
                "nombre": nombre,
                "unidad": unidad,
                "direccion": direccion,
                "fuente": fuente,
                "selector": selector,
                "parametros": parametros,
                "n_minimo": n_minimo,
                "por_canal": por_canal,
                "clave": clave,
                "orden": orden,
            },
        )
        if creado:
            # Only on creation: quality staff may re-link indicators afterwards.
            indicador.subcriterios.set([subcriterios["CAF"][i] for i in caf_ids])
            indicador.criterios.set(
                [criterios["EFQM"][i] for i in efqm_ids]
                + sorted(
                    {subcriterios["CAF"][i].criterio for i in caf_ids},
                    key=lambda c: c.orden,
                )
            )

    asegurar_permisos(apps, ["mejora"])
    conceder(apps, PERMISOS_ROLES)
