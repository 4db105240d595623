"""Helpers for data migrations that give roles (groups) their model permissions."""

from django.contrib.auth.management import create_permissions


def asegurar_permisos(apps, etiquetas_app) -> None:
    """Create the permissions of these apps now: post_migrate has not run yet
    when a data migration runs on a fresh database."""
    for etiqueta in etiquetas_app:
        app_config = apps.get_app_config(etiqueta)
        historico = getattr(app_config, "models_module", None) is None
        if historico:
            app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        if historico:
            app_config.models_module = None


def conceder(apps, permisos_por_rol: dict[str, list[str]]) -> None:
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for rol, permisos in permisos_por_rol.items():
        grupo, _ = Group.objects.get_or_create(name=rol)
        for nombre in permisos:
            app_label, codename = nombre.split(".")
            permiso = Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if permiso is None:
                raise LookupError(f"No existe el permiso {nombre}")
            grupo.permissions.add(permiso)
