import comun.ficheros
from django.db import migrations, models

from comun.ficheros import mover_a_privado


def mover(apps, schema_editor):
    """Existing files leave MEDIA_ROOT for private storage, under new random
    names (idempotent: a file already moved is left alone)."""
    mover_a_privado(apps.get_model("formacion", "Certificado"), "pdf", "formacion/certificados")
    mover_a_privado(apps.get_model("formacion", "Expediente"), "pdf", "formacion/expedientes")
    mover_a_privado(apps.get_model("formacion", "FormacionExterna"), "evidencia", "formacion/externa")


class Migration(migrations.Migration):

    dependencies = [
        ('formacion', '0005_latido'),
    ]

    operations = [
        migrations.AlterField(
            model_name='certificado',
            name='pdf',
            field=models.FileField(blank=True, storage=comun.ficheros.almacen_privado, upload_to=comun.ficheros.RutaPrivada('formacion/certificados'), verbose_name='PDF'),
        ),
        migrations.AlterField(
            model_name='expediente',
            name='pdf',
            field=models.FileField(blank=True, storage=comun.ficheros.almacen_privado, upload_to=comun.ficheros.RutaPrivada('formacion/expedientes'), verbose_name='PDF'),
        ),
        migrations.AlterField(
            model_name='formacionexterna',
            name='evidencia',
            field=models.FileField(storage=comun.ficheros.almacen_privado, upload_to=comun.ficheros.RutaPrivada('formacion/externa'), verbose_name='evidencia'),
        ),
        migrations.RunPython(mover, migrations.RunPython.noop),
    ]
