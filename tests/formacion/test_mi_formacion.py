"""Mi formación: the tables an employee reads, and the training-record PDF that
is being generated (works with and without JavaScript)."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from formacion import services
from formacion.models import Matricula
from tests.factories import EmpleadoFactory, curso_con_lecciones

pytestmark = pytest.mark.django_db


def _tabla(html: str, ident: str) -> str:
    inicio = html.index(f'id="tabla-{ident}"')
    return html[inicio : html.index("</table>", inicio)]


def _cabeceras(tabla: str) -> list[str]:
    return re.findall(r'<th scope="col"[^>]*>([^<]*)</th>', tabla)


@pytest.fixture
def empleada_con_matriculas(db):
    """One enrolment of each kind: assigned and overdue, in progress without a
    deadline, completed."""
    empleada = EmpleadoFactory()
    hoy = timezone.localdate()
    asignado, _l, _p = curso_con_lecciones(
        n_lecciones=1, tipo_certificado="asistencia", title="Atención telefónica"
    )
    vencida = services.matricular(
        empleado=empleada, curso=asignado, origen="asignacion", obligatoria=True
    )
    Matricula.objects.filter(pk=vencida.pk).update(plazo=hoy - timedelta(days=3))
    en_curso, lecciones, _p = curso_con_lecciones(
        n_lecciones=2, tipo_certificado="asistencia", title="Lenguaje claro"
    )
    m = services.matricular(empleado=empleada, curso=en_curso, origen="propia")
    services.completar_leccion(matricula=m, leccion=lecciones[0])
    con_plazo, _l, _p = curso_con_lecciones(
        n_lecciones=1, tipo_certificado="asistencia", title="Protección de datos"
    )
    services.matricular(
        empleado=empleada,
        curso=con_plazo,
        origen="asignacion",
        plazo=hoy + timedelta(days=30),
    )
    hecho, lecciones, _p = curso_con_lecciones(
        n_lecciones=1, tipo_certificado="asistencia", title="Atención presencial"
    )
    m = services.matricular(empleado=empleada, curso=hecho, origen="propia")
    services.completar_leccion(matricula=m, leccion=lecciones[0])
    return {"empleada": empleada, "hoy": hoy}


def test_asignados_y_en_curso_muestran_la_fecha_limite_y_completados_la_fecha_de_fin(
    client, empleada_con_matriculas
):
    hoy = empleada_con_matriculas["hoy"]
    client.force_login(empleada_con_matriculas["empleada"].usuario)
    html = client.get(reverse("formacion:mi_formacion")).content.decode()

    asignados = _tabla(html, "asignados")
    assert "Fecha límite" in _cabeceras(asignados)
    assert "Completado" not in _cabeceras(asignados)
    assert (hoy - timedelta(days=3)).strftime("%d/%m/%Y") in asignados
    assert (hoy + timedelta(days=30)).strftime("%d/%m/%Y") in asignados
    # Overdue is said in words, not only with a colour.
    fila_vencida = asignados[asignados.index("Atención telefónica") :]
    fila_vencida = fila_vencida[: fila_vencida.index("</tr>")]
    assert "vencida" in fila_vencida

    en_curso = _tabla(html, "en-curso")
    assert "Fecha límite" in _cabeceras(en_curso)
    assert "Completado" not in _cabeceras(en_curso)
    assert "Lenguaje claro" in en_curso and "sin fecha límite" in en_curso

    completados = _tabla(html, "completados")
    assert "Completado" in _cabeceras(completados)
    assert "Fecha límite" not in _cabeceras(completados)
    assert hoy.strftime("%d/%m/%Y") in completados
