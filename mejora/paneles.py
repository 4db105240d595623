"""Home-page panel: the in-app notice that a report is ready (plus the e-mail)."""

from .models import Informe


def panel_informes(request, empleado):
    recientes = list(
        Informe.objects.select_related("modelo", "oficina")
        .filter(
            estado__in=[
                Informe.Estado.LISTO,
                Informe.Estado.APROBADO,
                Informe.Estado.GENERANDO,
                Informe.Estado.PENDIENTE,
            ]
        )
        .order_by("-solicitado_en", "-pk")[:5]
    )
    return {"informes": recientes}
