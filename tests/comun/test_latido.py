"""The heartbeat thread: it beats while the work runs and stops with it."""

import threading
import time

from comun.latido import latiendo


def test_late_mientras_dura_el_trabajo_y_para_al_salir():
    latidos = []
    with latiendo(lambda: latidos.append(time.monotonic()), cada=0.05):
        time.sleep(0.4)
    al_salir = len(latidos)
    time.sleep(0.2)
    assert al_salir >= 4
    assert len(latidos) == al_salir
    assert not any(h.name == "latido" for h in threading.enumerate())


def test_un_latido_que_falla_no_interrumpe_el_trabajo():
    def falla():
        raise OSError("base de datos ocupada")

    with latiendo(falla, cada=0.02):
        time.sleep(0.1)
        hecho = True
    assert hecho
