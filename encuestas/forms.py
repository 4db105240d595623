"""Forms: the public survey's submit and the query-string filters of the staff
pages (results, comments, my feedback, alerts, exports)."""

from datetime import timedelta

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from organizacion.models import Canal

from .models import Alerta
from .permissions import oficinas_visibles
from .services import Envio


class TextoTalCual(forms.Field):
    """A text as sent ("" if absent), cut to `maximo` characters; never rejected:
    what it means is for the caller to decide. (Control characters never get
    here: comun.entradas answers 400 first.)"""

    def __init__(self, *, maximo: int | None = None, recortar: bool = False, **kw):
        super().__init__(required=False, **kw)
        self.maximo, self.recortar = maximo, recortar

    def __deepcopy__(self, memo):
        # Nothing in it changes per form: every form may share it (the public
        # survey's submit builds one per request, on its hot path).
        return self

    def to_python(self, valor) -> str:
        valor = valor or ""
        if self.recortar:
            valor = valor.strip()
        return valor[: self.maximo] if self.maximo else valor


class EnvioEncuestaForm(forms.Form):
    """A submit of the public survey (/e/<token>/). Nothing is rejected here: the
    answers are checked against the invitation's own survey by the service, and a
    step, language or survey id out of the ordinary only sends the submit down
    the careful path."""

    paso = TextoTalCual()
    idioma = TextoTalCual()
    encuesta = TextoTalCual()
    comentario = TextoTalCual(maximo=5000)
    contacto = TextoTalCual(maximo=254, recortar=True)

    def clean_encuesta(self) -> int | None:
        try:
            return int(self.cleaned_data["encuesta"])
        except ValueError:
            return None

    def envio(self) -> Envio:
        self.full_clean()
        datos = self.cleaned_data
        return Envio(
            paso=2 if datos["paso"] == "2" else 1,
            directo=datos["paso"] == "1",
            idioma=datos["idioma"],
            encuesta_id=datos["encuesta"],
            # The answers, by item code: the survey decides which codes count.
            datos={k: v for k, v in self.data.items() if k.isupper() and len(k) <= 20},
            comentario=datos["comentario"],
            contacto=datos["contacto"],
        )


class FechaDelFiltro(forms.Field):
    """A date as `parse_date` reads it: an unreadable value counts as absent (the
    page's default applies), a well-formed impossible date is an error."""

    def to_python(self, valor):
        try:
            return parse_date(valor or "")
        except ValueError as exc:
            raise ValidationError(_("Fecha no válida."), code="invalid") from exc


class FiltroForm(forms.Form):
    """Period, office and channel of a staff page, checked against the user's scope.

    The 400 page shows the first problem in the order of the fields (both dates,
    then the period, the office and the channel); an office outside the user's
    scope is a 403 (PermissionDenied) once the period is valid."""

    hasta = FechaDelFiltro(required=False)
    desde = FechaDelFiltro(required=False)
    oficina = TextoTalCual()
    canal = forms.ChoiceField(
        required=False,
        choices=Canal.Codigo.choices,
        error_messages={"invalid_choice": gettext_lazy("Canal no válido.")},
    )
    orden_de_los_errores = ("hasta", "desde", NON_FIELD_ERRORS, "oficina", "canal")

    def __init__(self, data, *, usuario):
        super().__init__(data)
        self.usuario = usuario
        self.visibles = None

    def clean_oficina(self) -> str:
        oficina = self.cleaned_data["oficina"]
        if oficina and not oficina.isdecimal():
            raise ValidationError(_("Oficina no válida."), code="invalid")
        return oficina

    def clean(self):
        datos = super().clean()
        if "hasta" not in datos or "desde" not in datos:
            return datos
        datos["hasta"] = datos["hasta"] or timezone.localdate()
        datos["desde"] = datos["desde"] or datos["hasta"] - timedelta(days=89)
        if datos["desde"] > datos["hasta"]:
            raise ValidationError(_("La fecha inicial es posterior a la final."))
        if (datos["hasta"] - datos["desde"]).days > 3 * 366:
            raise ValidationError(_("El periodo no puede superar tres años."))
        self.visibles = oficinas_visibles(self.usuario)
        oficina = datos.get("oficina")
        if oficina and self.visibles is not None and int(oficina) not in self.visibles:
            raise PermissionDenied
        return datos

    def primer_error(self) -> str:
        return next(
            self.errors[campo][0]
            for campo in self.orden_de_los_errores
            if campo in self.errors
        )

    def filtros(self) -> dict:
        """What the pages read: the period, the offices in scope (None: all), the
        channel code (None: all), the office as sent and the user's offices."""
        datos = self.cleaned_data
        return {
            "desde": datos["desde"],
            "hasta": datos["hasta"],
            "oficina_ids": [int(datos["oficina"])]
            if datos["oficina"]
            else self.visibles,
            "canal": datos["canal"] or None,
            "oficina": datos["oficina"],
            "visibles": self.visibles,
        }


class FiltroAlertasForm(FiltroForm):
    """The alerts list: the same filters and the alert's state."""

    estado = forms.ChoiceField(
        required=False,
        choices=Alerta.Estado.choices,
        error_messages={"invalid_choice": gettext_lazy("Estado no válido.")},
    )
    orden_de_los_errores = (*FiltroForm.orden_de_los_errores, "estado")

    def filtros(self) -> dict:
        return {**super().filtros(), "estado": self.cleaned_data["estado"] or None}
