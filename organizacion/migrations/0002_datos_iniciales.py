from django.db import migrations

from organizacion.datos_iniciales import cargar


class Migration(migrations.Migration):
    dependencies = [
        ("organizacion", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(cargar, migrations.RunPython.noop)]
