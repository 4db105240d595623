"""The DATABASE_URL of the test database, for a subprocess that must see it."""

from django.db import connection


def url_de(nombre: str | None = None) -> str:
    datos = connection.settings_dict
    nombre = nombre or datos["NAME"]
    if datos["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{nombre}"
    usuario = datos.get("USER") or ""
    clave = f":{datos['PASSWORD']}" if datos.get("PASSWORD") else ""
    credenciales = f"{usuario}{clave}@" if usuario else ""
    return (
        f"postgres://{credenciales}{datos.get('HOST') or '127.0.0.1'}:"
        f"{datos.get('PORT') or 5432}/{nombre}"
    )
