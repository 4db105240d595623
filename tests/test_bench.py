"""bench/ejecutar.py, the runner of `make bench` (bench/ holds scripts, not an app,
so its test sits here, as deploy/'s does in test_despliegue.py). The runner is
driven with tiny fake benches in a temporary folder: the real ones need
PostgreSQL, Redis and minutes, and CI runs them anyway through `make bench`."""

import importlib
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from django.conf import settings

BENCH = Path(settings.BASE_DIR) / "bench"


@pytest.fixture
def ejecutar(monkeypatch):
    monkeypatch.syspath_prepend(str(BENCH))
    return importlib.import_module("ejecutar")


def _bench(carpeta: Path, nombre: str, cuerpo: str) -> None:
    (carpeta / f"{nombre}.py").write_text(
        "from informe import cifra\n" + textwrap.dedent(cuerpo)
    )


@pytest.fixture
def falsos(tmp_path):
    """One bench that works (a target met, one missed, a reference), one that
    breaks after a figure, one silent, one that hangs."""
    carpeta = tmp_path / "bench"
    carpeta.mkdir()
    _bench(
        carpeta,
        "bien",
        """
        print("midiendo")
        cifra("falso.rapido", 0.12, "s", maximo=0.15, n=200)
        cifra("falso.lento", 1234.5, "ms", maximo=100)
        cifra("falso.filas", 10000)
        """,
    )
    _bench(
        carpeta,
        "roto",
        """
        cifra("falso.antes", 1.0, "s")
        raise SystemExit(3)
        """,
    )
    _bench(carpeta, "mudo", 'print("sin cifras")\n')
    _bench(carpeta, "colgado", "import time\ntime.sleep(60)\n")
    return carpeta


def test_recoge_las_cifras_y_detecta_cada_forma_de_romperse(ejecutar, falsos, capsys):
    Bench = ejecutar.Bench
    resultados = ejecutar.ejecutar(
        [
            Bench("bien"),
            Bench("roto"),
            Bench("mudo"),
            Bench("colgado", limite=2),
            Bench("falta"),
        ],
        "pequena",
        carpeta=falsos,
    )
    por_nombre = {r.nombre: r for r in resultados}
    assert [r.nombre for r in resultados] == [
        "bien",
        "roto",
        "mudo",
        "colgado",
        "falta",
    ]
    assert por_nombre["bien"].fallo is None
    assert por_nombre["roto"].fallo == "salió con 3"
    assert por_nombre["mudo"].fallo == "no imprimió ninguna cifra"
    assert por_nombre["colgado"].fallo == "tiempo agotado (2 s)"
    assert por_nombre["falta"].fallo == "falta bench/falta.py"
    assert por_nombre["colgado"].segundos < 30

    cifras = por_nombre["bien"].cifras
    assert [c["clave"] for c in cifras] == [
        "falso.rapido",
        "falso.lento",
        "falso.filas",
    ]
    assert [c["cumple"] for c in cifras] == [True, False, None]
    assert {c["escala"] for c in cifras} == {"pequena"}  # BENCH_ESCALA reached it
    # The output is streamed, without the machine lines.
    salida = capsys.readouterr().out
    assert "│ midiendo" in salida
    assert "│ BENCH-JSON" not in salida

    resumen = ejecutar.resumen(resultados).splitlines()
    assert resumen[0].split() == [
        "bench",
        "cifra",
        "valor",
        "objetivo",
        "veredicto",
        "carga",
    ]
    filas = {" ".join(linea.split()[:2]): linea for linea in resumen[2:]}
    assert "0,12 s (n=200)" in filas["bien falso.rapido"]
    assert "≤ 0,15 s" in filas["bien falso.rapido"]
    assert filas["bien falso.rapido"].split("≤ 0,15 s")[1].split()[0] == "cumplido"
    assert "1.234,5 ms" in filas["bien falso.lento"]
    assert "NO cumplido (orientativo)" in filas["bien falso.lento"]
    assert "referencia" in filas["bien falso.filas"]
    assert "salió con 3" in filas["roto FALLA"]
    assert "falso.antes" in " ".join(filas)  # what it printed before breaking
    assert "no imprimió ninguna cifra" in filas["mudo FALLA"]


def test_el_fichero_de_resultados_conserva_los_bench_que_no_se_ejecutaron(
    ejecutar, falsos, tmp_path
):
    Bench = ejecutar.Bench
    destino = tmp_path / "var"
    # Each result is handed over as soon as its bench ends (a long full run
    # that is interrupted keeps what finished).
    vistos = []
    primera = ejecutar.ejecutar(
        [Bench("bien"), Bench("mudo")], "completa", falsos, al_terminar=vistos.append
    )
    assert vistos == primera
    ejecutar.guardar(primera, "completa", destino)
    segunda = ejecutar.ejecutar([Bench("mudo")], "completa", falsos)
    ruta = ejecutar.guardar(segunda, "completa", destino)

    assert ruta == destino / "resultados-completa.json"
    datos = json.loads(ruta.read_text())
    assert datos["escala"] == "completa"
    assert set(datos["benches"]) == {"bien", "mudo"}
    bien = datos["benches"]["bien"]
    assert bien["fallo"] is None
    assert [c["valor"] for c in bien["cifras"]] == [0.12, 1234.5, 10000]
    assert datos["benches"]["mudo"]["fallo"] == "no imprimió ninguna cifra"


def _main(ejecutar, monkeypatch, carpeta, tmp_path, registro, *argumentos):
    monkeypatch.setattr(ejecutar, "BENCH", carpeta)
    monkeypatch.setattr(ejecutar, "REGISTRO", registro)
    monkeypatch.setattr(ejecutar, "RESULTADOS", tmp_path / "var")
    monkeypatch.setattr(ejecutar, "AUXILIARES", set())
    return ejecutar.main(list(argumentos))


def test_codigo_de_salida(ejecutar, falsos, tmp_path, monkeypatch):
    Bench = ejecutar.Bench
    for nombre in ("roto", "mudo", "colgado"):
        (falsos / f"{nombre}.py").unlink()
    registro = (Bench("bien"),)
    # A missed target at small scale is reported, not a failure; at full, 2.
    assert _main(ejecutar, monkeypatch, falsos, tmp_path, registro) == 0
    assert (
        _main(ejecutar, monkeypatch, falsos, tmp_path, registro, "--escala", "full")
        == 2
    )
    # A registered bench whose file is missing breaks the run...
    registro = (Bench("bien"), Bench("falta"))
    assert _main(ejecutar, monkeypatch, falsos, tmp_path, registro) == 1
    # ...unless the run is limited to others (SOLO=, while benches are written).
    assert (
        _main(ejecutar, monkeypatch, falsos, tmp_path, registro, "--solo", "bien") == 0
    )
    # A bench left out of the registry would never run: that breaks it too.
    _bench(falsos, "nuevo", 'cifra("falso.nuevo", 1)\n')
    assert _main(ejecutar, monkeypatch, falsos, tmp_path, (Bench("bien"),)) == 1
    # A broken bench.
    _bench(falsos, "roto", "raise SystemExit(1)\n")
    registro = (Bench("bien"), Bench("nuevo"), Bench("roto"))
    assert _main(ejecutar, monkeypatch, falsos, tmp_path, registro) == 1


README = """# Proyecto

Texto antes.

<!-- bench:bien -->
| tabla vieja, escrita a mano |
<!-- /bench -->

Texto entre medias.

<!-- bench:mudo -->
| la de mudo se queda |
<!-- /bench -->
Texto después.
"""


def _datos_completos(ejecutar, falsos, escala="completa") -> dict:
    Bench = ejecutar.Bench
    resultados = ejecutar.ejecutar([Bench("bien"), Bench("mudo")], escala, falsos)
    resultados[0].carga = [0.5, 1.25]
    return json.loads(ejecutar.guardar(resultados, escala, falsos / "var").read_text())


def test_el_readme_se_regenera_entre_sus_marcas(ejecutar, falsos):
    registro = (ejecutar.Bench("bien"), ejecutar.Bench("mudo"))
    datos = _datos_completos(ejecutar, falsos)
    texto, sin_datos = ejecutar.regenerar_readme(README, datos, registro)

    assert sin_datos == ["mudo"]  # it broke: its old table stays
    assert "| la de mudo se queda |" in texto
    assert "tabla vieja" not in texto
    antes, bloque = texto.split("<!-- bench:bien -->\n")
    bloque, despues = bloque.split("<!-- /bench -->", 1)
    assert antes == "# Proyecto\n\nTexto antes.\n\n"
    assert despues.startswith("\n\nTexto entre medias.")
    assert texto.endswith("<!-- /bench -->\nTexto después.\n")
    lineas = bloque.splitlines()
    assert lineas[0] == "| cifra | valor | objetivo | veredicto | carga |"
    assert lineas[2].startswith(
        "| `falso.rapido` | 0,12 s (n=200) | ≤ 0,15 s | cumplido |"
    )
    assert lineas[3].startswith(
        "| `falso.lento` | 1.234,5 ms | ≤ 100 ms | NO cumplido |"
    )
    assert lineas[4].startswith("| `falso.filas` | 10.000 |  | referencia |")
    assert "carga 0,5 → 1,25" in lineas[-1]
    assert "SOLO=bien" in lineas[-1]
    # Regenerating again changes nothing.
    assert ejecutar.regenerar_readme(texto, datos, registro)[0] == texto


def test_el_readme_no_sale_de_la_escala_pequena_ni_de_marcas_desconocidas(
    ejecutar, falsos
):
    registro = (ejecutar.Bench("bien"), ejecutar.Bench("mudo"))
    with pytest.raises(ValueError, match="escala completa"):
        ejecutar.regenerar_readme(
            README, _datos_completos(ejecutar, falsos, "pequena"), registro
        )
    with pytest.raises(ValueError, match="otro"):
        ejecutar.regenerar_readme(
            README.replace("bench:mudo", "bench:otro"),
            _datos_completos(ejecutar, falsos),
            registro,
        )


def test_el_servidor_postgresql_sale_de_database_url_sin_su_base(ejecutar):
    servidor = ejecutar.servidor_postgres
    assert (
        servidor({"DATABASE_URL": "postgres://postgres:clave@10.0.0.5:5433/ci_1"})
        == "postgres://postgres:clave@10.0.0.5:5433"
    )
    assert servidor({"DATABASE_URL": "sqlite:///db.sqlite3"}) == (
        "postgres://postgres@127.0.0.1:5432"
    )
    assert servidor({}) == "postgres://postgres@127.0.0.1:5432"


def test_la_sqlite_propia_se_vacia_y_la_del_ejecutor_se_usa_tal_cual(
    monkeypatch, tmp_path
):
    # What lets a SQLite bench run twice in a row (issue 14: formacion_certificados
    # could not) and lets `make bench` skip its migrations.
    monkeypatch.syspath_prepend(str(BENCH))
    from desechable import sqlite_desechable

    propia = tmp_path / "var" / "bench.sqlite3"
    propia.parent.mkdir()
    for resto in ("", "-wal", "-shm"):
        Path(f"{propia}{resto}").write_text("la pasada anterior")
    monkeypatch.delenv("BENCH_SQLITE", raising=False)
    assert sqlite_desechable(propia) == propia
    assert list(propia.parent.iterdir()) == []

    copia = tmp_path / "copia.sqlite3"
    copia.write_text("migrada")
    monkeypatch.setenv("BENCH_SQLITE", str(copia))
    assert sqlite_desechable(propia) == copia
    assert copia.read_text() == "migrada"


def test_las_marcas_del_readme_nombran_bench_registrados(ejecutar):
    texto = (Path(settings.BASE_DIR) / "README.md").read_text()
    vacio = {"escala": "completa", "benches": {}}
    regenerado, sin_datos = ejecutar.regenerar_readme(texto, vacio, ejecutar.REGISTRO)
    assert regenerado == texto
    assert "primer_arranque" in sin_datos


def test_resultados_rechaza_menos_de_dos_rondas_antes_de_tocar_la_base():
    """One round has no p95: the bench used to measure for minutes and then crash."""
    salida = subprocess.run(
        [sys.executable, str(BENCH / "encuestas_resultados.py"), "--rondas", "1"],
        capture_output=True,
        text=True,
        env={**os.environ, "DATABASE_URL": "postgres://nadie@127.0.0.1:1/nada"},
        timeout=120,
    )
    assert salida.returncode == 2, salida.stderr
    assert "--rondas" in salida.stderr
