from django.db import migrations


def cargar(apps, schema_editor):
    from formacion.datos_iniciales import cargar as cargar_datos

    cargar_datos(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("formacion", "0001_initial"),
        ("organizacion", "0002_datos_iniciales"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(cargar, migrations.RunPython.noop)]
