"""organizacion/admin.py: only quality staff import the staff file from the admin."""

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from organizacion.models import Empleado
from tests.factories import PuestoFactory, UsuarioFactory

pytestmark = pytest.mark.django_db


IMPORTAR = "/admin/organizacion/empleado/importar/"


@pytest.fixture
def cliente_calidad(client, usuario_calidad):
    client.force_login(usuario_calidad)
    return client


def _fichero(filas, nombre="empleados.csv"):
    texto = "\r\n".join(";".join(f) for f in filas)
    return SimpleUploadedFile(
        nombre, texto.encode("utf-8-sig"), content_type="text/csv"
    )


CABECERA = ["Identificador", "Nombre", "Apellidos", "Oficina", "Puesto"]


def test_personal_de_la_administracion_sin_perfil_de_calidad_no_importa(client):
    usuario = UsuarioFactory(is_staff=True)
    usuario.user_permissions.add(Permission.objects.get(codename="view_empleado"))
    client.force_login(usuario)
    assert client.get(IMPORTAR).status_code == 403
    lista = client.get(reverse("admin:organizacion_empleado_changelist"))
    assert lista.status_code == 200
    assert IMPORTAR not in lista.content.decode()


def test_la_lista_de_empleados_enlaza_la_importacion(cliente_calidad):
    respuesta = cliente_calidad.get(reverse("admin:organizacion_empleado_changelist"))
    assert f"{IMPORTAR}?tipo=empleados" in respuesta.content.decode()
    respuesta = cliente_calidad.get(reverse("admin:organizacion_oficina_changelist"))
    assert f"{IMPORTAR}?tipo=oficinas" in respuesta.content.decode()
    respuesta = cliente_calidad.get(reverse("admin:organizacion_servicio_changelist"))
    assert f"{IMPORTAR}?tipo=servicios" in respuesta.content.decode()


def test_calidad_importa_desde_la_administracion(cliente_calidad, usuario_calidad):
    oficina = usuario_calidad.empleado.oficina
    PuestoFactory(codigo="informador")
    fichero = _fichero(
        [CABECERA, ["W1", "Ana", "Gil", oficina.codigo_dir3, "informador"]]
    )
    respuesta = cliente_calidad.post(IMPORTAR, {"fichero": fichero, "tipo": "auto"})
    assert respuesta.status_code == 200
    assert "Importación completada" in respuesta.content.decode()
    assert Empleado.objects.filter(identificador="W1").exists()


def test_la_importacion_con_errores_responde_422_y_lista_linea_y_columna(
    cliente_calidad,
):
    PuestoFactory(codigo="informador")
    fichero = _fichero([CABECERA, ["W2", "Ana", "Gil", "O99999999", "informador"]])
    respuesta = cliente_calidad.post(
        IMPORTAR, {"fichero": fichero, "tipo": "empleados"}
    )
    assert respuesta.status_code == 422
    html = respuesta.content.decode()
    assert "no se ha importado nada" in html
    assert "<td>2</td><td>D (Oficina)</td>" in html
    assert not Empleado.objects.filter(identificador="W2").exists()


def test_la_simulacion_desde_la_administracion_no_guarda(
    cliente_calidad, usuario_calidad
):
    PuestoFactory(codigo="informador")
    oficina = usuario_calidad.empleado.oficina
    fichero = _fichero(
        [CABECERA, ["W3", "Ana", "Gil", oficina.codigo_dir3, "informador"]]
    )
    respuesta = cliente_calidad.post(
        IMPORTAR, {"fichero": fichero, "tipo": "auto", "simular": "on"}
    )
    assert respuesta.status_code == 200
    assert "Simulación correcta" in respuesta.content.decode()
    assert not Empleado.objects.filter(identificador="W3").exists()


def test_el_formulario_sin_fichero_o_con_otra_extension_responde_400(cliente_calidad):
    assert cliente_calidad.post(IMPORTAR, {"tipo": "auto"}).status_code == 400
    pdf = SimpleUploadedFile(
        "plantilla.pdf", b"%PDF-1.7", content_type="application/pdf"
    )
    respuesta = cliente_calidad.post(IMPORTAR, {"fichero": pdf, "tipo": "auto"})
    assert respuesta.status_code == 400
    assert ".xlsx" in respuesta.content.decode()
