"""Permission matrix: role × page → expected status, for every page of the platform."""

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from organizacion.models import Empleado, Importacion
from tests.factories import EmpleadoFactory, PuestoFactory, UsuarioFactory

pytestmark = pytest.mark.django_db

ROLES = {
    "anonimo": None,
    "empleado": ["empleado"],
    "supervisor": ["empleado", "supervisor"],
    "direccion": ["empleado", "direccion"],
    "calidad": ["empleado", "calidad"],
    "superusuario": [],
}
IMPORTAR = "/admin/organizacion/empleado/importar/"
PAGINAS = [
    "/inicio/",
    "/organizacion/oficinas/",
    "/organizacion/equipo/",
    "empleado:propio",
    "empleado:equipo",
    "empleado:otro",
    "/admin/",
    "/cms/",
    IMPORTAR,
]
# 302 for the anonymous user is the way to the login page; the Django and Wagtail
# admins also send signed-in people without access back to their own login page.
ESPERADO = {
    #               inicio ofic. equipo propio miembro otro admin cms importar
    "anonimo": [302, 302, 302, 302, 302, 302, 302, 302, 302],
    "empleado": [200, 403, 403, 200, 403, 403, 302, 302, 302],
    "supervisor": [200, 403, 200, 200, 200, 403, 302, 302, 302],
    "direccion": [200, 200, 403, 200, 200, 200, 302, 302, 302],
    "calidad": [200, 200, 403, 200, 403, 403, 200, 200, 200],
    "superusuario": [200, 200, 200, 200, 200, 200, 200, 200, 200],
}
CASOS = [
    (rol, pagina, ESPERADO[rol][i]) for rol in ROLES for i, pagina in enumerate(PAGINAS)
]


@pytest.fixture
def escenario(db):
    """For each role, a person with a direct and an indirect report, plus a stranger."""

    def crear(rol):
        if ROLES[rol] is None:
            persona = EmpleadoFactory()
            usuario = None
        elif rol == "superusuario":
            persona = EmpleadoFactory(
                usuario__is_superuser=True, usuario__is_staff=True
            )
            usuario = persona.usuario
        else:
            persona = EmpleadoFactory(usuario__roles=ROLES[rol])
            usuario = persona.usuario
            if rol == "calidad":
                usuario.is_staff = True
                usuario.save(update_fields=["is_staff"])
        directo = EmpleadoFactory(supervisor=persona)
        indirecto = EmpleadoFactory(supervisor=directo)
        otro = EmpleadoFactory()
        return usuario, {"propio": persona, "equipo": indirecto, "otro": otro}

    return crear


def _url(pagina, personas):
    if pagina.startswith("empleado:"):
        return reverse(
            "organizacion:empleado", args=[personas[pagina.split(":")[1]].pk]
        )
    return pagina


@pytest.mark.parametrize(
    "rol,pagina,estado", CASOS, ids=[f"{r}-{p}" for r, p, _ in CASOS]
)
def test_matriz_de_permisos(client, escenario, rol, pagina, estado):
    usuario, personas = escenario(rol)
    if usuario is not None:
        client.force_login(usuario)
    respuesta = client.get(_url(pagina, personas))
    assert respuesta.status_code == estado
    if (
        estado == 302
        and usuario is None
        and not pagina.startswith(("/admin/", "/cms/"))
    ):
        assert respuesta["Location"].startswith(reverse("login"))


def test_empleado_inexistente_es_404(client, usuario_direccion):
    client.force_login(usuario_direccion)
    assert (
        client.get(reverse("organizacion:empleado", args=[999999])).status_code == 404
    )


def test_personal_de_la_administracion_sin_perfil_de_calidad_no_importa(client):
    usuario = UsuarioFactory(is_staff=True)
    usuario.user_permissions.add(Permission.objects.get(codename="view_empleado"))
    client.force_login(usuario)
    assert client.get(IMPORTAR).status_code == 403
    lista = client.get(reverse("admin:organizacion_empleado_changelist"))
    assert lista.status_code == 200
    assert IMPORTAR not in lista.content.decode()


# --- the import page in the admin -------------------------------------------------


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


@pytest.fixture
def importar_en_cola(django_capture_on_commit_callbacks):
    """Upload: the page answers at once with a redirect to the import's own page;
    the task (eager here) runs after commit, and that page shows its report."""

    def importar(cliente, datos):
        with django_capture_on_commit_callbacks(execute=True):
            respuesta = cliente.post(IMPORTAR, datos)
        assert respuesta.status_code == 302
        importacion = Importacion.objects.latest("pk")
        assert respuesta["Location"] == reverse(
            "admin:organizacion_empleado_importacion", args=[importacion.pk]
        )
        # The uploaded file lived in private storage only while it was imported.
        importacion.refresh_from_db()
        assert importacion.estado == Importacion.Estado.TERMINADA
        assert not importacion.fichero
        return cliente.get(respuesta["Location"])

    return importar


def test_la_lista_de_empleados_enlaza_la_importacion(cliente_calidad):
    respuesta = cliente_calidad.get(reverse("admin:organizacion_empleado_changelist"))
    assert f"{IMPORTAR}?tipo=empleados" in respuesta.content.decode()
    respuesta = cliente_calidad.get(reverse("admin:organizacion_oficina_changelist"))
    assert f"{IMPORTAR}?tipo=oficinas" in respuesta.content.decode()
    respuesta = cliente_calidad.get(reverse("admin:organizacion_servicio_changelist"))
    assert f"{IMPORTAR}?tipo=servicios" in respuesta.content.decode()


def test_calidad_importa_desde_la_administracion(
    cliente_calidad, usuario_calidad, importar_en_cola
):
    oficina = usuario_calidad.empleado.oficina
    PuestoFactory(codigo="informador")
    fichero = _fichero(
        [CABECERA, ["W1", "Ana", "Gil", oficina.codigo_dir3, "informador"]]
    )
    respuesta = importar_en_cola(cliente_calidad, {"fichero": fichero, "tipo": "auto"})
    assert respuesta.status_code == 200
    assert "Importación completada" in respuesta.content.decode()
    assert Empleado.objects.filter(identificador="W1").exists()


def test_la_importacion_con_errores_responde_422_y_lista_linea_y_columna(
    cliente_calidad, importar_en_cola
):
    PuestoFactory(codigo="informador")
    fichero = _fichero([CABECERA, ["W2", "Ana", "Gil", "O99999999", "informador"]])
    respuesta = importar_en_cola(
        cliente_calidad, {"fichero": fichero, "tipo": "empleados"}
    )
    assert respuesta.status_code == 422
    html = respuesta.content.decode()
    assert "no se ha importado nada" in html
    assert "<td>2</td><td>D (Oficina)</td>" in html
    assert not Empleado.objects.filter(identificador="W2").exists()


def test_la_simulacion_desde_la_administracion_no_guarda(
    cliente_calidad, usuario_calidad, importar_en_cola
):
    PuestoFactory(codigo="informador")
    oficina = usuario_calidad.empleado.oficina
    fichero = _fichero(
        [CABECERA, ["W3", "Ana", "Gil", oficina.codigo_dir3, "informador"]]
    )
    respuesta = importar_en_cola(
        cliente_calidad, {"fichero": fichero, "tipo": "auto", "simular": "on"}
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
