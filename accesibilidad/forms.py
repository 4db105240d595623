from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Comunicacion

TIPOS = [c for c, _etiqueta in Comunicacion.Tipo.choices]


class ComunicacionForm(forms.Form):
    """The citizen's form, labelled and with its errors in the page's language
    (`t`, accesibilidad.textos)."""

    tipo = forms.ChoiceField(choices=[(c, c) for c in TIPOS], widget=forms.RadioSelect)
    pagina = forms.CharField(max_length=300, required=False)
    descripcion = forms.CharField(max_length=4000, widget=forms.Textarea)
    correo = forms.EmailField(max_length=254, required=False)

    def __init__(self, *args, t: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tipo"].choices = [(c, t[f"tipo_{c}"]) for c in TIPOS]
        for nombre, campo in self.fields.items():
            campo.label = t[nombre]
            campo.error_messages = {
                "required": t["obligatorio"],
                "invalid_choice": t["opcion_no_valida"],
                "invalid": t["correo_no_valido"],
                "max_length": t["demasiado_largo"].replace(
                    "{max}", str(getattr(campo, "max_length", ""))
                ),
            }
        self.fields["pagina"].help_text = t["pagina_ayuda"]
        self.fields["descripcion"].help_text = t["descripcion_ayuda"]
        self.fields["correo"].help_text = t["correo_ayuda"]
        self.fields["correo"].widget.attrs["autocomplete"] = "email"


class RespuestaForm(forms.Form):
    respuesta = forms.CharField(
        label=_("Respuesta"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Se guarda con la comunicación y, si la persona dejó un correo, se le envía."
        ),
    )


class FiltroComunicacionesForm(forms.Form):
    estado = forms.ChoiceField(
        label=_("Estado"),
        required=False,
        choices=[("", _("Todas")), *Comunicacion.Estado.choices],
    )
