"""Benchmark: the indicator recalculation (issue 14, point 4) on PostgreSQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/vt_recalculo \
        .venv/bin/python bench/mejora_recalculo.py

The database must be a throwaway one: the script FLUSHES it (bench/datos.py
`preparar_base`). Realistic data from bench/datos.py and bench/datos_encuestas.py: 300 offices, 5,000 people,
six quarters of responses (2025-04-01 … 2026-09-30) summed into the rollups.
"Today" is 2026-10-01, so the nightly periods (2026-Q3, 2026-Q4, 2026-09,
2026-10) hold the last full quarter of data.

It measures, each period computed as a worker does it (`recalcular_periodo`):
- the nightly job (the current periods plus those marked pending): target < 120 s;
- a full recompute of the 22 periods of the "Recalcular" button: target < 600 s;
- the night after one more day of responses (consolidated through the app's own
  path, which marks the periods it touched), and after one day dated back in an
  old quarter (two more periods to recompute);
- the same night after the history grows (responses added only in quarters
  before the nightly ones): the night should not grow with it.
The rows are the whole recomputation; queries per period are counted too.

BENCH_ESCALA=pequena (CI): 20 offices, 200 people, 5,000 then 10,000 responses.
BENCH_HISTORIA=1000000,10000000: other history sizes (responses, ascending).
"""

import os
import sys
import time
from datetime import date
from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RAIZ))
sys.path.insert(0, str(RAIZ / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

import datos  # noqa: E402
import datos_encuestas  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from informe import carga, cifra, pequena  # noqa: E402

from mejora import selectors, services  # noqa: E402

HOY = date(2026, 10, 1)
ANTES_DE_LA_NOCHE = date(2026, 6, 30)  # history grows only before 2026-Q3
OFICINAS, PERSONAS = (20, 200) if pequena() else (300, 5000)
HISTORIA = [5_000, 10_000] if pequena() else [1_000_000, 2_000_000]
if os.environ.get("BENCH_HISTORIA"):  # e.g. "1000000,10000000"
    HISTORIA = [int(x) for x in os.environ["BENCH_HISTORIA"].split(",")]
DIA = 100 if pequena() else 10_000  # one day of responses, all offices


def _periodos(periodos: list[str]) -> tuple[float, float, int]:
    """Seconds for these periods one after another, the slowest one, rows."""
    inicio, peor, filas = time.perf_counter(), 0.0, 0
    for p in periodos:
        t = time.perf_counter()
        filas += services.recalcular_periodo(periodo=p).filas
        peor = max(peor, time.perf_counter() - t)
    return time.perf_counter() - inicio, peor, filas


def noche() -> tuple[float, float, int, list[str]]:
    periodos = selectors.periodos_a_recalcular(services.periodos_por_defecto(HOY))
    segundos, peor, filas = _periodos(periodos)
    return segundos, peor, filas, periodos


def main() -> None:
    print(f"Carga de la máquina al empezar: {carga():.2f}", flush=True)
    datos.preparar_base()
    org = datos.crear_organizacion(oficinas=OFICINAS, personas=PERSONAS)
    ya, primera_noche = 0, None
    for paso, total in enumerate(HISTORIA):
        t0 = time.perf_counter()
        if paso == 0:
            datos_encuestas.anadir_respuestas(org, total)
        else:
            datos_encuestas.anadir_respuestas(
                org, total, ya=ya, hasta=ANTES_DE_LA_NOCHE
            )
        datos_encuestas.construir_resumenes(en_bloque=True)
        ya = total
        print(f"{total:,} respuestas en {time.perf_counter() - t0:.0f} s", flush=True)
        if paso == 0:
            completo = services.periodos_por_defecto(HOY, completo=True)
            segundos, peor, filas = _periodos(completo)
            cifra(
                "recalculo_completo_22_periodos",
                segundos,
                "s",
                maximo=600,
                n=total,
                nota=f"{filas} filas; periodo más lento {peor:.1f} s",
            )
            with CaptureQueriesContext(connection) as c:
                services.recalcular_periodo(periodo="2026-Q3")
            cifra("consultas_por_periodo", len(c.captured_queries), n=OFICINAS)
        segundos, peor, filas, periodos = noche()
        if primera_noche is None:
            primera_noche = segundos
        else:
            # History grew only before the nightly periods: the night should not.
            cifra(
                f"noche_{total}_frente_a_{HISTORIA[0]}",
                segundos / primera_noche,
                "×",
                maximo=1.5,
                nota=f"historia × {total / HISTORIA[0]:.1f}",
            )
        cifra(
            f"noche_{total}",
            segundos,
            "s",
            maximo=120,
            n=total,
            nota=f"{len(periodos)} periodos; el más lento {peor:.1f} s",
        )
        # One more day of responses, consolidated as the app does it; then one
        # day dated back in an old quarter (its month and quarter too).
        for clave, dia in (
            (f"noche_tras_un_dia_{total}", date(2026, 9, 30)),
            (f"noche_tras_un_dia_atrasado_{total}", date(2025, 5, 14)),
        ):
            datos_encuestas.anadir_respuestas(
                org, ya + DIA, ya=ya, desde=dia, hasta=dia
            )
            datos_encuestas.construir_resumenes()
            ya += DIA
            segundos, _peor, _filas, periodos = noche()
            cifra(clave, segundos, "s", maximo=120, n=total, nota=" ".join(periodos))
    print(f"Carga de la máquina al terminar: {carga():.2f}", flush=True)


if __name__ == "__main__":
    main()
