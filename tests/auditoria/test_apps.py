"""The data-protection officer's download of someone else's ZIP (RGPD arts. 15
and 20) is an export of all their personal data: the access log records it. The
employee downloading their own writes nothing."""

import pytest
from django.urls import reverse

from auditoria.models import AccesoDatos
from tests.factories import EmpleadoFactory

pytestmark = pytest.mark.django_db


def _descargar(client, usuario, empleado):
    client.force_login(usuario)
    respuesta = client.get(reverse("organizacion:exportar_datos", args=[empleado.pk]))
    assert respuesta.status_code == 200
    b"".join(respuesta.streaming_content)
    return respuesta


def test_el_zip_de_otra_persona_descargado_por_el_dpd_queda_registrado(client):
    ana = EmpleadoFactory(identificador="A000123")
    dpd = EmpleadoFactory(usuario__roles=["empleado", "dpd"]).usuario
    url = reverse("organizacion:exportar_datos", args=[ana.pk])
    _descargar(client, dpd, ana)
    acceso = AccesoDatos.objects.get()
    assert (
        acceso.usuario_nombre,
        acceso.categoria,
        acceso.accion,
        acceso.sujeto_identificador,
        acceso.objeto_tipo,
        acceso.objeto_id,
        acceso.ruta,
        acceso.metodo,
    ) == (
        dpd.username,
        AccesoDatos.Categoria.EXPORTACION,
        AccesoDatos.Accion.EXPORTAR,
        "A000123",
        "organizacion.empleado",
        str(ana.pk),
        url,
        "GET",
    )
    assert "dpd" in acceso.roles.split(",")


def test_el_propio_zip_no_se_registra_ni_un_intento_denegado(client):
    ana = EmpleadoFactory()
    _descargar(client, ana.usuario, ana)
    companera = EmpleadoFactory(oficina=ana.oficina)
    client.force_login(companera.usuario)
    url = reverse("organizacion:exportar_datos", args=[ana.pk])
    assert client.get(url).status_code == 403
    assert not AccesoDatos.objects.exists()
