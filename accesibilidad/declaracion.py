"""The accessibility statement (RD 1112/2018 art. 15, Decision (EU) 2018/1523)
as data, from two files reviewed in code: the axe results the e2e run recorded
(docs/accesibilidad/axe.json, `make accesibilidad`) and the maintained list of
known exceptions (docs/accesibilidad/excepciones.toml)."""

import json
import re
import tomllib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .app_settings import ajustes

TOTAL = "totalmente"
PARCIAL = "parcialmente"
NO_CONFORME = "no"

# The three reasons the model statement lists, in its order: (a), (b), (c).
FALTA_DE_CONFORMIDAD = "falta_de_conformidad"
CARGA_DESPROPORCIONADA = "carga_desproporcionada"
FUERA_DE_AMBITO = "fuera_de_ambito"
CATEGORIAS = (FALTA_DE_CONFORMIDAD, CARGA_DESPROPORCIONADA, FUERA_DE_AMBITO)

_CRITERIO = re.compile(r"^wcag(\d)(\d)(\d+)$")
_OBLIGATORIOS = ("pagina", "criterio", "categoria", "descripcion")


class FicheroNoValido(ValueError):
    """A statement's source file that cannot be read: the system check says which."""


@dataclass(frozen=True)
class Infraccion:
    regla: str
    impacto: str
    ayuda: str
    criterios: tuple[str, ...]
    paginas: tuple[str, ...]


@dataclass(frozen=True)
class Pagina:
    pagina: str
    titulo: str
    comprobaciones: int
    superadas: int
    fecha: date
    reglas: tuple[str, ...]


@dataclass(frozen=True)
class Excepcion:
    pagina: str
    criterio: str
    categoria: str
    descripcion: dict[str, str]
    correccion_prevista: date | None = None

    def descripcion_en(self, idioma: str) -> str:
        return self.descripcion.get(idioma) or self.descripcion["es"]


@dataclass(frozen=True)
class Declaracion:
    estado: str
    paginas: tuple[Pagina, ...]
    infracciones: tuple[Infraccion, ...]
    excepciones: dict[str, tuple[Excepcion, ...]]
    evaluada_el: date | None
    revisada_el: date | None
    preparada_el: date
    axe: str
    comprobaciones: int = 0
    total_excepciones: int = field(default=0)


def criterios(etiquetas: Iterable[str]) -> tuple[str, ...]:
    """axe's tags → WCAG success criteria: "wcag143" → "1.4.3"."""
    encontrados = {".".join(m.groups()) for t in etiquetas if (m := _CRITERIO.match(t))}
    return tuple(sorted(encontrados, key=lambda c: tuple(map(int, c.split(".")))))


def titulo_publicable(pagina: str, titulo: str) -> str:
    """A page of one record (its address has an <id> or a <token>) publishes no
    title: it may name a person ("Evaluación · Ana Pérez", an employee's record)."""
    return "" if "<" in pagina else titulo


def consolidar(lineas: Iterable[str]) -> dict:
    """The e2e run's JSON lines (tests/e2e/registro_axe.py) → the committed
    summary: one entry per page pattern, with every rule it ever failed."""
    paginas: dict[str, dict] = {}
    versiones = set()
    total = 0
    for linea in lineas:
        if not linea.strip():
            continue
        dato = json.loads(linea)
        total += 1
        versiones.add(dato.get("axe", ""))
        pagina = paginas.setdefault(
            dato["pagina"],
            {
                "pagina": dato["pagina"],
                "titulo": titulo_publicable(dato["pagina"], dato.get("titulo", "")),
                "comprobaciones": 0,
                "superadas": 0,
                "fecha": dato["fecha"],
                "infracciones": {},
            },
        )
        pagina["comprobaciones"] += 1
        pagina["superadas"] = max(pagina["superadas"], dato.get("superadas", 0))
        pagina["fecha"] = max(pagina["fecha"], dato["fecha"])
        for infraccion in dato.get("infracciones", []):
            anterior = pagina["infracciones"].get(infraccion["regla"])
            if anterior is None or infraccion["nodos"] > anterior["nodos"]:
                pagina["infracciones"][infraccion["regla"]] = infraccion
    filas = []
    for clave in sorted(paginas):
        pagina = paginas[clave]
        pagina["infracciones"] = [
            pagina["infracciones"][r] for r in sorted(pagina["infracciones"])
        ]
        filas.append(pagina)
    return {
        "generado": max((p["fecha"] for p in filas), default=""),
        "axe": ", ".join(sorted(v for v in versiones if v)),
        "comprobaciones": total,
        "paginas": filas,
    }


def _fecha(valor, donde: str) -> date:
    if isinstance(valor, date):
        return valor
    try:
        return date.fromisoformat(str(valor))
    except ValueError as error:
        raise FicheroNoValido(f"{donde}: fecha no válida {valor!r}") from error


def leer_axe(ruta: Path) -> dict:
    """The committed summary; an empty one if the suite was never recorded."""
    try:
        texto = Path(ruta).read_text(encoding="utf-8")
    except FileNotFoundError:
        return {"generado": "", "axe": "", "comprobaciones": 0, "paginas": []}
    try:
        datos = json.loads(texto)
        for pagina in datos["paginas"]:
            if not {"pagina", "fecha", "infracciones"} <= pagina.keys():
                raise KeyError("pagina, fecha o infracciones")
    except (ValueError, KeyError, TypeError) as error:
        raise FicheroNoValido(
            f"{ruta}: resultados de axe no válidos ({error})"
        ) from error
    return datos


def leer_excepciones(ruta: Path) -> tuple[date | None, list[Excepcion]]:
    """(the list's last review, its exceptions); FicheroNoValido names the fault."""
    try:
        with open(ruta, "rb") as fichero:
            datos = tomllib.load(fichero)
    except FileNotFoundError:
        return None, []
    except tomllib.TOMLDecodeError as error:
        raise FicheroNoValido(f"{ruta}: {error}") from error
    revisada = datos.get("revisada")
    excepciones = []
    for n, bruta in enumerate(datos.get("excepcion", []), start=1):
        donde = f"{ruta}, excepción {n}"
        faltan = [c for c in _OBLIGATORIOS if not bruta.get(c)]
        if faltan:
            raise FicheroNoValido(f"{donde}: faltan {', '.join(faltan)}")
        if bruta["categoria"] not in CATEGORIAS:
            raise FicheroNoValido(
                f"{donde}: categoría {bruta['categoria']!r}, "
                f"debe ser una de {', '.join(CATEGORIAS)}"
            )
        descripcion = bruta["descripcion"]
        if isinstance(descripcion, str):
            descripcion = {"es": descripcion}
        if not isinstance(descripcion, dict) or not descripcion.get("es"):
            raise FicheroNoValido(f"{donde}: la descripción necesita el texto en «es»")
        prevista = bruta.get("correccion_prevista")
        excepciones.append(
            Excepcion(
                pagina=str(bruta["pagina"]),
                criterio=str(bruta["criterio"]),
                categoria=bruta["categoria"],
                descripcion={k: str(v) for k, v in descripcion.items()},
                correccion_prevista=_fecha(prevista, donde) if prevista else None,
            )
        )
    return (_fecha(revisada, str(ruta)) if revisada else None), excepciones


def estado(paginas: int, infracciones: int, excepciones: Iterable[Excepcion]) -> str:
    """Totally conformant: pages evaluated, no violation recorded and no exception
    within scope (content out of scope does not count, art. 3.4). Nothing
    evaluated: not conformant, as nothing shows it is."""
    if not paginas:
        return NO_CONFORME
    en_ambito = [e for e in excepciones if e.categoria != FUERA_DE_AMBITO]
    return PARCIAL if infracciones or en_ambito else TOTAL


def construir(
    axe: dict, revisada: date | None, excepciones: list[Excepcion]
) -> Declaracion:
    paginas = []
    por_regla: dict[str, dict] = {}
    paginas_de = defaultdict(list)
    for p in axe["paginas"]:
        # Only a rule tied to a WCAG success criterion is a lack of conformity;
        # axe's best practices (landmark-unique, heading-order…) stay in axe.json.
        wcag = [i for i in p["infracciones"] if criterios(i.get("wcag", []))]
        p = {**p, "infracciones": wcag}
        for i in wcag:
            por_regla.setdefault(i["regla"], i)
            paginas_de[i["regla"]].append(p["pagina"])
        paginas.append(
            Pagina(
                pagina=p["pagina"],
                titulo=p.get("titulo", ""),
                comprobaciones=p.get("comprobaciones", 1),
                superadas=p.get("superadas", 0),
                fecha=_fecha(p["fecha"], p["pagina"]),
                reglas=tuple(i["regla"] for i in p["infracciones"]),
            )
        )
    infracciones = tuple(
        Infraccion(
            regla=regla,
            impacto=i.get("impacto") or "",
            ayuda=i.get("ayuda", ""),
            criterios=criterios(i.get("wcag", [])),
            paginas=tuple(paginas_de[regla]),
        )
        for regla, i in sorted(por_regla.items())
    )
    evaluada = _fecha(axe["generado"], "generado") if axe.get("generado") else None
    fechas = [f for f in (evaluada, revisada) if f]
    return Declaracion(
        estado=estado(len(paginas), len(infracciones), excepciones),
        paginas=tuple(paginas),
        infracciones=infracciones,
        excepciones={
            c: tuple(e for e in excepciones if e.categoria == c) for c in CATEGORIAS
        },
        evaluada_el=evaluada,
        revisada_el=max(fechas) if fechas else None,
        preparada_el=_fecha(ajustes.FECHA_PREPARACION, "FECHA_PREPARACION"),
        axe=axe.get("axe", ""),
        comprobaciones=axe.get("comprobaciones", 0),
        total_excepciones=len(excepciones),
    )


def declaracion() -> Declaracion:
    """The statement from the configured files (read at each request: small files,
    and a deployment that ships new ones shows them without a restart)."""
    revisada, excepciones = leer_excepciones(ajustes.FICHERO_EXCEPCIONES)
    return construir(leer_axe(ajustes.FICHERO_AXE), revisada, excepciones)
