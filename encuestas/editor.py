"""The question-bank editor's form: one field per language with its translation
state, the answer options a choice question needs (one per line, per language),
and the language of the phone preview. The form only parses and validates; the
services save (encuestas.services.crear_pregunta / editar_pregunta)."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .models import IDIOMAS, EstadoTraduccion, Item, ItemVersion
from .textos import NOMBRES_IDIOMA

# Where the model's validation errors are shown in the form.
CAMPO_DEL_ERROR = {"textos": "texto_es", "opciones": "opciones_es"}

NOMBRE_EN_ESPANOL = {
    "es": _("Castellano"),
    "ca": _("Catalán"),
    "eu": _("Euskera"),
    "gl": _("Gallego"),
    "en": _("Inglés"),
}

ETIQUETA_ESTADO = {
    "falta": _("Falta"),
    EstadoTraduccion.BORRADOR: _("Borrador"),
    EstadoTraduccion.REVISADA: _("Revisada"),
}


def _lineas(texto: str) -> list[str]:
    return [linea.strip() for linea in (texto or "").splitlines() if linea.strip()]


class PreguntaForm(forms.Form):
    codigo = forms.CharField(
        label=_("Código"),
        max_length=20,
        help_text=_(
            "Identifica la pregunta en los resultados y no se puede cambiar: "
            "mayúsculas, cifras y guion bajo (por ejemplo, ESPERA)."
        ),
    )
    descripcion = forms.CharField(
        label=_("Descripción interna"), max_length=200, required=False
    )
    activo = forms.BooleanField(
        label=_("Activa"),
        required=False,
        initial=True,
        help_text=_("Una pregunta inactiva no se ofrece para nuevas encuestas."),
    )
    tipo = forms.ChoiceField(label=_("Tipo de respuesta"), choices=ItemVersion.Tipo)
    metrica = forms.ChoiceField(
        label=_("Métrica que alimenta"),
        choices=[("", _("Ninguna"))] + list(ItemVersion.Metrica.choices),
        required=False,
        help_text=_(
            "CSAT y porcentaje de acuerdo: escala 1–5; CES: escala 1–7; "
            "NPS: escala 0–10."
        ),
    )
    servqual = forms.ChoiceField(
        label=_("Dimensión SERVQUAL"),
        choices=[("", _("Ninguna"))] + list(ItemVersion.Servqual.choices),
        required=False,
    )
    driver = forms.CharField(
        label=_("Factor que mide"),
        max_length=40,
        required=False,
        help_text=_("Por ejemplo: trato del personal, eficacia, tiempo."),
    )
    idioma_vista = forms.ChoiceField(
        label=_("Idioma de la vista previa"),
        choices=[(i, NOMBRES_IDIOMA[i]) for i in IDIOMAS],
        required=False,
        initial="es",
    )

    def __init__(self, *args, version: ItemVersion | None = None, **kwargs):
        self.version = version
        if version is not None:
            kwargs.setdefault("initial", self.inicial_de(version))
        super().__init__(*args, **kwargs)
        if version is not None:
            # The code names the item in every result: fixed once created.
            self.fields["codigo"].disabled = True
        for idioma in IDIOMAS:
            nombre = NOMBRE_EN_ESPANOL[idioma]
            self.fields[f"texto_{idioma}"] = forms.CharField(
                label=_("Texto en %(idioma)s") % {"idioma": nombre},
                max_length=300,
                required=idioma == "es",
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            if idioma != "es":
                self.fields[f"estado_{idioma}"] = forms.ChoiceField(
                    label=_("Estado de la traducción al %(idioma)s")
                    % {"idioma": nombre},
                    choices=EstadoTraduccion.choices,
                    initial=EstadoTraduccion.BORRADOR,
                    required=False,
                )
            self.fields[f"opciones_{idioma}"] = forms.CharField(
                label=_("Opciones en %(idioma)s") % {"idioma": nombre},
                required=False,
                widget=forms.Textarea(attrs={"rows": 4}),
                help_text=_("Una por línea, en el mismo orden que en castellano.")
                if idioma != "es"
                else _("Solo para preguntas de elección: una opción por línea."),
            )
        self.avisos: list[str] = []

    @staticmethod
    def inicial_de(version: ItemVersion) -> dict:
        inicial = {
            "codigo": version.item.codigo,
            "descripcion": version.item.descripcion,
            "activo": version.item.activo,
            "tipo": version.tipo,
            "metrica": version.metrica,
            "servqual": version.servqual,
            "driver": version.driver,
        }
        for idioma in IDIOMAS:
            inicial[f"texto_{idioma}"] = version.textos.get(idioma, "")
            inicial[f"opciones_{idioma}"] = "\n".join(
                o.get(idioma, "") for o in version.opciones if o.get(idioma)
            )
            if idioma != "es":
                inicial[f"estado_{idioma}"] = (version.estado_traduccion or {}).get(
                    idioma
                ) or EstadoTraduccion.BORRADOR
        return inicial

    # --- grupos para la plantilla ---------------------------------------------------

    def idiomas(self) -> list[dict]:
        """One row per language: its text, state and options fields and the state
        the list shows (computed from the submitted data when there is any)."""
        filas = []
        for idioma in IDIOMAS:
            texto = self[f"texto_{idioma}"].value() or ""
            if not texto.strip():
                estado = "falta"
            elif idioma == "es":
                estado = EstadoTraduccion.REVISADA
            else:
                estado = self[f"estado_{idioma}"].value() or EstadoTraduccion.BORRADOR
            filas.append(
                {
                    "codigo": idioma,
                    "nombre": NOMBRE_EN_ESPANOL[idioma],
                    "texto": self[f"texto_{idioma}"],
                    "estado": self[f"estado_{idioma}"] if idioma != "es" else None,
                    "opciones": self[f"opciones_{idioma}"],
                    "estado_actual": estado,
                    "etiqueta_estado": ETIQUETA_ESTADO[estado],
                }
            )
        return filas

    # --- validación -----------------------------------------------------------------

    def clean_codigo(self):
        codigo = self.cleaned_data["codigo"].strip().upper()
        if self.version is not None:
            return self.version.item.codigo
        if not re.fullmatch(r"[A-Z0-9_]+", codigo):
            raise ValidationError(
                _("Use solo mayúsculas sin tilde, cifras y guion bajo.")
            )
        if Item.objects.filter(codigo=codigo).exists():
            raise ValidationError(_("Ya hay una pregunta con ese código."))
        return codigo

    def clean(self):
        datos = super().clean()
        if self.errors:
            return datos
        textos = {
            i: datos[f"texto_{i}"].strip() for i in IDIOMAS if datos[f"texto_{i}"]
        }
        opciones = self._opciones(datos)
        estados = {"es": EstadoTraduccion.REVISADA}
        for idioma in IDIOMAS[1:]:
            if idioma in textos:
                estados[idioma] = (
                    datos.get(f"estado_{idioma}") or EstadoTraduccion.BORRADOR
                )
        self._desactualizar_traducciones(textos, estados)
        self.datos_version = {
            "tipo": datos["tipo"],
            "textos": textos,
            "estado_traduccion": estados,
            "opciones": opciones,
            "driver": datos["driver"].strip(),
            "servqual": datos["servqual"],
            "metrica": datos["metrica"],
        }
        try:
            self.version_sin_guardar().clean()
        except ValidationError as error:
            for campo, mensajes in error.message_dict.items():
                for mensaje in mensajes:
                    self.add_error(CAMPO_DEL_ERROR.get(campo, campo), mensaje)
        return datos

    def _opciones(self, datos) -> list[dict]:
        por_idioma = {i: _lineas(datos[f"opciones_{i}"]) for i in IDIOMAS}
        if datos["tipo"] != ItemVersion.Tipo.ELECCION:
            if any(por_idioma.values()):
                self.add_error(
                    "opciones_es",
                    _(
                        "Solo las preguntas de elección llevan opciones: vacíe las "
                        "opciones o cambie el tipo."
                    ),
                )
            return []
        base = por_idioma["es"]
        for idioma in IDIOMAS[1:]:
            lineas = por_idioma[idioma]
            if lineas and len(lineas) != len(base):
                self.add_error(
                    f"opciones_{idioma}",
                    _(
                        "Hay %(n)d opciones y en castellano %(m)d: cada opción "
                        "necesita su traducción, en el mismo orden."
                    )
                    % {"n": len(lineas), "m": len(base)},
                )
        return [
            {"es": texto}
            | {
                i: por_idioma[i][k]
                for i in IDIOMAS[1:]
                if len(por_idioma[i]) == len(base)
            }
            for k, texto in enumerate(base)
        ]

    def _desactualizar_traducciones(self, textos: dict, estados: dict) -> None:
        """A reviewed translation of a Spanish text that has just changed is no
        longer reviewed, unless the editor touched that translation too."""
        if self.version is None:
            return
        antes = self.version.textos
        if textos.get("es") == antes.get("es"):
            return
        for idioma in IDIOMAS[1:]:
            if (
                estados.get(idioma) == EstadoTraduccion.REVISADA
                and textos.get(idioma) == antes.get(idioma)
                and f"estado_{idioma}" not in self.changed_data
            ):
                estados[idioma] = EstadoTraduccion.BORRADOR
                self.avisos.append(NOMBRE_EN_ESPANOL[idioma])

    # --- para el servicio y la vista previa ------------------------------------------

    def version_sin_guardar(self) -> ItemVersion:
        item = (
            self.version.item
            if self.version is not None
            else Item(codigo=self.cleaned_data.get("codigo") or "NUEVA")
        )
        return ItemVersion(item=item, version=0, **self.datos_version)

    def datos_pregunta(self) -> dict:
        return {
            "descripcion": self.cleaned_data["descripcion"].strip(),
            "activo": self.cleaned_data["activo"],
            **self.datos_version,
        }
