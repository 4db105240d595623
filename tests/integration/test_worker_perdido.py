"""Work survives a dead worker: the pool process is killed (SIGKILL, as the OOM
killer does) in the middle of a task, the message goes back to the queue, and a
worker runs the task to the end exactly once in effect."""

import os
import signal
from unittest import mock

import pytest
from django.conf import settings

from mejora import services
from mejora.models import Indicador, Informe, ModeloCalidad
from tests.integration.marcador import larga

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

COLA = "pruebas-perdida"


def _intentos(carpeta) -> list[int]:
    ruta = carpeta / "intentos"
    return [int(linea) for linea in ruta.read_text().split()] if ruta.exists() else []


def _matar_en_la_pausa(carpeta, esperar) -> int:
    """Wait for the first attempt to reach the pause, kill its process, lift the
    pause so the next attempt runs through."""
    esperar(lambda: len(_intentos(carpeta)) == 1, 60, "que empiece el primer intento")
    pid = _intentos(carpeta)[0]
    os.kill(pid, signal.SIGKILL)
    (carpeta / "pausa").unlink()
    return pid


def test_matar_el_proceso_del_pool_devuelve_la_tarea_a_la_cola(
    arrancar_worker, esperar, tmp_path
):
    carpeta = tmp_path / "larga"
    carpeta.mkdir()
    (carpeta / "pausa").touch()
    arrancar_worker(colas=COLA)
    larga.apply_async((str(carpeta),), queue=COLA)

    muerto = _matar_en_la_pausa(carpeta, esperar)

    esperar(lambda: (carpeta / "efectos").exists(), 60, "que la tarea se repita")
    intentos = _intentos(carpeta)
    assert len(intentos) == 2 and muerto not in intentos[1:]
    assert (carpeta / "efectos").read_text() == "hecho\n"


def test_con_redis_un_worker_entero_muerto_entrega_su_tarea_a_otro_worker(
    arrancar_worker, esperar, tmp_path
):
    """The whole worker dies (no process left to reject the message): Redis keeps
    it as unacknowledged and another worker restores it after the visibility
    timeout (short here; in production it exceeds the longest task)."""
    if not settings.CELERY_BROKER_URL.startswith("redis"):
        pytest.skip("Solo Redis guarda los mensajes sin confirmar de un worker muerto")
    carpeta = tmp_path / "larga"
    carpeta.mkdir()
    (carpeta / "pausa").touch()
    corto = {"CELERY_VISIBILITY_TIMEOUT": "6", "CELERY_TASK_TIME_LIMIT": "5"}
    primero = arrancar_worker(colas=COLA, **corto)
    larga.apply_async((str(carpeta),), queue=COLA)
    esperar(lambda: len(_intentos(carpeta)) == 1, 60, "que empiece el primer intento")

    os.killpg(primero.pid, signal.SIGKILL)
    primero.wait()
    (carpeta / "pausa").unlink()
    arrancar_worker(colas=COLA, **corto)

    esperar(lambda: (carpeta / "efectos").exists(), 90, "que otro worker la repita")
    assert len(_intentos(carpeta)) == 2
    assert (carpeta / "efectos").read_text() == "hecho\n"


def test_un_informe_interrumpido_por_un_worker_muerto_se_termina_una_vez(
    arrancar_worker, esperar, tmp_path
):
    espera = Indicador.objects.get(codigo="tiempo-espera")
    services.registrar_valor_manual(
        indicador=espera, periodo="2026-Q3", valor=11.4, n=350
    )
    services.recalcular_indicadores(periodos=["2026-Q3"], codigos=["tiempo-espera"])
    with mock.patch("mejora.services._encolar_informe"):
        informe = services.solicitar_informe(
            tipo="trimestral",
            periodo="2026-Q3",
            modelo=ModeloCalidad.objects.get(codigo="CAF"),
        )
    carpeta = tmp_path / "informe"
    carpeta.mkdir()
    (carpeta / "pausa").touch()
    privado = tmp_path / "media_worker_privado"
    arrancar_worker(colas=COLA, PRUEBAS_PAUSA_PDF=str(carpeta))
    from mejora.tasks import generar_pdf_informe

    generar_pdf_informe.apply_async((informe.pk, informe.version), queue=COLA)

    _matar_en_la_pausa(carpeta, esperar)

    def terminado():
        return Informe.objects.get(pk=informe.pk).estado in (
            Informe.Estado.LISTO,
            Informe.Estado.ERROR,
        )

    esperar(terminado, 120, "que el informe se termine tras el reintento")
    informe.refresh_from_db()
    assert informe.estado == Informe.Estado.LISTO, informe.error
    assert informe.progreso == 100 and len(informe.sha256) == 64
    assert len(_intentos(carpeta)) == 2
    # One file: the second attempt did not leave a copy beside a first one.
    assert [p.name for p in privado.rglob("*.pdf")] == [
        informe.archivo.name.rsplit("/", 1)[-1]
    ]
