"""formacion/services/asignacion.py: assignment by criteria and permanent rules."""

from datetime import timedelta

import pytest
from django.utils import timezone

from formacion import selectors, services
from formacion.models import Matricula, RegistroAsignacion, ReglaAsignacion
from tests.factories import EmpleadoFactory, OficinaFactory, canal, curso_con_lecciones

pytestmark = pytest.mark.django_db


def test_asignacion_por_canal_es_idempotente_y_auditada(usuario_calidad):
    oficina = OficinaFactory(canales=["presencial", "telefonico"])
    telefono = [
        EmpleadoFactory(oficina=oficina, canales=["telefonico"]) for _ in range(3)
    ]
    EmpleadoFactory(oficina=oficina, canales=["presencial"])
    curso, _l, _p = curso_con_lecciones(n_lecciones=1)
    plazo = timezone.localdate() + timedelta(days=30)
    primero = services.asignar(
        curso=curso, por=usuario_calidad, canal=canal("telefonico"), plazo=plazo
    )
    segundo = services.asignar(
        curso=curso, por=usuario_calidad, canal=canal("telefonico"), plazo=plazo
    )
    assert (primero.nuevas, primero.ya_existentes) == (3, 0)
    assert (segundo.nuevas, segundo.ya_existentes) == (0, 3)
    assert Matricula.objects.filter(curso=curso).count() == 3
    assert set(Matricula.objects.values_list("empleado_id", flat=True)) == {
        e.pk for e in telefono
    }
    m = Matricula.objects.first()
    assert m.asignada_por == usuario_calidad and m.obligatoria and m.plazo == plazo
    assert RegistroAsignacion.objects.filter(por=usuario_calidad).count() == 2


def test_asignacion_limitada_al_equipo_del_supervisor():
    jefe = EmpleadoFactory(usuario__roles=["empleado", "supervisor"])
    oficina = jefe.oficina
    mio = EmpleadoFactory(oficina=oficina, supervisor=jefe)
    indirecto = EmpleadoFactory(oficina=oficina, supervisor=mio)
    ajeno = EmpleadoFactory(oficina=oficina)
    curso, _l, _p = curso_con_lecciones(n_lecciones=1)
    services.asignar(
        curso=curso,
        por=jefe.usuario,
        oficina=oficina,
        ambito_ids=selectors.equipo_ids_de(jefe.usuario),
    )
    asignados = set(Matricula.objects.values_list("empleado_id", flat=True))
    assert asignados == {mio.pk, indirecto.pk}
    assert ajeno.pk not in asignados


def test_asignacion_sin_criterio_o_con_plazo_pasado_se_rechaza(usuario_calidad):
    from django.core.exceptions import ValidationError

    curso, _l, _p = curso_con_lecciones(n_lecciones=1)
    with pytest.raises(ValidationError):
        services.asignar(curso=curso, por=usuario_calidad)
    with pytest.raises(ValidationError):
        services.asignar(
            curso=curso,
            por=usuario_calidad,
            canal=canal("presencial"),
            plazo=timezone.localdate() - timedelta(days=1),
        )


def test_regla_permanente_matricula_a_quien_se_incorpora(
    usuario_calidad, django_capture_on_commit_callbacks
):
    oficina = OficinaFactory()
    curso, _l, _p = curso_con_lecciones(n_lecciones=1)
    EmpleadoFactory(oficina=oficina)
    regla = services.crear_regla(
        por=usuario_calidad,
        curso=curso,
        nombre="Acogida",
        oficina=oficina,
        plazo_dias=15,
    )
    assert Matricula.objects.filter(regla=regla).count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        nueva = EmpleadoFactory(oficina=oficina)
    matricula = Matricula.objects.get(empleado=nueva)
    assert matricula.regla == regla and matricula.origen == Matricula.Origen.REGLA
    assert matricula.plazo == timezone.localdate() + timedelta(days=15)
    with django_capture_on_commit_callbacks(execute=True):
        EmpleadoFactory()  # another office: not matched
    assert Matricula.objects.filter(regla=regla).count() == 2


def test_regla_por_canal_se_aplica_cuando_se_guardan_los_canales(
    usuario_calidad, django_capture_on_commit_callbacks
):
    curso, _l, _p = curso_con_lecciones(n_lecciones=1)
    ReglaAsignacion.objects.create(
        nombre="Teléfono", curso=curso, canal=canal("telefonico"), plazo_dias=10
    )
    with django_capture_on_commit_callbacks(execute=True):
        agente = EmpleadoFactory(canales=["telefonico"])
        EmpleadoFactory(canales=["presencial"])
    assert list(Matricula.objects.values_list("empleado_id", flat=True)) == [agente.pk]


def test_un_curso_sin_publicar_no_se_asigna_ni_por_regla(usuario_calidad):
    """A draft course cannot be opened by the learner: assigning it (a crafted
    POST to the assignment screen, or a rule saved in the CMS) would leave
    people with a mandatory course they cannot take."""
    from django.core.exceptions import ValidationError

    oficina = OficinaFactory(canales=["presencial"])
    EmpleadoFactory(oficina=oficina, canales=["presencial"])
    curso, _l, _p = curso_con_lecciones(n_lecciones=1)
    curso.unpublish()
    with pytest.raises(ValidationError) as error:
        services.asignar(curso=curso, por=usuario_calidad, oficina=oficina)
    assert "publicado" in " ".join(error.value.messages)
    with pytest.raises(ValidationError):
        services.asignar_curso(
            curso=curso, por=usuario_calidad, oficina=oficina, permanente=True
        )
    assert not Matricula.objects.exists() and not ReglaAsignacion.objects.exists()
