import comun.ficheros
from django.db import migrations, models

from comun.ficheros import mover_a_privado


def mover(apps, schema_editor):
    """Existing files leave MEDIA_ROOT for private storage, under new random
    names (idempotent: a file already moved is left alone)."""
    mover_a_privado(apps.get_model("mejora", "Informe"), "archivo", "mejora/informes")


class Migration(migrations.Migration):

    dependencies = [
        ('mejora', '0005_calculos_por_periodo'),
    ]

    operations = [
        migrations.AlterField(
            model_name='informe',
            name='archivo',
            field=models.FileField(blank=True, storage=comun.ficheros.almacen_privado, upload_to=comun.ficheros.RutaPrivada('mejora/informes')),
        ),
        migrations.RunPython(mover, migrations.RunPython.noop),
    ]
