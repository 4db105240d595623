"""The benches' organisation with its training and evaluation volume
(bench/datos.py) at test size, so the bounded-query tests and the bench
(bench/personal_paginas.py) read the same kind of data."""

import sys
from pathlib import Path

from django.contrib.auth import get_user_model

__all__ = ["organizacion_con_personal"]

_BENCH = str(Path(__file__).resolve().parents[2] / "bench")


def organizacion_con_personal(*, oficinas: int, personas: int, cursos: int = 6):
    """(org, personal, users by role) as bench/datos.py builds them."""
    if _BENCH not in sys.path:
        sys.path.insert(0, _BENCH)
    import datos
    import datos_personal

    org = datos.crear_organizacion(oficinas=oficinas, personas=personas)
    personal = datos_personal.crear_personal(org, cursos=cursos)
    User = get_user_model()
    usuarios = {rol: User.objects.get(username=u) for rol, u in org.usuarios.items()}
    return org, personal, usuarios
