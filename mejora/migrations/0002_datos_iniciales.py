from django.db import migrations

from mejora.datos_iniciales import cargar


class Migration(migrations.Migration):
    dependencies = [
        ("mejora", "0001_initial"),
        ("organizacion", "0002_datos_iniciales"),
    ]

    operations = [migrations.RunPython(cargar, migrations.RunPython.noop)]
