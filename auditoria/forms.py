"""The DPD's filters of the access log; an invalid filter is a 400 with its message."""

import re
from datetime import UTC, date, datetime, timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .models import AccesoDatos

# Cursor of the next page: the last row's date (epoch microseconds) and id.
_CURSOR = re.compile(r"^(\d{1,17})-(\d{1,18})$")


def _sin_controles(valor: str) -> str:
    if any(ord(c) < 32 or ord(c) == 127 for c in valor):
        raise ValidationError(_("El filtro contiene caracteres no válidos."))
    return valor


_EPOCA = datetime(1970, 1, 1, tzinfo=UTC)
_MICRO = timedelta(microseconds=1)
# Days outside this range cannot be in the log (and would overflow datetime).
_PRIMER_DIA, _ULTIMO_DIA = date(1970, 1, 1), date(9998, 12, 31)


def cursor(fecha: datetime, pk: int) -> str:
    return f"{(fecha - _EPOCA) // _MICRO}-{pk}"


_DIA = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class FiltroAccesosForm(forms.Form):
    desde = forms.DateField(label=_("Desde"), required=False, widget=_DIA)
    hasta = forms.DateField(label=_("Hasta"), required=False, widget=_DIA)
    usuario = forms.CharField(
        label=_("Usuario"), required=False, max_length=150, strip=True
    )
    sujeto = forms.CharField(
        label=_("Identificador de la persona"),
        required=False,
        max_length=30,
        strip=True,
    )
    categoria = forms.ChoiceField(
        label=_("Categoría"),
        required=False,
        choices=[("", _("Todas")), *AccesoDatos.Categoria.choices],
    )
    antes = forms.CharField(required=False, max_length=40, widget=forms.HiddenInput)

    def clean_usuario(self) -> str:
        return _sin_controles(self.cleaned_data["usuario"])

    def clean_sujeto(self) -> str:
        return _sin_controles(self.cleaned_data["sujeto"])

    def clean_antes(self) -> tuple[datetime, int] | None:
        valor = self.cleaned_data["antes"]
        if not valor:
            return None
        coincidencia = _CURSOR.match(valor)
        if coincidencia is None:
            raise ValidationError(_("Página no válida."))
        micro, pk = (int(x) for x in coincidencia.groups())
        # At most 17 digits: within datetime's range (year 5138).
        return _EPOCA + micro * _MICRO, pk

    def clean(self):
        datos = super().clean()
        desde, hasta = datos.get("desde"), datos.get("hasta")
        for dia in (desde, hasta):
            if dia and not _PRIMER_DIA <= dia <= _ULTIMO_DIA:
                raise ValidationError(_("Fecha fuera de rango."))
        if desde and hasta and desde > hasta:
            raise ValidationError(_("La fecha inicial es posterior a la final."))
        return datos

    def primer_error(self) -> str:
        return next(iter(e for errores in self.errors.values() for e in errores))

    def filtros(self) -> dict:
        return {
            clave: self.cleaned_data[clave]
            for clave in ("desde", "hasta", "usuario", "sujeto", "categoria")
        }
