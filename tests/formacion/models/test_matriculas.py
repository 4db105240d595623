import pytest
from django.db import IntegrityError, transaction

from formacion.models import Matricula
from tests.factories import EmpleadoFactory, curso_con_lecciones

pytestmark = pytest.mark.django_db


def test_la_base_de_datos_impide_dos_matriculas_abiertas():
    empleado = EmpleadoFactory()
    curso, _l, _p = curso_con_lecciones()
    Matricula.objects.create(empleado=empleado, curso=curso, origen="propia")
    with pytest.raises(IntegrityError), transaction.atomic():
        Matricula.objects.create(empleado=empleado, curso=curso, origen="asignacion")
