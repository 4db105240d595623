import pytest
from django.utils import timezone

from formacion import selectors, services
from tests.factories import EmpleadoFactory

pytestmark = pytest.mark.django_db


def test_formacion_externa_cuenta_horas_solo_reconocida(usuario_calidad):
    from datetime import date

    from django.core.files.base import ContentFile

    from formacion.models import FormacionExterna

    empleado = EmpleadoFactory()
    externa = FormacionExterna(
        empleado=empleado,
        titulo="Curso INAP de lenguaje claro",
        entidad="INAP",
        horas=15,
        modalidad="en_linea",
        fecha_inicio=date(timezone.localdate().year, 1, 10),
        fecha_fin=date(timezone.localdate().year, 1, 20),
    )
    externa.evidencia.save("diploma.pdf", ContentFile(b"%PDF-1.4 diploma"), save=True)
    assert selectors.horas_por_anio(empleado) == {}
    services.reconocer_formacion_externa(formacion=externa, por=usuario_calidad)
    assert selectors.horas_por_anio(empleado) == {timezone.localdate().year: 15}
    filas, totales = selectors.expediente(empleado)
    assert filas[0]["externa"] and totales["horas"] == 15
