from django import forms
from django.utils.translation import gettext_lazy as _

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


class BuscarEmpleadoForm(forms.Form):
    q = forms.CharField(
        label=_("Nombre, apellidos o identificador"), max_length=100, strip=True
    )
