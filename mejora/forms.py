from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from organizacion.models import Canal, Empleado, Oficina

from . import selectors
from .models import (
    AccionMejora,
    Ambito,
    CartaServicios,
    Compromiso,
    Hallazgo,
    Indicador,
    Informe,
    ModeloCalidad,
    PlanMejora,
    Subcriterio,
)
from .periodos import Periodo


class PeriodoField(forms.CharField):
    def clean(self, value):
        value = super().clean(value)
        if value:
            Periodo.de(value)
        return value


class FiltroForm(forms.Form):
    """The query string of the dashboard, an indicator and the findings:
    ?periodo=2026-Q2&ambito=oficina:12 (or canal:presencial, or organizacion)."""

    periodo = forms.CharField(required=False, strip=False)
    ambito = forms.CharField(required=False, strip=False)

    def clean_periodo(self) -> Periodo:
        """The period asked for, else the last quarter with data, else the
        previous quarter."""
        if clave := self.cleaned_data["periodo"]:
            return Periodo.de(clave)
        return (
            selectors.ultimo_periodo_con_datos()
            or Periodo.trimestre_de(timezone.localdate()).anterior
        )

    def clean_ambito(self) -> tuple[str, str]:
        """(key, label) of the scope."""
        clave = self.cleaned_data["ambito"] or "organizacion"
        if clave == "organizacion":
            return clave, _("Toda la organización")
        tipo, _sep, valor = clave.partition(":")
        if tipo == "oficina" and valor.isdigit():
            oficina = Oficina.objects.filter(pk=int(valor)).first()
            if oficina:
                return clave, oficina.nombre
        if tipo == "canal":
            canal = Canal.objects.filter(codigo=valor).first()
            if canal:
                return clave, canal.nombre
        raise ValidationError(_("Ámbito no válido."))


class PlanFiltroForm(forms.Form):
    """?plan=<pk> of the improvement plan page; none: the newest plan."""

    plan = forms.ModelChoiceField(queryset=PlanMejora.objects.all(), required=False)


class CartaFiltroForm(forms.Form):
    """?anio=2026 of a carta's compliance page; none: its last year with data."""

    anio = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=9999,
        error_messages={
            clave: _("Año no válido.")
            for clave in ("invalid", "min_value", "max_value")
        },
    )


class AmbitoMixin(forms.Form):
    ambito = forms.ChoiceField(
        label=_("Ámbito"), choices=Ambito.choices, initial=Ambito.ORGANIZACION
    )
    oficina = forms.ModelChoiceField(
        label=_("Oficina"),
        queryset=Oficina.objects.filter(activa=True).order_by("nombre"),
        required=False,
    )
    canal = forms.ChoiceField(label=_("Canal"), required=False, choices=[])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["canal"].choices = [("", "—")] + list(
            Canal.objects.order_by("orden").values_list("codigo", "nombre")
        )

    def clean(self):
        datos = super().clean()
        if datos.get("ambito") == Ambito.OFICINA and not datos.get("oficina"):
            self.add_error("oficina", _("Elija la oficina."))
        if datos.get("ambito") == Ambito.CANAL and not datos.get("canal"):
            self.add_error("canal", _("Elija el canal."))
        return datos


class MetaForm(AmbitoMixin):
    anio = forms.IntegerField(label=_("Año"), min_value=2000, max_value=2100)
    trimestre = forms.TypedChoiceField(
        label=_("Trimestre"),
        coerce=int,
        initial=0,
        choices=[(0, _("Todo el año")), (1, "T1"), (2, "T2"), (3, "T3"), (4, "T4")],
    )
    objetivo = forms.FloatField(label=_("Objetivo"))
    umbral = forms.FloatField(label=_("Umbral (aviso)"), required=False)


class ValorManualForm(AmbitoMixin):
    indicador = forms.ModelChoiceField(
        label=_("Indicador"),
        queryset=Indicador.objects.filter(fuente=Indicador.Fuente.MANUAL).order_by(
            "orden"
        ),
    )
    periodo = PeriodoField(
        label=_("Periodo"), help_text=_("Trimestre (2026-Q3) o mes (2026-09).")
    )
    valor = forms.FloatField(label=_("Valor"))
    n = forms.IntegerField(label=_("Observaciones (n)"), min_value=1, initial=1)
    nota = forms.CharField(label=_("Nota o fuente"), required=False, max_length=250)


class ImportarCSVForm(forms.Form):
    archivo = forms.FileField(
        label=_("Archivo CSV"),
        help_text=_(
            "Columnas: indicador, periodo, valor, n, oficina "
            "(código DIR3, vacío para toda la organización)."
        ),
    )

    def clean_archivo(self):
        archivo = self.cleaned_data["archivo"]
        if archivo.size > 2 * 1024 * 1024:
            raise ValidationError(_("El archivo supera 2 MB."))
        try:
            return archivo.read().decode("utf-8")
        except UnicodeDecodeError:
            raise ValidationError(_("El archivo debe estar en UTF-8.")) from None


class InformeForm(AmbitoMixin):
    tipo = forms.ChoiceField(
        label=_("Tipo"), choices=Informe.Tipo.choices, initial=Informe.Tipo.TRIMESTRAL
    )
    periodo = PeriodoField(
        label=_("Periodo"), help_text=_("Trimestre (2026-Q3) o mes (2026-09).")
    )
    modelo = forms.ModelChoiceField(
        label=_("Modelo de calidad"),
        queryset=ModeloCalidad.objects.filter(activo=True),
        empty_label=None,
    )

    def clean(self):
        datos = super().clean()
        periodo, tipo = datos.get("periodo"), datos.get("tipo")
        if (
            periodo
            and tipo
            and Periodo.de(periodo).trimestral != (tipo == Informe.Tipo.TRIMESTRAL)
        ):
            self.add_error(
                "periodo",
                _(
                    "Un informe trimestral necesita un trimestre (2026-Q3); "
                    "uno mensual, un mes (2026-09)."
                ),
            )
        return datos


class HallazgoForm(forms.Form):
    """The edition of one finding (the page has one small form per finding)."""

    hallazgo = forms.ModelChoiceField(queryset=Hallazgo.objects.all())
    texto = forms.CharField(label=_("Descripción"), widget=forms.Textarea)
    estado = forms.ChoiceField(label=_("Estado"), choices=Hallazgo.Estado.choices)


class AccionForm(forms.ModelForm):
    class Meta:
        model = AccionMejora
        fields = [
            "plan",
            "titulo",
            "area",
            "indicador",
            "criterio",
            "causa_raiz",
            "responsable",
            "fecha_inicio",
            "fecha_fin",
            "recursos",
            "impacto",
            "viabilidad",
            "estado",
            "progreso",
            "notas",
            "fecha_verificacion",
            "periodo_antes",
            "periodo_despues",
        ]
        widgets = {
            "fecha_inicio": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "fecha_fin": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "fecha_verificacion": forms.DateInput(
                attrs={"type": "date"}, format="%Y-%m-%d"
            ),
            "causa_raiz": forms.Textarea(attrs={"rows": 2}),
            "recursos": forms.Textarea(attrs={"rows": 2}),
            "notas": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsable"].queryset = Empleado.objects.activos().order_by(
            "apellidos", "nombre"
        )
        self.fields["criterio"].queryset = self.fields[
            "criterio"
        ].queryset.select_related("modelo")
        self.fields["area"].queryset = (
            Hallazgo.objects.filter(tipo=Hallazgo.Tipo.AREA)
            .exclude(estado=Hallazgo.Estado.DESCARTADO)
            .order_by("-periodo", "pk")
        )

    def clean(self):
        datos = super().clean()
        for campo in ("periodo_antes", "periodo_despues"):
            if datos.get(campo):
                try:
                    Periodo.de(datos[campo])
                except ValidationError as e:
                    self.add_error(campo, e)
        return datos


class SubcriterioMixin(forms.Form):
    """The subcriterion scored, one of the self-assessment's model."""

    subcriterio = forms.ModelChoiceField(queryset=Subcriterio.objects.none())

    def __init__(self, *args, modelo: ModeloCalidad, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["subcriterio"].queryset = Subcriterio.objects.filter(
            criterio__modelo=modelo
        )


class PuntuacionForm(SubcriterioMixin):
    puntuacion = forms.IntegerField(
        label=_("Puntuación (0–100)"), min_value=0, max_value=100
    )
    comentario = forms.CharField(
        label=_("Comentario"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class PuntuacionFinalForm(SubcriterioMixin):
    puntuacion = forms.IntegerField(
        label=_("Puntuación de consenso (0–100)"), min_value=0, max_value=100
    )
    evidencias = forms.CharField(
        label=_("Evidencias"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    puntos_fuertes = forms.CharField(
        label=_("Puntos fuertes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    areas_mejora = forms.CharField(
        label=_("Áreas de mejora"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class SeguimientoForm(forms.Form):
    """Cause of a commitment's result in a quarter and the linked actions."""

    compromiso = forms.ModelChoiceField(queryset=Compromiso.objects.none())
    periodo = forms.CharField(required=False, strip=False)
    causa = forms.CharField(
        label=_("Causa"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    acciones = forms.ModelMultipleChoiceField(
        label=_("Acciones vinculadas"),
        required=False,
        queryset=AccionMejora.objects.order_by("-plan__anio", "titulo"),
    )

    def __init__(self, *args, carta: CartaServicios, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["compromiso"].queryset = carta.compromisos.all()

    def clean_periodo(self) -> str:
        Periodo.de(self.cleaned_data["periodo"])
        return self.cleaned_data["periodo"]
