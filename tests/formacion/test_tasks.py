import pytest

from formacion import services
from formacion.models import Matricula
from tests.factories import EmpleadoFactory, curso_con_lecciones

pytestmark = pytest.mark.django_db


def test_tarea_diaria_no_calcula_finalizaciones():
    from formacion.tasks import tareas_diarias_formacion

    empleado = EmpleadoFactory()
    curso, lecciones, _p = curso_con_lecciones(
        n_lecciones=1, tipo_certificado="asistencia"
    )
    matricula = services.matricular(empleado=empleado, curso=curso, origen="propia")
    resultado = tareas_diarias_formacion.delay().get()
    assert resultado == {"vencidas": 0, "caducadas": 0, "renovaciones": 0}
    matricula.refresh_from_db()
    assert matricula.estado == Matricula.Estado.PENDIENTE


def test_tareas_de_pdf_van_a_la_cola_pdf_y_se_reintentan():
    from config.celery import app
    from formacion.tasks import generar_pdf_certificado, generar_pdf_expediente

    assert generar_pdf_expediente.name == "formacion.tasks.generar_pdf_expediente"
    for tarea in (generar_pdf_certificado, generar_pdf_expediente):
        assert app.amqp.router.route({}, tarea.name)["queue"].name == "pdf"
        assert tarea.acks_late and tarea.autoretry_for == (OSError,)
        assert tarea.retry_backoff and tarea.max_retries == 3
