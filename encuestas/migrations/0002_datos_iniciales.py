from django.db import migrations

from encuestas.datos_iniciales import cargar


class Migration(migrations.Migration):
    dependencies = [
        ("encuestas", "0001_initial"),
        ("organizacion", "0002_datos_iniciales"),
    ]

    operations = [migrations.RunPython(cargar, migrations.RunPython.noop)]
