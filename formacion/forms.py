"""Forms of the training screens: what each one accepts and the messages it gives.
Views bind one, then call one service or selector with its cleaned data."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from organizacion.models import Canal, Empleado, Oficina, Puesto

from .models import CursoPage, FormacionExterna, normalizar_codigo


class VerificarForm(forms.Form):
    """The verification code as people type it: the cleaned value is the code as
    printed, or None when it cannot be one (the view answers "not found")."""

    codigo = forms.CharField(
        label=_("Código seguro de verificación"), max_length=200, strip=True
    )

    def clean_codigo(self) -> str | None:
        return normalizar_codigo(self.cleaned_data["codigo"])


class _FiltroForm(forms.Form):
    """Query-string filters: a value that does not validate is ignored, as if it
    had not been given (None)."""

    def filtros(self) -> dict:
        self.is_valid()
        return {campo: self.cleaned_data.get(campo) for campo in self.fields}


class FiltroCatalogoForm(_FiltroForm):
    canal = forms.ChoiceField(choices=Canal.Codigo.choices, required=False)
    competencia = forms.CharField(required=False, strip=False)
    obligatorio = forms.ChoiceField(
        choices=[("si", _("Obligatorios")), ("no", _("Voluntarios"))],
        required=False,
    )


class FiltroEquipoForm(_FiltroForm):
    """The office only narrows the scope of whoever sees the whole organisation."""

    oficina = forms.IntegerField(required=False, min_value=0)
    fuera_de_plazo = forms.BooleanField(required=False)


class RespuestasIntentoForm(forms.Form):
    """A quiz attempt's answers: one `p<question id>` key per drawn question with
    the chosen option ids. Whether those ids belong to the attempt is the scoring
    service's check, so every `p<n>` key is passed on."""

    def clean(self):
        respuestas: dict[int, list[int]] = {}
        for clave in self.data:
            if clave.startswith("p") and clave[1:].isdigit():
                try:
                    respuestas[int(clave[1:])] = [
                        int(v) for v in self.data.getlist(clave)
                    ]
                except ValueError:
                    raise ValidationError(
                        _("Las respuestas deben ser identificadores numéricos.")
                    ) from None
        return {"respuestas": respuestas}


class RevocarForm(forms.Form):
    """Revoke a certificate, or reissue it with a new code. The service checks the
    reason (and says what is missing)."""

    motivo = forms.CharField(required=False, strip=False)
    accion = forms.CharField(required=False)

    @property
    def reemitir(self) -> bool:
        return self.cleaned_data.get("accion") == "reemitir"


class AsignarForm(forms.Form):
    """Assign a course by criteria. Offices, channels and jobs are offered (and
    accepted) only where the person's scope has someone: any other choice would
    enrol nobody. A supervisor always assigns within her own team. The messages
    name the field, as the screen has always said them."""

    curso = forms.CharField(required=False)
    oficina = forms.CharField(required=False)
    canal = forms.CharField(required=False)
    puesto = forms.CharField(required=False)
    solo_mi_equipo = forms.BooleanField(required=False)
    plazo = forms.DateField(
        required=False,
        input_formats=["%Y-%m-%d"],
        error_messages={"invalid": _("La fecha límite no es una fecha válida.")},
    )
    obligatoria = forms.BooleanField(required=False)
    permanente = forms.BooleanField(required=False)
    nombre = forms.CharField(required=False)

    def __init__(self, *args, ambito, propio, es_calidad: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.propio, self.es_calidad = propio, es_calidad
        self.cursos = list(
            CursoPage.objects.live().defer_streamfields().order_by("title")
        )
        self.oficinas = Oficina.objects.activas()
        self.canales = Canal.objects.all()
        self.puestos = Puesto.objects.all()
        if ambito is not None:
            personas = Empleado.objects.filter(pk__in=ambito)
            self.oficinas = self.oficinas.filter(pk__in=personas.values("oficina_id"))
            self.canales = self.canales.filter(pk__in=personas.values("canales"))
            self.puestos = self.puestos.filter(pk__in=personas.values("puesto_id"))

    def _por_id(self, campo, modelo, opciones=None, fuera_de_opciones=None):
        valor = self.cleaned_data[campo]
        if not valor:
            return None
        if not valor.isdecimal():
            raise ValidationError(_("Valor no válido en %(c)s.") % {"c": campo})
        objeto = modelo.objects.filter(pk=int(valor)).first()
        if objeto is None:
            raise ValidationError(
                _("No existe el elemento elegido en %(c)s.") % {"c": campo}
            )
        if opciones is not None and not opciones.filter(pk=objeto.pk).exists():
            raise ValidationError(fuera_de_opciones % {"x": objeto})
        return objeto

    def clean_curso(self):
        curso = self._por_id("curso", CursoPage)
        if curso is None:
            raise ValidationError(_("Elige un curso."))
        return curso

    def clean_oficina(self):
        return self._por_id(
            "oficina",
            Oficina,
            self.oficinas,
            _("La oficina «%(x)s» no tiene personas de tu equipo."),
        )

    def clean_canal(self):
        return self._por_id(
            "canal",
            Canal,
            self.canales,
            _("Nadie de tu equipo atiende el canal «%(x)s»."),
        )

    def clean_puesto(self):
        return self._por_id(
            "puesto",
            Puesto,
            self.puestos,
            _("Nadie de tu equipo ocupa el puesto «%(x)s»."),
        )

    def clean(self):
        datos = super().clean()
        quiere_su_equipo = datos.get("solo_mi_equipo") or not self.es_calidad
        datos["equipo_de"] = self.propio if quiere_su_equipo else None
        return datos

    def errores(self) -> list[str]:
        """Every message in the order of the fields, for the list on the page."""
        return [m for mensajes in self.errors.values() for m in mensajes]


class FormacionExternaForm(forms.ModelForm):
    """External training with its evidence, for someone within the scope."""

    class Meta:
        model = FormacionExterna
        fields = [
            "empleado",
            "titulo",
            "entidad",
            "horas",
            "modalidad",
            "fecha_inicio",
            "fecha_fin",
            "evidencia",
        ]
        widgets = {
            "fecha_inicio": forms.DateInput(attrs={"type": "date"}),
            "fecha_fin": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, ambito=None, **kwargs):
        super().__init__(*args, **kwargs)
        personas = Empleado.objects.activos().order_by("apellidos", "nombre")
        if ambito is not None:
            personas = personas.filter(pk__in=ambito)
        self.fields["empleado"].queryset = personas

    def clean(self):
        datos = super().clean()
        inicio, fin = datos.get("fecha_inicio"), datos.get("fecha_fin")
        if inicio and fin and fin < inicio:
            self.add_error(
                "fecha_fin", _("La finalización no puede ser anterior al inicio.")
            )
        return datos
