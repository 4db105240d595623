import pytest
from django.core.exceptions import ValidationError

from formacion import services
from formacion.models import Certificado, Matricula
from tests.factories import EmpleadoFactory, curso_con_lecciones

pytestmark = pytest.mark.django_db


def _certificado_de_asistencia() -> Certificado:
    """The certificate of someone who finished a one-lesson attendance course."""
    curso, lecciones, _p = curso_con_lecciones(
        n_lecciones=1, tipo_certificado="asistencia"
    )
    matricula = services.matricular(
        empleado=EmpleadoFactory(), curso=curso, origen="propia"
    )
    services.completar_leccion(matricula=matricula, leccion=lecciones[0])
    return matricula.certificados.get()


def test_revocar_y_reemitir_certificado(usuario_calidad):
    original = _certificado_de_asistencia()
    with pytest.raises(ValidationError):
        services.revocar_certificado(
            certificado=original, por=usuario_calidad, motivo=""
        )
    nuevo = services.reemitir_certificado(
        certificado=original, por=usuario_calidad, motivo="Corrección del nombre"
    )
    original.refresh_from_db()
    assert (
        original.estado == Certificado.Estado.REVOCADO
        and original.situacion() == "revocado"
    )
    assert nuevo.sustituye_a == original and nuevo.codigo != original.codigo
    assert nuevo.fecha_fin == original.fecha_fin
    assert len(nuevo.codigo.replace("-", "")) * 5 >= 80


def test_una_nueva_finalizacion_del_mismo_curso_sustituye_al_certificado_vigente():
    empleado = EmpleadoFactory()
    curso, lecciones, _p = curso_con_lecciones(
        n_lecciones=1, tipo_certificado="asistencia", validez_meses=24
    )
    primera = services.matricular(empleado=empleado, curso=curso, origen="propia")
    services.completar_leccion(matricula=primera, leccion=lecciones[0])
    anterior = primera.certificados.get()
    # The platform lets the person enrol again (a recommendation, a renewal)…
    segunda = services.matricular(
        empleado=empleado, curso=curso, origen=Matricula.Origen.RECOMENDACION
    )
    assert segunda.pk != primera.pk
    services.completar_leccion(matricula=segunda, leccion=lecciones[0])
    nuevo = segunda.certificados.get()
    anterior.refresh_from_db()
    # … but only the newest certificate stays valid: hours are not counted twice.
    assert anterior.situacion() == "revocado" and nuevo.situacion() == "valido"
    assert nuevo.sustituye_a == anterior and nuevo.codigo in anterior.motivo_revocacion
    assert (
        Certificado.objects.filter(
            empleado=empleado, curso=curso, estado=Certificado.Estado.EMITIDO
        ).count()
        == 1
    )
    # Issuing again is still idempotent and supersedes nothing more.
    assert services.emitir_certificado(matricula=segunda).pk == nuevo.pk


def test_con_la_cache_caida_el_pdf_del_certificado_se_encola(
    django_capture_on_commit_callbacks,
):
    from django.test import override_settings

    from tests.encuestas.test_seguridad import CACHE_CAIDA

    certificado = _certificado_de_asistencia()
    Certificado.objects.filter(pk=certificado.pk).update(pdf="")
    certificado.refresh_from_db()
    with (
        override_settings(CACHES=CACHE_CAIDA),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert services.encolar_pdf_certificado(certificado=certificado) is True
    certificado.refresh_from_db()
    assert certificado.pdf  # the (eager) worker generated it
