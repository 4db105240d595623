import hashlib

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from mejora import informe as documento
from mejora import services
from mejora.models import Informe, ModeloCalidad
from mejora.tasks import generar_pdf_informe
from tests.conftest import cliente_de
from tests.factories import EmpleadoFactory
from tests.mejora.conftest import _generar, _texto_pdf

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
        # A worker generating it beats (without a recent beat it is interrupted).
        latido=timezone.now(),
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


def test_aprobar_regenera_el_pdf_con_la_aprobacion_antes_de_sellarlo(
    datos, usuario_direccion, client, django_capture_on_commit_callbacks
):
    usuario_direccion.first_name, usuario_direccion.last_name = "Marta", "Ruiz"
    usuario_direccion.save()
    inf = _generar(datos, usuario_direccion, django_capture_on_commit_callbacks)
    assert "Pendiente de aprobación por la dirección" in _texto_pdf(inf)
    c = cliente_de(client, usuario_direccion)
    with django_capture_on_commit_callbacks(execute=True):
        r = c.post(reverse("mejora:informe_aprobar", args=[inf.pk]))
    assert r.status_code == 302
    inf.refresh_from_db()
    assert inf.estado == Informe.Estado.APROBADO
    fecha = timezone.localtime(inf.aprobado_en).strftime("%d/%m/%Y")
    texto = _texto_pdf(inf)  # also checks the stored SHA-256 against the file
    assert "Pendiente de aprobación" not in texto
    assert f"Aprobado por Marta Ruiz el {fecha}" in texto
    html = c.get(reverse("mejora:informe", args=[inf.pk])).content.decode()
    assert "Pendiente de aprobación" not in html
    assert f"Aprobado por Marta Ruiz el {fecha}" in html and inf.sha256 in html
    descarga = c.get(reverse("mejora:informe_pdf", args=[inf.pk]))
    contenido = b"".join(descarga.streaming_content)
    assert hashlib.sha256(contenido).hexdigest() == inf.sha256
    assert descarga["X-Content-SHA256"] == inf.sha256
    # Frozen: no task run (old or repeated message) touches it again.
    sha, nombre = inf.sha256, inf.archivo.name
    generar_pdf_informe(inf.pk, inf.version)
    generar_pdf_informe(inf.pk, inf.version - 1)
    inf.refresh_from_db()
    assert (inf.sha256, inf.archivo.name) == (sha, nombre)
    assert c.post(reverse("mejora:informe_regenerar", args=[inf.pk])).status_code == 409


def test_si_falla_el_pdf_definitivo_la_aprobacion_se_reintenta(
    datos, usuario_direccion, client, monkeypatch, django_capture_on_commit_callbacks
):
    inf = _generar(datos, usuario_direccion, django_capture_on_commit_callbacks)
    original = documento.pdf

    def roto(d):
        raise ValueError("fallo de composición")

    monkeypatch.setattr(documento, "pdf", roto)
    c = cliente_de(client, usuario_direccion)
    with pytest.raises(ValueError):
        with django_capture_on_commit_callbacks(execute=True):
            c.post(reverse("mejora:informe_aprobar", args=[inf.pk]))
    inf.refresh_from_db()
    assert inf.estado == Informe.Estado.ERROR and inf.aprobado_por == usuario_direccion
    html = c.get(reverse("mejora:informe", args=[inf.pk])).content.decode()
    assert "Aprobar (congela el informe)" in html and "Regenerar" not in html
    monkeypatch.setattr(documento, "pdf", original)
    with django_capture_on_commit_callbacks(execute=True):
        c.post(reverse("mejora:informe_aprobar", args=[inf.pk]))
    inf.refresh_from_db()
    assert inf.estado == Informe.Estado.APROBADO
    assert "Aprobado por" in _texto_pdf(inf)
