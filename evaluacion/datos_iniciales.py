"""Quality staff configure campaigns and the holiday calendar in the admin."""

from organizacion.roles import asegurar_permisos, conceder

PERMISOS = {
    "calidad": [
        "evaluacion.add_campana",
        "evaluacion.change_campana",
        "evaluacion.view_campana",
        "evaluacion.add_festivo",
        "evaluacion.change_festivo",
        "evaluacion.delete_festivo",
        "evaluacion.view_festivo",
    ],
}


def cargar(apps, schema_editor=None):
    asegurar_permisos(apps, ["evaluacion"])
    conceder(apps, PERMISOS)
