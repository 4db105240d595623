from django.apps import AppConfig


class ArranqueConfig(AppConfig):
    """Registers the start-up checks of config/checks.py."""

    name = "config"
    label = "arranque"

    def ready(self):
        from . import checks  # noqa: F401 (checks register on import)
