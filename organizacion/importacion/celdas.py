"""Cell values as Excel leaves them (numbers as floats, dates as cells or text,
"sí"/"X"/"1" for yes) converted to what the models hold. A bad value raises
`ValueError` with the message the report shows against its cell."""

from __future__ import annotations

import re
from datetime import date, datetime

from django.utils.translation import gettext as _

from ..provincias import codigo_provincia
from .columnas import normalizar_cabecera


def texto(valor) -> str:
    """A cell as text: Excel's 28.0 is '28', a date cell its ISO date."""
    if valor is None:
        return ""
    if isinstance(valor, bool):
        return "sí" if valor else "no"
    if isinstance(valor, float) and valor.is_integer():
        return str(int(valor))
    if isinstance(valor, datetime):
        return (
            valor.date().isoformat()
            if valor.time() == datetime.min.time()
            else valor.isoformat()
        )
    if isinstance(valor, date):
        return valor.isoformat()
    return str(valor).strip()


FORMATOS_FECHA = ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d", "%Y/%m/%d")


def fecha(valor) -> date | None:
    """dd/mm/aaaa, aaaa-mm-dd, a date cell, or an Excel serial number in a number cell."""
    if valor is None or (isinstance(valor, str) and not valor.strip()):
        return None
    if isinstance(valor, datetime):
        return valor.date()
    if isinstance(valor, date):
        return valor
    if isinstance(valor, int | float) and not isinstance(valor, bool):
        from openpyxl.utils.datetime import from_excel

        if 1 <= valor < 2958466:
            return from_excel(valor).date()
        raise ValueError(_("«%(valor)s» no es una fecha.") % {"valor": valor})
    cadena = str(valor).strip()
    cadena = re.sub(
        r"[ T]00:00(:00)?$", "", cadena
    )  # "2015-09-01 00:00:00" from exports
    for formato in FORMATOS_FECHA:
        try:
            leida = datetime.strptime(cadena, formato).date()
        except ValueError:
            continue
        if leida.year < 1900:
            break  # "01/09/15": a two-digit year is ambiguous
        return leida
    raise ValueError(
        _(
            "«%(valor)s» no es una fecha: use dd/mm/aaaa (p. ej. 01/09/2015) o aaaa-mm-dd."
        )
        % {"valor": cadena}
    )


VERDADERO = {
    "si",
    "s",
    "sí",
    "yes",
    "y",
    "true",
    "verdadero",
    "1",
    "x",
    "activa",
    "activo",
}
FALSO = {"no", "n", "false", "falso", "0", "inactiva", "inactivo", "baja"}


def booleano(valor, *, por_defecto: bool) -> bool:
    if isinstance(valor, bool):
        return valor
    cadena = normalizar_cabecera(texto(valor))
    if not cadena:
        return por_defecto
    if cadena in {normalizar_cabecera(v) for v in VERDADERO}:
        return True
    if cadena in FALSO:
        return False
    raise ValueError(_("«%(valor)s» no es sí ni no.") % {"valor": texto(valor)})


# Names people write for each channel, compared without accents or case.
NOMBRES_CANAL = {
    "presencial": "presencial",
    "oficina": "presencial",
    "telefonico": "telefonico",
    "telefono": "telefonico",
    "telefonica": "telefonico",
    "012": "telefonico",
    "telematico": "telematico",
    "telematica": "telematico",
    "electronico": "telematico",
    "online": "telematico",
    "internet": "telematico",
    "sede electronica": "telematico",
}


def lista(valor) -> list[str]:
    """'presencial, telefónico' / 'presencial; telefónico' / 'presencial y telefónico'."""
    partes = re.split(r"[,;/|+\n]|\s+y\s+|\s+e\s+", texto(valor))
    return [p.strip() for p in partes if p.strip()]


def canales(valor) -> list[str]:
    codigos, desconocidos = [], []
    for parte in lista(valor):
        codigo = NOMBRES_CANAL.get(normalizar_cabecera(parte))
        if codigo is None:
            desconocidos.append(parte)
        elif codigo not in codigos:
            codigos.append(codigo)
    if desconocidos:
        raise ValueError(
            _(
                "canal desconocido: %(canales)s (use presencial, telefónico o telemático)."
            )
            % {"canales": ", ".join(f"«{d}»" for d in desconocidos)}
        )
    return codigos


def provincia(valor) -> str:
    cadena = texto(valor)
    cadena = re.sub(r"^(\d+)[.,]0+$", r"\1", cadena)  # "28,0" typed as text
    codigo = codigo_provincia(cadena)
    if codigo is None:
        raise ValueError(
            _(
                "«%(valor)s» no es una provincia: escriba su código INE (28) o su nombre (Madrid)."
            )
            % {"valor": cadena}
        )
    return codigo


# Names people write for each profile (after `normalizar_cabecera`).
ROLES_ESCRITOS = {
    "empleado": "empleado",
    "empleada": "empleado",
    "supervisor": "supervisor",
    "supervisora": "supervisor",
    "supervisor a": "supervisor",
    "direccion": "direccion",
    "calidad": "calidad",
}
