"""How a question looks to the citizen: the answer options and end labels of an
item version in one language. The public survey and the editor's phone preview
both build their questions here, so the preview cannot drift from the survey."""

from .models import ItemVersion
from .textos import texto


def pregunta_para_ciudadania(
    version: ItemVersion,
    idioma: str,
    *,
    obligatoria: bool,
    valor: str = "",
    error: str | None = None,
) -> dict:
    opciones = []
    if version.escala and version.tipo != ItemVersion.Tipo.CONTACTO:
        minimo, maximo = version.escala
        if version.tipo == ItemVersion.Tipo.ELECCION:
            opciones = [
                (i, op.get(idioma) or op.get("es"))
                for i, op in enumerate(version.opciones)
            ]
        elif version.tipo in (ItemVersion.Tipo.SI_NO, ItemVersion.Tipo.PULGAR):
            opciones = [(1, texto(idioma, "si")), (0, texto(idioma, "no"))]
        else:
            opciones = [(v, str(v)) for v in range(minimo, maximo + 1)]
    extremos = None
    if version.tipo in (ItemVersion.Tipo.ESCALA_1_5, ItemVersion.Tipo.ESCALA_1_7):
        extremos = (texto(idioma, "desacuerdo"), texto(idioma, "acuerdo"))
    elif version.tipo == ItemVersion.Tipo.ESCALA_0_10:
        extremos = (texto(idioma, "nada_probable"), texto(idioma, "muy_probable"))
    return {
        "codigo": version.item.codigo,
        "tipo": version.tipo,
        "texto": version.texto(idioma),
        "obligatoria": obligatoria,
        "opciones": opciones,
        "extremos": extremos,
        "valor": valor,
        "error": error,
    }
