"""Production start-up checks.

With the manifest storage every `{% static %}` looks its file up in the manifest
that `collectstatic` writes: without it every page answers 500. The check is a
deployment check (`check --deploy`), so `migrate` and `collectstatic` itself still
run before the files are collected; the WSGI start-up runs it in production and
refuses to serve instead.
"""

from django.contrib.staticfiles.storage import (
    ManifestFilesMixin,
    staticfiles_storage,
)
from django.core.checks import Error, Tags, register

ETIQUETA = "arranque"


@register(Tags.staticfiles, ETIQUETA, deploy=True)
def manifiesto_de_estaticos(app_configs=None, **kwargs) -> list[Error]:
    if not isinstance(staticfiles_storage, ManifestFilesMixin):
        return []
    nombre = staticfiles_storage.manifest_name
    if staticfiles_storage.manifest_storage.exists(nombre):
        return []
    return [
        Error(
            f"Falta el manifiesto de estáticos ({staticfiles_storage.location}/{nombre}).",
            hint="Ejecute `python manage.py collectstatic --noinput` antes de arrancar.",
            id="ventanilla.E001",
        )
    ]


def comprobar_arranque() -> None:
    """Raise with every start-up error (the WSGI entry point calls it)."""
    from django.core import checks
    from django.core.exceptions import ImproperlyConfigured

    errores = [
        e
        for e in checks.run_checks(tags=[ETIQUETA], include_deployment_checks=True)
        if e.is_serious()
    ]
    if errores:
        raise ImproperlyConfigured("\n".join(f"{e.msg} {e.hint}" for e in errores))
