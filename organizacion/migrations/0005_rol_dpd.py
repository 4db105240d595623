from django.db import migrations

from organizacion.roles import conceder


def crear_rol(apps, schema_editor):
    conceder(apps, {"dpd": []})


def borrar_rol(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="dpd").delete()


class Migration(migrations.Migration):
    dependencies = [("organizacion", "0004_importacion")]

    operations = [migrations.RunPython(crear_rol, borrar_rol)]
