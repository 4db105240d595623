from datetime import date

import pytest
from django.core import mail

from mejora import services
from mejora.models import Informe, ModeloCalidad
from tests.mejora.conftest import _generar, _texto_pdf

pytestmark = pytest.mark.django_db


def test_informe_sin_datos_se_genera_y_lo_dice(
    usuario_direccion, django_capture_on_commit_callbacks
):
    efqm = ModeloCalidad.objects.get(codigo="EFQM")
    with django_capture_on_commit_callbacks(execute=True):
        inf = services.solicitar_informe(
            tipo="mensual", periodo="2026-05", modelo=efqm, por=usuario_direccion
        )
    inf.refresh_from_db()
    assert inf.estado == Informe.Estado.LISTO
    texto = _texto_pdf(inf)
    assert "sin datos" in texto


def test_informe_programado_trimestral_avisa_a_direccion(
    usuario_direccion, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        inf = services.programar_informes(hoy=date(2026, 7, 3), tipo="trimestral")
    inf.refresh_from_db()
    assert (
        inf.periodo == "2026-Q2"
        and inf.estado == Informe.Estado.LISTO
        and inf.solicitado_por is None
    )
    assert usuario_direccion.email in mail.outbox[-1].to
    # Running the schedule again does not regenerate a finished report.
    assert (
        services.programar_informes(hoy=date(2026, 7, 3), tipo="trimestral").version
        == inf.version
    )


def test_la_cola_del_informe_se_sustituye_en_mejora_services(
    monkeypatch, usuario_direccion, django_capture_on_commit_callbacks
):
    # The browser tests play the worker by replacing mejora.services._encolar_informe:
    # requesting and approving must queue through that name.
    encolados = []
    monkeypatch.setattr(
        services, "_encolar_informe", lambda pk, version: encolados.append(version)
    )
    with django_capture_on_commit_callbacks(execute=True):
        inf = services.solicitar_informe(
            tipo="trimestral",
            periodo="2026-Q2",
            modelo=ModeloCalidad.objects.get(codigo="EFQM"),
        )
    Informe.objects.filter(pk=inf.pk).update(estado=Informe.Estado.LISTO)
    with django_capture_on_commit_callbacks(execute=True):
        services.aprobar_informe(informe=inf, por=usuario_direccion)
    assert encolados == [1, 2]
    inf.refresh_from_db()
    assert inf.estado == Informe.Estado.PENDIENTE and inf.progreso == 0


def test_mientras_se_aprueba_no_se_puede_regenerar_ni_aprobar_otra_vez(
    datos, usuario_direccion, django_capture_on_commit_callbacks
):
    inf = _generar(datos, usuario_direccion, django_capture_on_commit_callbacks)
    services.aprobar_informe(informe=inf, por=usuario_direccion)  # task not run
    inf.refresh_from_db()
    assert inf.estado != Informe.Estado.APROBADO and inf.aprobado_por is not None
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.solicitar_informe(
            tipo="trimestral",
            periodo="2026-Q2",
            modelo=datos["efqm"],
            por=usuario_direccion,
        )
    with pytest.raises(ValidationError):
        services.aprobar_informe(informe=inf, por=usuario_direccion)
