from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Evaluacion


def campo_de_nivel(fila: dict, escala, inicial, **opciones) -> forms.TypedChoiceField:
    """A competency's level, optional, one of the framework's scale."""
    return forms.TypedChoiceField(
        label=f"{fila['competencia'].codigo} {fila['nombre']}",
        choices=[(n.valor, f"{n.valor} · {n.etiqueta}") for n in escala],
        coerce=int,
        required=False,
        empty_value=None,
        initial=inicial,
        **opciones,
    )


class VersionForm(forms.Form):
    """Every edit form carries the version it was loaded with (optimistic lock)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class PuntuacionesForm(VersionForm):
    """A level (radios over the scale) and evidence per competency."""

    comentario = forms.CharField(
        label=_("Comentario general"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
    )

    def __init__(
        self, *args, filas, escala, campo="nivel", con_evidencia=True, **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.filas = filas
        self.campo = campo
        for fila in filas:
            p = fila["puntuacion"]
            self.fields[f"nivel_{p.competencia_id}"] = campo_de_nivel(
                fila, escala, getattr(p, campo), widget=forms.RadioSelect
            )
            if con_evidencia:
                self.fields[f"evidencia_{p.competencia_id}"] = forms.CharField(
                    label=_("Evidencias de %(c)s") % {"c": fila["competencia"].codigo},
                    required=False,
                    initial=p.evidencia,
                    max_length=5000,
                    widget=forms.Textarea(attrs={"rows": 2}),
                    help_text=_("Obligatorias para los niveles extremos de la escala."),
                )
        if not con_evidencia:
            del self.fields["comentario"]

    def bloques(self) -> list[dict]:
        """Each competency with its bound fields, for the template."""
        bloques = []
        for fila in self.filas:
            cid = fila["puntuacion"].competencia_id
            evidencia = f"evidencia_{cid}"
            bloques.append(
                {
                    **fila,
                    "campo_nivel": self[f"nivel_{cid}"],
                    "campo_evidencia": self[evidencia]
                    if evidencia in self.fields
                    else None,
                }
            )
        return bloques

    def datos(self) -> dict[int, dict]:
        resultado = {}
        for fila in self.filas:
            cid = fila["puntuacion"].competencia_id
            resultado[cid] = {
                "nivel": self.cleaned_data.get(f"nivel_{cid}"),
                "evidencia": self.cleaned_data.get(f"evidencia_{cid}", ""),
            }
        return resultado


class ReconocerForm(VersionForm):
    comentario = forms.CharField(
        label=_("Comentario (opcional)"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Darla por recibida no significa estar de acuerdo ni renunciar a alegar."
        ),
    )


class AlegarForm(VersionForm):
    texto = forms.CharField(
        label=_("Texto de la alegación"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class RevisarForm(VersionForm):
    decision = forms.ChoiceField(
        label=_("Decisión"),
        choices=Evaluacion.Decision.choices,
        widget=forms.RadioSelect,
    )
    motivos = forms.CharField(
        label=_("Motivos"), max_length=10000, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, filas, escala, **kwargs):
        super().__init__(*args, **kwargs)
        self.filas = filas
        for fila in filas:
            p = fila["puntuacion"]
            self.fields[f"nivel_{p.competencia_id}"] = campo_de_nivel(
                fila, escala, p.nivel
            )

    def bloques(self) -> list[dict]:
        return [
            {**f, "campo_nivel": self[f"nivel_{f['puntuacion'].competencia_id}"]}
            for f in self.filas
        ]

    def niveles(self) -> dict[int, int]:
        return {
            f["puntuacion"].competencia_id: self.cleaned_data.get(
                f"nivel_{f['puntuacion'].competencia_id}"
            )
            for f in self.filas
        }


class FiltroOficinaForm(forms.Form):
    """The office filter of a campaign's pages, from the query string."""

    oficina = forms.IntegerField(required=False, min_value=0)


class AsignarCursoForm(forms.Form):
    """One click in the development plan: a gap's competency and a course for it."""

    competencia = forms.IntegerField()
    curso = forms.IntegerField()
