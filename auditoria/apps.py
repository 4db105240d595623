from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditoriaConfig(AppConfig):
    name = "auditoria"
    verbose_name = _("Registro de accesos")

    def ready(self):
        from organizacion.models import Rol
        from organizacion.navegacion import registrar_item
        from organizacion.signals import datos_exportados

        registrar_item(
            _("Registro de accesos"), "auditoria:registro", {Rol.DPD}, orden=95
        )
        datos_exportados.connect(_exportacion_rgpd, dispatch_uid="auditoria-rgpd")


def _exportacion_rgpd(sender, request, empleado, **kwargs):
    """Someone's whole personal-data ZIP, downloaded by another (the DPD): an
    export of their data. One's own is not logged (registrar_acceso)."""
    from .models import AccesoDatos
    from .services import registrar_acceso

    registrar_acceso(
        request,
        categoria=AccesoDatos.Categoria.EXPORTACION,
        accion=AccesoDatos.Accion.EXPORTAR,
        objeto=empleado,
        sujeto=empleado,
    )
