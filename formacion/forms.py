"""Forms of the public training pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import normalizar_codigo


class VerificarForm(forms.Form):
    """The verification code as people type it: the cleaned value is the code as
    printed, or None when it cannot be one (the view answers "not found")."""

    codigo = forms.CharField(
        label=_("Código seguro de verificación"), max_length=200, strip=True
    )

    def clean_codigo(self) -> str | None:
        return normalizar_codigo(self.cleaned_data["codigo"])
