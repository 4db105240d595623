from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from .models import IDIOMAS_PERSONAL

TAMANO_MAXIMO = 10 * 1024 * 1024
EXTENSIONES = (".csv", ".txt", ".xlsx")


class ImportarPlantillaForm(forms.Form):
    fichero = forms.FileField(
        label=_("Fichero"),
        help_text=_(
            "CSV de Excel (UTF-8 con BOM o Windows-1252, separado por «;» o «,») "
            "o libro .xlsx, de hasta 10 MB."
        ),
    )
    tipo = forms.ChoiceField(
        label=_("Contenido"),
        choices=[
            ("auto", _("Deducirlo de las cabeceras o del nombre de cada hoja")),
            ("oficinas", _("Oficinas")),
            ("servicios", _("Servicios")),
            ("empleados", _("Empleados")),
        ],
        initial="auto",
    )
    simular = forms.BooleanField(
        label=_("Solo comprobar, sin guardar nada"),
        required=False,
    )

    def clean_fichero(self):
        fichero = self.cleaned_data["fichero"]
        if fichero.size > TAMANO_MAXIMO:
            raise forms.ValidationError(_("El fichero supera los 10 MB."))
        if not fichero.name.lower().endswith(EXTENSIONES):
            raise forms.ValidationError(
                _(
                    "Suba un fichero .csv o .xlsx (Excel: «Guardar como» CSV UTF-8 o libro de Excel)."
                )
            )
        return fichero


class AccesoForm(AuthenticationForm):
    """The sign-in form. Django sets the username's maxlength only on the widget:
    a longer name reached the backends and django-axes (whose column holds 255),
    so it is refused here, before authenticating, as any wrong sign-in is."""

    def clean(self):
        usuario = self.cleaned_data.get("username") or ""
        if len(usuario) > self.fields["username"].max_length:
            raise self.get_invalid_login_error()
        return super().clean()


class CodigoSegundoFactorForm(forms.Form):
    codigo = forms.CharField(
        label=_("Código"),
        max_length=16,
        help_text=_(
            "Los 6 dígitos de su aplicación de autenticación, o uno de sus "
            "códigos de recuperación."
        ),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}
        ),
    )

    def clean_codigo(self):
        codigo = "".join(self.cleaned_data["codigo"].split())
        if not codigo.isalnum() or not codigo.isascii():
            raise forms.ValidationError(_("El código solo tiene letras y cifras."))
        return codigo


class BuscarEmpleadoForm(forms.Form):
    q = forms.CharField(
        label=_("Nombre, apellidos o identificador"), max_length=100, strip=True
    )


class IdiomaForm(forms.Form):
    """The footer's language selector (staff pages, sign-in included)."""

    language = forms.ChoiceField(choices=IDIOMAS_PERSONAL)
    next = forms.CharField(required=False, max_length=2000)
