"""Certificate reads for the public verification page."""

from ..models import Certificado, normalizar_codigo


def certificado_por_codigo(codigo: str) -> Certificado | None:
    """The certificate with that code, however it was typed (see
    `normalizar_codigo`); None when there is none."""
    normalizado = normalizar_codigo(codigo)
    if normalizado is None:
        return None
    return (
        Certificado.objects.select_related("sustituye_a")
        .filter(codigo=normalizado)
        .first()
    )
