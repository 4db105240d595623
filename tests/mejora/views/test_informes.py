import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from mejora import services
from mejora.models import (
    Informe,
    ModeloCalidad,
)
from tests.conftest import cliente_de
from tests.factories import EmpleadoFactory
from tests.mejora.conftest import _generar

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "roles,esperado",
    [
        (["empleado", "calidad"], 403),
        (["empleado", "supervisor"], 403),
        (["empleado", "direccion"], 409),
    ],
)
def test_solo_direccion_aprueba_informes(client, objetos, roles, esperado):
    client.force_login(EmpleadoFactory(usuario__roles=roles).usuario)
    # The report is not generated yet: dirección gets a clear 409, others 403.
    assert (
        client.post(
            reverse("mejora:informe_aprobar", args=[objetos["informe"].pk])
        ).status_code
        == esperado
    )


def test_pdf_inexistente_da_409_con_mensaje(client, objetos, usuario_direccion):
    r = cliente_de(client, usuario_direccion).get(
        reverse("mejora:informe_pdf", args=[objetos["informe"].pk])
    )
    assert r.status_code == 409 and "aún no está generado" in r.content.decode()


def test_regenerar_antes_de_aprobar_sustituye_y_aprobar_congela(
    datos, usuario_direccion, client, django_capture_on_commit_callbacks
):
    inf = _generar(datos, usuario_direccion, django_capture_on_commit_callbacks)
    primero = inf.archivo.name
    inf2 = _generar(datos, usuario_direccion, django_capture_on_commit_callbacks)
    assert inf2.pk == inf.pk and inf2.version == inf.version + 1
    assert Informe.objects.count() == 1
    assert not inf.archivo.storage.exists(primero) or primero == inf2.archivo.name
    c = cliente_de(client, usuario_direccion)
    with django_capture_on_commit_callbacks(execute=True):  # the final PDF task
        r = c.post(reverse("mejora:informe_aprobar", args=[inf.pk]))
    assert r.status_code == 302
    inf2.refresh_from_db()
    assert inf2.estado == Informe.Estado.APROBADO
    with pytest.raises(ValidationError):
        services.solicitar_informe(
            tipo="trimestral",
            periodo="2026-Q2",
            modelo=datos["efqm"],
            por=usuario_direccion,
        )
    assert c.post(reverse("mejora:informe_regenerar", args=[inf.pk])).status_code == 409
    from mejora.tasks import generar_pdf_informe

    sha = inf2.sha256
    generar_pdf_informe(inf.pk, inf2.version)
    inf2.refresh_from_db()
    assert inf2.estado == Informe.Estado.APROBADO and inf2.sha256 == sha
    assert c.post(reverse("mejora:informe_aprobar", args=[inf.pk])).status_code == 409


def test_pagina_del_informe_html_y_descarga(
    datos, usuario_direccion, client, django_capture_on_commit_callbacks
):
    inf = _generar(datos, usuario_direccion, django_capture_on_commit_callbacks)
    c = cliente_de(client, usuario_direccion)
    r = c.get(reverse("mejora:informe", args=[inf.pk]))
    html = r.content.decode()
    assert r.status_code == 200 and "75,0" in html and "9. Anexo" in html
    assert "<svg" in html
    r = c.get(reverse("mejora:informe_pdf", args=[inf.pk]))
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    assert r["X-Content-SHA256"] == inf.sha256
    estado = c.get(reverse("mejora:informe_estado", args=[inf.pk])).json()
    assert estado["listo"] is True and estado["progreso"] == 100


def test_pagina_en_curso_funciona_sin_js_con_meta_refresh(
    datos, usuario_direccion, client
):
    inf = Informe.objects.create(
        tipo="trimestral",
        periodo="2026-Q2",
        modelo=datos["efqm"],
        estado="generando",
        progreso=40,
        etapa="Autoevaluación",
        version=1,
    )
    html = (
        cliente_de(client, usuario_direccion)
        .get(reverse("mejora:informe", args=[inf.pk]))
        .content.decode()
    )
    assert (
        'http-equiv="refresh"' in html and "40" in html and "mejora_informe.js" in html
    )


def test_periodo_incoherente_con_el_tipo_se_rechaza(usuario_direccion, client):
    efqm = ModeloCalidad.objects.get(codigo="EFQM")
    with pytest.raises(ValidationError):
        services.solicitar_informe(tipo="mensual", periodo="2026-Q2", modelo=efqm)
    r = cliente_de(client, usuario_direccion).post(
        reverse("mejora:informes"),
        {
            "tipo": "trimestral",
            "periodo": "2026-07",
            "modelo": efqm.pk,
            "ambito": "organizacion",
        },
    )
    assert r.status_code == 400
