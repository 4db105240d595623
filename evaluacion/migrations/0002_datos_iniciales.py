from django.db import migrations

from evaluacion.datos_iniciales import cargar


class Migration(migrations.Migration):
    dependencies = [
        ("evaluacion", "0001_inicial"),
        ("organizacion", "0002_datos_iniciales"),
    ]

    operations = [migrations.RunPython(cargar, migrations.RunPython.noop)]
