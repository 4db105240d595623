from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EncuestasConfig(AppConfig):
    name = "encuestas"
    verbose_name = _("Encuestas")

    def ready(self):
        from organizacion.navegacion import registrar_item

        registrar_item(
            _("Resultados de encuestas"),
            "encuestas:resultados",
            ["supervisor", "direccion", "calidad"],
            40,
        )
        registrar_item(
            _("Alertas"),
            "encuestas:alertas",
            ["supervisor", "direccion", "calidad"],
            41,
        )
        registrar_item(_("Mi valoración"), "encuestas:mi_valoracion", ["empleado"], 42)
        registrar_item(_("Invitar a valorar"), "encuestas:invitar", ["empleado"], 43)

        from . import checks, conservacion, paneles  # noqa: F401 (checks register on import)

        paneles.registrar()
        conservacion.registrar_politicas()
        self._olvidar_claves_cambiadas()

    def _olvidar_claves_cambiadas(self):
        """A key edited in the admin (deactivated, deleted, offices or channels
        changed) takes effect on the API's next request, not when its cached
        copy expires."""
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from .models import IntegracionAPI
        from .services.integraciones import olvidar_integracion_en_cache

        def olvidar(sender, instance, **kwargs):
            olvidar_integracion_en_cache(integracion=instance)

        def olvidar_alcance(sender, instance, action, reverse, pk_set, **kwargs):
            if action not in ("post_add", "post_remove", "pre_clear"):
                return
            if not reverse:
                integraciones = [instance]
            elif pk_set is not None:
                integraciones = IntegracionAPI.objects.filter(pk__in=pk_set)
            else:  # an office or channel cleared of all its integrations: a few
                integraciones = IntegracionAPI.objects.all()
            for integracion in integraciones:
                olvidar_integracion_en_cache(integracion=integracion)

        uid = "encuestas.olvidar_integracion"
        post_save.connect(olvidar, sender=IntegracionAPI, dispatch_uid=uid)
        post_delete.connect(olvidar, sender=IntegracionAPI, dispatch_uid=uid)
        for relacion in (IntegracionAPI.oficinas, IntegracionAPI.canales):
            m2m_changed.connect(
                olvidar_alcance, sender=relacion.through, dispatch_uid=uid
            )
