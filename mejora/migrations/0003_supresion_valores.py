"""Rows stored before suppression at the source: below the indicator's minimum n
no value and no interval, and complementary suppression over the offices and the
channels of each period (the same rule as mejora.selectors.suprimir_valores).

Not reversible in data: recomputing the periods (services.recalcular_indicadores)
writes every row again from the sources."""

from collections import defaultdict

from django.db import migrations

from comun.supresion import suprimir_complementaria


def suprimir(apps, schema_editor):
    Indicador = apps.get_model("mejora", "Indicador")
    ValorIndicador = apps.get_model("mejora", "ValorIndicador")
    for ind in Indicador.objects.all():
        filas = list(ValorIndicador.objects.filter(indicador=ind))
        cambiadas = {}
        for v in filas:
            if v.n < ind.n_minimo and v.valor is not None:
                v.valor = v.ic_inf = v.ic_sup = None
                cambiadas[v.pk] = v
        if ind.selector != "manual":
            grupos = defaultdict(list)
            for v in filas:
                if v.ambito != "organizacion":
                    grupos[(v.periodo, v.ambito)].append(v)
            for grupo in grupos.values():
                celdas = suprimir_complementaria(
                    {
                        v.pk: {
                            "valor": v.valor,
                            "n": v.n,
                            "suprimido": v.valor is None and v.n > 0,
                        }
                        for v in grupo
                    }
                )
                for v in grupo:
                    if celdas[v.pk].get("complementaria"):
                        v.valor = v.ic_inf = v.ic_sup = None
                        cambiadas[v.pk] = v
        ValorIndicador.objects.bulk_update(
            list(cambiadas.values()), ["valor", "ic_inf", "ic_sup"], batch_size=1000
        )


class Migration(migrations.Migration):
    dependencies = [("mejora", "0002_datos_iniciales")]

    operations = [migrations.RunPython(suprimir, migrations.RunPython.noop)]
