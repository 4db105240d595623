"""StreamField blocks of a lesson. Block templates never query."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

from organizacion.models import Canal


class ImagenBlock(blocks.StructBlock):
    imagen = ImageChooserBlock(label=_("imagen"))
    texto_alternativo = blocks.CharBlock(
        label=_("texto alternativo"),
        max_length=250,
        help_text=_(
            "Describe lo que la imagen aporta; obligatorio para la accesibilidad."
        ),
    )
    pie = blocks.CharBlock(label=_("pie de imagen"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("Imagen")
        template = "formacion/blocks/imagen.html"


class VideoBlock(blocks.StructBlock):
    titulo = blocks.CharBlock(label=_("título"), max_length=200)
    embebido = EmbedBlock(label=_("vídeo incrustado (URL)"), required=False)
    archivo = DocumentChooserBlock(label=_("vídeo subido"), required=False)
    subtitulos = DocumentChooserBlock(label=_("subtítulos (WebVTT)"), required=False)
    transcripcion = blocks.RichTextBlock(
        label=_("transcripción"),
        help_text=_("Obligatoria: quien no puede oír el vídeo la lee."),
    )

    class Meta:
        icon = "media"
        label = _("Vídeo")
        template = "formacion/blocks/video.html"

    def clean(self, value):
        from django.core.exceptions import ValidationError
        from wagtail.blocks.struct_block import StructBlockValidationError

        resultado = super().clean(value)
        if not resultado.get("embebido") and not resultado.get("archivo"):
            raise StructBlockValidationError(
                block_errors={
                    "embebido": ValidationError(
                        _("Indica una URL o sube el archivo del vídeo.")
                    )
                }
            )
        return resultado


class DocumentoBlock(blocks.StructBlock):
    documento = DocumentChooserBlock(label=_("documento"))
    descripcion = blocks.CharBlock(
        label=_("descripción"), required=False, max_length=250
    )

    class Meta:
        icon = "doc-full"
        label = _("Documento")
        template = "formacion/blocks/documento.html"


class CasoPracticoBlock(blocks.StructBlock):
    canal = blocks.ChoiceBlock(choices=Canal.Codigo.choices, label=_("canal"))
    situacion = blocks.TextBlock(label=_("situación"))
    dice_la_persona = blocks.TextBlock(label=_("lo que dice la persona"))
    pregunta = blocks.TextBlock(label=_("pregunta para reflexionar"))
    buena_practica = blocks.RichTextBlock(label=_("buena práctica"))

    class Meta:
        icon = "group"
        label = _("Caso práctico")
        template = "formacion/blocks/caso_practico.html"


class RecuerdaBlock(blocks.StructBlock):
    texto = blocks.RichTextBlock(label=_("texto"))

    class Meta:
        icon = "warning"
        label = _("Recuerda")
        template = "formacion/blocks/recuerda.html"


class OpcionAutoevaluacionBlock(blocks.StructBlock):
    texto = blocks.CharBlock(label=_("opción"), max_length=300)
    correcta = blocks.BooleanBlock(label=_("correcta"), required=False)


class AutoevaluacionBlock(blocks.StructBlock):
    """A self-check, not graded: <details> reveals the answer (works without JS)."""

    pregunta = blocks.CharBlock(label=_("pregunta"), max_length=300)
    opciones = blocks.ListBlock(
        OpcionAutoevaluacionBlock(), label=_("opciones"), min_num=2
    )
    explicacion = blocks.RichTextBlock(label=_("explicación"))

    class Meta:
        icon = "help"
        label = _("Pregunta de autoevaluación")
        template = "formacion/blocks/autoevaluacion.html"


class CuerpoLeccionBlock(blocks.StreamBlock):
    texto = blocks.RichTextBlock(
        label=_("Texto"),
        features=["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"],
        template="formacion/blocks/texto.html",
    )
    imagen = ImagenBlock()
    video = VideoBlock()
    documento = DocumentoBlock()
    caso_practico = CasoPracticoBlock()
    recuerda = RecuerdaBlock()
    autoevaluacion = AutoevaluacionBlock()
