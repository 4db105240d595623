"""What every bench prints: each figure once for people and once for the runner.

    from informe import cifra  # benches run as scripts: bench/ is on sys.path
    cifra("encuestas.envio.rps", 351.2, "resp/s", minimo=300)
    cifra("encuestas.oficina.p95", 0.121, "s", maximo=0.150, n=200)
    cifra("encuestas.envio.relacion", 0.66, "", minimo=0.5, nota="envío ÷ vista mínima")

A figure with `minimo`/`maximo` gets a verdict (cumplido / NO cumplido); without,
it is a reference (a baseline, a count). The machine line (`BENCH-JSON {...}`) is
what `bench/ejecutar.py` (`make bench`) collects to print the summary and to
rewrite the README's tables; it carries the scale (BENCH_ESCALA: "pequena" in CI,
"completa" for the README) and the load of the machine when the figure was taken.
At small scale a verdict is only indicative: CI fails on a bench that breaks, not
on a slow figure on a shared runner.
"""

from __future__ import annotations

import json
import os
import sys
from typing import Any

ESCALA = os.environ.get("BENCH_ESCALA", "completa")
PREFIJO = "BENCH-JSON "


def pequena() -> bool:
    return ESCALA == "pequena"


def carga() -> float:
    return round(os.getloadavg()[0], 2)


def veredicto(valor: float | None, minimo: float | None, maximo: float | None):
    if valor is None or (minimo is None and maximo is None):
        return None
    return (minimo is None or valor >= minimo) and (maximo is None or valor <= maximo)


def _objetivo(minimo, maximo, unidad) -> str:
    partes = []
    if minimo is not None:
        partes.append(f"≥ {minimo:g} {unidad}".rstrip())
    if maximo is not None:
        partes.append(f"≤ {maximo:g} {unidad}".rstrip())
    return " y ".join(partes)


def cifra(
    clave: str,
    valor: float | None,
    unidad: str = "",
    *,
    minimo: float | None = None,
    maximo: float | None = None,
    n: int | None = None,
    nota: str = "",
    **extra: Any,
) -> bool | None:
    """Print one figure; returns its verdict (None when it has no target)."""
    cumple = veredicto(valor, minimo, maximo)
    texto = "—" if valor is None else f"{valor:,.3f}".rstrip("0").rstrip(".")
    linea = f"  {clave}: {texto} {unidad}".rstrip()
    if n is not None:
        linea += f" (n={n})"
    if cumple is not None:
        linea += f"  objetivo {_objetivo(minimo, maximo, unidad)}: "
        linea += "cumplido" if cumple else "NO cumplido"
        if pequena():
            linea += " (escala pequeña: orientativo)"
    if nota:
        linea += f"  [{nota}]"
    datos = {
        "clave": clave,
        "valor": valor,
        "unidad": unidad,
        "minimo": minimo,
        "maximo": maximo,
        "cumple": cumple,
        "n": n,
        "nota": nota,
        "escala": ESCALA,
        "carga": carga(),
        **extra,
    }
    print(linea, flush=True)
    print(PREFIJO + json.dumps(datos, ensure_ascii=False, default=str), flush=True)
    return cumple


def leer(salida: str) -> list[dict]:
    """The figures a bench printed, from its standard output."""
    return [
        json.loads(linea[len(PREFIJO) :])
        for linea in salida.splitlines()
        if linea.startswith(PREFIJO)
    ]


if __name__ == "__main__":  # pragma: no cover
    sys.exit("bench/informe.py is a module: run a bench or `make bench`.")
