"""Calidad configures campaigns; it never reads individual evaluations (levels,
comments, appeals, decisions), in the app or in the admin: its group loses
every permission on them that earlier installs granted."""

from django.db import migrations

MODELOS_PERSONALES = (
    "evaluacion",
    "puntuacion",
    "auditoriaevaluacion",
    "recordatorioevaluador",
    "recomendacioncurso",
)


def quitar(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    grupo = Group.objects.filter(name="calidad").first()
    if grupo is None:
        return
    grupo.permissions.remove(
        *Permission.objects.filter(
            content_type__app_label="evaluacion",
            content_type__model__in=MODELOS_PERSONALES,
        )
    )


def devolver(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    grupo = Group.objects.filter(name="calidad").first()
    permiso = Permission.objects.filter(
        content_type__app_label="evaluacion", codename="view_evaluacion"
    ).first()
    if grupo is not None and permiso is not None:
        grupo.permissions.add(permiso)


class Migration(migrations.Migration):
    dependencies = [
        ("evaluacion", "0004_ficheros_privados"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(quitar, devolver)]
