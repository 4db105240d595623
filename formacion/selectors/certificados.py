"""Certificate reads for the public verification page."""

from datetime import datetime

from comun.latido import caducado, limite

from ..models import Certificado, normalizar_codigo


def pdf_certificado_interrumpido(
    certificado: Certificado, ahora: datetime | None = None
) -> bool:
    """No PDF yet, and its generation stopped beating (or never started although
    the certificate was issued longer ago than the threshold)."""
    if certificado.pdf:
        return False
    if certificado.latido is None:
        return certificado.emitido_en < limite(ahora)
    return caducado(certificado.latido, ahora)


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
