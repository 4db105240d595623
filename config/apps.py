from django.apps import AppConfig


class ArranqueConfig(AppConfig):
    """Registers the start-up checks of config/checks.py and starts Wagtail's
    choosers without inline scripts (config.wagtail_hooks)."""

    name = "config"
    label = "arranque"

    def ready(self):
        from comun import idioma  # noqa: F401 (its sign-in receiver registers on import)

        from . import checks  # noqa: F401 (checks register on import)
        from .wagtail_hooks import choosers_sin_scripts_en_linea

        choosers_sin_scripts_en_linea()
