"""The deployment files: the rehearsal's nginx proxies exactly as the production
example does, so what deploy/ensayo.py proves holds for the file that ships."""

import re
from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent
DEPLOY = RAIZ / "deploy"


def _reglas_de_proxy(ruta: Path) -> set[str]:
    texto = ruta.read_text()
    bloque = re.search(r"location / \{(.*?)\n\s*\}", texto, re.S).group(1)
    return {
        " ".join(linea.split())
        for linea in bloque.splitlines()
        if linea.strip().startswith("proxy_") and "proxy_pass" not in linea
    }


def test_el_ensayo_usa_las_reglas_de_proxy_de_produccion():
    produccion = _reglas_de_proxy(DEPLOY / "nginx" / "ventanilla.conf")
    ensayo = _reglas_de_proxy(DEPLOY / "nginx" / "ensayo.conf")
    # Production names the host it serves; the rehearsal passes the port along.
    assert produccion - ensayo == {"proxy_set_header Host $host;"}
    assert ensayo - produccion == {"proxy_set_header Host $http_host;"}
    assert "proxy_next_upstream error timeout http_502 http_503;" in produccion
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in produccion


def test_los_ficheros_privados_solo_salen_por_la_ruta_interna():
    """nginx sends a private file only after a view answered X-Accel-Redirect;
    of /media/ it serves the public images alone (production and rehearsal)."""
    for nombre in ("ventanilla.conf", "ensayo.conf"):
        texto = (DEPLOY / "nginx" / nombre).read_text()
        bloque = re.search(r"location /_privado/ \{(.*?)\n\s*\}", texto, re.S)
        assert bloque, nombre
        assert "internal;" in bloque.group(1)
        assert re.search(r"alias \S*(privado|PRIVADO)\S*/;", bloque.group(1)), nombre
        rutas = re.findall(r"location (\S+) \{", texto)
        assert [r for r in rutas if r.startswith("/media")] in ([], ["/media/images/"])
    # Web (uploaded evidence) and workers (PDFs) write there.
    for unidad in ("ventanilla-web@.service", "ventanilla-worker@.service"):
        texto = (DEPLOY / "systemd" / unidad).read_text()
        assert "/srv/ventanilla/privado" in re.search(r"ReadWritePaths=.*", texto)[0]


def test_las_unidades_leen_el_entorno_y_arrancan_la_aplicacion():
    unidades = {
        ruta.name: ruta.read_text() for ruta in (DEPLOY / "systemd").glob("*.service")
    }
    assert set(unidades) == {
        "ventanilla-web@.service",
        "ventanilla-worker@.service",
        "ventanilla-beat.service",
    }
    for texto in unidades.values():
        assert "EnvironmentFile=/etc/ventanilla/ventanilla.env" in texto
        assert "Restart=always" in texto
    assert "gunicorn config.wsgi:application" in unidades["ventanilla-web@.service"]
    assert "--bind 127.0.0.1:%i" in unidades["ventanilla-web@.service"]
    assert "celery -A config worker" in unidades["ventanilla-worker@.service"]
    assert "-Q %i" in unidades["ventanilla-worker@.service"]
    assert "celery -A config beat" in unidades["ventanilla-beat.service"]
