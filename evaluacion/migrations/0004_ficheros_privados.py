import comun.ficheros
from django.db import migrations, models

from comun.ficheros import mover_a_privado


def mover(apps, schema_editor):
    """Existing files leave MEDIA_ROOT for private storage, under new random
    names (idempotent: a file already moved is left alone)."""
    mover_a_privado(apps.get_model("evaluacion", "Evaluacion"), "pdf", "evaluacion")


class Migration(migrations.Migration):

    dependencies = [
        ('evaluacion', '0003_recomendaciones'),
    ]

    operations = [
        migrations.AlterField(
            model_name='evaluacion',
            name='pdf',
            field=models.FileField(blank=True, storage=comun.ficheros.almacen_privado, upload_to=comun.ficheros.RutaPrivada('evaluacion'), verbose_name='PDF'),
        ),
        migrations.RunPython(mover, migrations.RunPython.noop),
    ]
