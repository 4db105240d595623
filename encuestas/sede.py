"""Signed links of the online office (sede electrónica).

Only the administration mints them: each sede is an `IntegracionAPI`, and its
signing secret is derived from the integration's key prefix with a key of its own
(nothing new stored in clear, nothing to rotate apart from the integration). The
link names the integration, office, outcome, an opaque procedure reference and an
expiry; HMAC-SHA256 over those, with that secret, proves the sede wrote it. The
algorithm is in docs/enlace_sede.md, for sedes that sign without our code.
"""

import hashlib
import hmac
import re
import time
from dataclasses import dataclass
from urllib.parse import urlencode

from django import forms
from django.urls import reverse

from comun.enlaces import enlace_absoluto
from organizacion.models import Canal, Oficina, Servicio

from . import seguridad
from .models import Atencion, IntegracionAPI

VERSION = "v1"
PARAMETROS = ("integracion", "ref", "exp", "firma")


def secreto_de(prefijo: str) -> str:
    """The signing secret of an integration (64 hex characters)."""
    return seguridad.hmac_hex("sede", prefijo)


def mensaje(
    *, prefijo: str, oficina: str, resultado: str, servicio: str, ref: str, exp: int
) -> str:
    # No field can hold "|" (see FormularioEnlace), so the join is unambiguous.
    return "|".join([VERSION, prefijo, oficina, resultado, servicio, ref, str(exp)])


def firma_de(secreto: str, texto: str) -> str:
    return hmac.new(secreto.encode(), texto.encode(), hashlib.sha256).hexdigest()


def referencia_de(secreto: str, referencia: str) -> str:
    """What a sede may put in `ref` for a procedure number: keyed, so the link does
    not carry the number and nobody can test guesses against it."""
    return firma_de(secreto, f"ref|{referencia}")[:32]


def enlace(
    *,
    integracion: IntegracionAPI,
    oficina: str,
    resultado: str,
    ref: str,
    exp: int,
    servicio: str = "",
) -> str:
    """The full signed address of the sede's end page for one procedure."""
    oficina = oficina.upper()
    firma = firma_de(
        secreto_de(integracion.prefijo),
        mensaje(
            prefijo=integracion.prefijo,
            oficina=oficina,
            resultado=resultado,
            servicio=servicio,
            ref=ref,
            exp=exp,
        ),
    )
    parametros = {"integracion": integracion.prefijo, "ref": ref, "exp": exp}
    if servicio:
        parametros["servicio"] = servicio
    parametros["firma"] = firma
    ruta = reverse("e:sede", args=[oficina, resultado])
    return enlace_absoluto(f"{ruta}?{urlencode(parametros)}")


class EnlaceNoValido(Exception):
    """`clave` names the public text (textos.py) shown with `estado`."""

    def __init__(self, estado: int, clave: str):
        super().__init__(clave)
        self.estado = estado
        self.clave = clave


class FormularioEnlace(forms.Form):
    integracion = forms.RegexField(regex=r"^[0-9a-z]{1,12}\Z")
    ref = forms.RegexField(regex=r"^[0-9A-Za-z._-]{1,64}\Z")
    exp = forms.RegexField(regex=r"^[0-9]{1,12}\Z")
    firma = forms.RegexField(regex=r"^[0-9a-f]{64}\Z")
    servicio = forms.RegexField(regex=r"^[0-9A-Za-z._-]{1,60}\Z", required=False)


@dataclass(frozen=True)
class EnlaceSede:
    integracion: IntegracionAPI
    oficina: Oficina
    canal: Canal
    servicio: Servicio | None
    resultado: str
    ref: str


def verificar(*, codigo_dir3: str, resultado: str, datos) -> EnlaceSede:
    """Check a signed link; raises EnlaceNoValido (404, 403 or 410). Reads only."""
    if not re.fullmatch(r"[0-9A-Za-z]{1,12}", codigo_dir3):
        raise EnlaceNoValido(404, "sede_no_existe")
    codigo_dir3 = codigo_dir3.upper()
    if not any(datos.get(p) for p in PARAMETROS):
        raise EnlaceNoValido(410, "sede_sin_firma")  # the old, open address
    formulario = FormularioEnlace(datos)
    if not formulario.is_valid():
        raise EnlaceNoValido(403, "sede_no_valido")
    d = formulario.cleaned_data
    integracion = IntegracionAPI.objects.filter(
        prefijo=d["integracion"], activa=True
    ).first()
    # Unknown and revoked integrations fail like a bad signature: no oracle.
    secreto = secreto_de(integracion.prefijo if integracion else d["integracion"])
    esperada = firma_de(
        secreto,
        mensaje(
            prefijo=d["integracion"],
            oficina=codigo_dir3,
            resultado=resultado,
            servicio=d["servicio"],
            ref=d["ref"],
            exp=int(d["exp"]),
        ),
    )
    if not hmac.compare_digest(esperada, d["firma"]) or integracion is None:
        raise EnlaceNoValido(403, "sede_no_valido")
    if int(d["exp"]) <= time.time():
        raise EnlaceNoValido(410, "sede_caducado")
    if resultado not in Atencion.Resultado.values:
        raise EnlaceNoValido(404, "sede_no_existe")
    oficina = Oficina.objects.filter(codigo_dir3=codigo_dir3, activa=True).first()
    canal = Canal.objects.filter(codigo=Canal.Codigo.TELEMATICO).first()
    if oficina is None or canal is None or not oficina.canales.filter(pk=canal.pk):
        raise EnlaceNoValido(404, "sede_no_existe")
    if not (
        integracion.oficinas.filter(pk=oficina.pk).exists()
        and integracion.canales.filter(pk=canal.pk).exists()
    ):
        raise EnlaceNoValido(403, "sede_no_valido")
    servicio = None
    if d["servicio"]:
        servicio = Servicio.objects.filter(codigo=d["servicio"], activo=True).first()
        if servicio is None:
            raise EnlaceNoValido(404, "sede_no_existe")
    return EnlaceSede(integracion, oficina, canal, servicio, resultado, d["ref"])
