"""Fixtures and helpers shared by the formacion tests (they apply to the subfolders)."""

from datetime import timedelta

import pytest

from formacion import services
from formacion.models import Matricula
from tests.factories import EmpleadoFactory, curso_con_lecciones


@pytest.fixture
def escenario(db):
    # Fixed surnames. Faker's random Spanish surnames sometimes collide or contain
    # one another ("Martín"/"Martínez", ~1 run in 1000), which made the export
    # test's substring assertions fail depending on the random state of the run.
    # The pair below is that worst case on purpose: assertions compare whole
    # cells by the unique identifier instead.
    jefa = EmpleadoFactory(
        usuario__roles=["empleado", "supervisor"], apellidos="Jefatura Prueba"
    )
    empleada = EmpleadoFactory(supervisor=jefa, apellidos="Martínez Equipo")
    otro = EmpleadoFactory(apellidos="Martín")
    curso, lecciones, _p = curso_con_lecciones(
        n_lecciones=2, tipo_certificado="asistencia", obligatorio=True, validez_meses=12
    )
    matricula = services.matricular(empleado=empleada, curso=curso, origen="asignacion")
    for leccion in lecciones:
        services.completar_leccion(matricula=matricula, leccion=leccion)
    certificado = matricula.certificados.get()
    services.generar_pdf(certificado=certificado)
    certificado.refresh_from_db()
    return {
        "jefa": jefa,
        "empleada": empleada,
        "otro": otro,
        "curso": curso,
        "lecciones": lecciones,
        "matricula": matricula,
        "certificado": certificado,
    }


def _completar(empleado, curso, lecciones, cuando=None):
    matricula = services.matricular(empleado=empleado, curso=curso, origen="asignacion")
    for leccion in lecciones:
        services.completar_leccion(matricula=matricula, leccion=leccion)
    matricula.refresh_from_db()
    if cuando is not None:
        Matricula.objects.filter(pk=matricula.pk).update(
            completada_en=cuando,
            iniciada_en=cuando,
            caduca_en=(cuando + timedelta(days=365)).date(),
        )
        matricula.refresh_from_db()
    return matricula


def _respuestas_correctas(intento, acertar=True):
    respuestas = {}
    for r in intento.respuestas.select_related("version").prefetch_related(
        "version__opciones"
    ):
        opciones = list(r.version.opciones.all())
        buenas = [o.pk for o in opciones if o.correcta]
        malas = [o.pk for o in opciones if not o.correcta][:1]
        respuestas[r.pk] = buenas if acertar else malas
    return respuestas
