"""The demo seeding of organizacion + formacion + evaluacion leaves formacion's
invariants intact: every completed enrolment has its lessons, its expiry (when
the course expires) and a certificate snapshot."""

import time

import pytest
from django.db.models import Count, Q

from demo import evaluacion as evaluacion_demo
from demo import formacion as formacion_demo
from demo import organizacion as organizacion_demo
from formacion.models import Certificado, LeccionPage, Matricula

pytestmark = pytest.mark.django_db


def test_demo_de_evaluacion_completa_cursos_con_certificado_y_caducidad():
    inicio = time.monotonic()
    organizacion_demo.sembrar()
    formacion_demo.sembrar()
    resumen = evaluacion_demo.sembrar()
    duracion = time.monotonic() - inicio
    assert resumen["cursos"] > 0

    completadas = Matricula.objects.filter(
        estado__in=[Matricula.Estado.COMPLETADA, Matricula.Estado.CADUCADA]
    ).select_related("curso")
    recomendadas = completadas.filter(origen=Matricula.Origen.RECOMENDACION)
    assert recomendadas.exists()
    # Every completion from the evaluation demo is a real one: a valid certificate.
    sin_certificado = recomendadas.annotate(
        n=Count("certificados", filter=Q(certificados__estado="emitido"))
    ).filter(n=0)
    assert list(sin_certificado.values_list("pk", flat=True)) == []
    # And formacion's own demo keeps its revoked examples, but no completion at
    # all is left without a certificate record.
    assert not completadas.filter(certificados__isnull=True).exists()
    lecciones = {}
    for m in completadas.annotate(hechas=Count("progresos")):
        assert m.completada_en is not None and m.iniciada_en is not None
        if m.curso.validez_meses:
            assert m.caduca_en is not None, m.pk
        if m.curso_id not in lecciones:
            lecciones[m.curso_id] = LeccionPage.objects.child_of(m.curso).count()
        assert m.hechas == lecciones[m.curso_id], m.pk
    certificado = Certificado.objects.filter(
        matricula__origen=Matricula.Origen.RECOMENDACION
    ).first()
    assert certificado.titulo_curso and certificado.fecha_fin

    # Idempotent: seeding again adds nothing.
    antes = (Matricula.objects.count(), Certificado.objects.count())
    evaluacion_demo.sembrar()
    assert (Matricula.objects.count(), Certificado.objects.count()) == antes
    print(f"demo seeding: {duracion:.1f} s")
