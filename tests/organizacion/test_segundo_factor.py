"""The TOTP second factor: who must pass it, the enrolment with a QR drawn by
the server, the verification after the password, recovery codes, and the
middleware that keeps the app, /admin/ and /cms/ closed until then."""

import pytest
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from organizacion import segundo_factor
from tests.factories import EmpleadoFactory, UsuarioFactory
from tests.factories.organizacion import CONTRASENA

pytestmark = pytest.mark.django_db

LOGIN = "/cuenta/login/"
ALTA = "/cuenta/segundo-factor/alta/"
VERIFICAR = "/cuenta/segundo-factor/"


def codigo(dispositivo) -> str:
    totp = TOTP(
        dispositivo.bin_key, dispositivo.step, dispositivo.t0, dispositivo.digits
    )
    totp.drift = dispositivo.drift
    return f"{totp.token():0{dispositivo.digits}d}"


def entrar(client, usuario):
    respuesta = client.post(
        LOGIN, {"username": usuario.username, "password": CONTRASENA}
    )
    assert respuesta.status_code == 302
    return respuesta


@pytest.fixture
def obligatorio(settings):
    settings.TOTP_OBLIGATORIO = True


@pytest.fixture
def calidad(db):
    return EmpleadoFactory(usuario__roles=["empleado", "calidad"]).usuario


def con_dispositivo(usuario) -> TOTPDevice:
    return TOTPDevice.objects.create(user=usuario, name="app", confirmed=True)


@pytest.mark.parametrize(
    "roles,staff,superuser,debe",
    [
        (["empleado"], False, False, False),
        (["empleado", "supervisor"], False, False, False),
        (["empleado", "direccion"], False, False, True),
        (["empleado", "calidad"], False, False, True),
        ([], True, False, True),
        ([], False, True, True),
    ],
)
def test_deben_segundo_factor_direccion_calidad_y_administracion(
    roles, staff, superuser, debe
):
    usuario = UsuarioFactory(roles=roles, is_staff=staff, is_superuser=superuser)
    assert segundo_factor.debe_segundo_factor(usuario) is debe


@pytest.mark.parametrize("ruta", ["/inicio/", "/admin/", "/cms/", "/mejora/"])
def test_obligatorio_sin_alta_todo_lleva_a_darse_de_alta(client, obligatorio, ruta):
    usuario = UsuarioFactory(roles=["empleado", "calidad"], is_staff=True)
    entrar(client, usuario)
    respuesta = client.get(ruta)
    assert respuesta.status_code == 302
    assert respuesta["Location"].startswith(f"{ALTA}?next=")


def test_sin_obligacion_ni_dispositivo_se_entra_como_siempre(client, calidad):
    entrar(client, calidad)
    assert client.get("/inicio/").status_code == 200


def test_obligatorio_no_alcanza_a_quien_solo_es_empleado(client, obligatorio):
    empleado = EmpleadoFactory().usuario
    entrar(client, empleado)
    assert client.get("/inicio/").status_code == 200


def test_la_alta_muestra_un_qr_svg_sin_script_ni_estilos_en_linea(
    client, obligatorio, calidad
):
    entrar(client, calidad)
    respuesta = client.get(ALTA)
    assert respuesta.status_code == 200
    pagina = respuesta.content.decode()
    assert "<svg" in pagina and "<title>" in pagina
    assert "<script" not in pagina and "style=" not in pagina
    dispositivo = TOTPDevice.objects.get(user=calidad)
    assert not dispositivo.confirmed
    # The same unconfirmed authenticator on reload, not a new one each time.
    client.get(ALTA)
    assert TOTPDevice.objects.filter(user=calidad).count() == 1


def test_alta_con_codigo_equivocado_no_se_confirma(client, obligatorio, calidad):
    entrar(client, calidad)
    client.get(ALTA)
    respuesta = client.post(ALTA, {"codigo": "000000"})
    assert respuesta.status_code == 400
    assert "no es correcto" in respuesta.content.decode()
    assert not TOTPDevice.objects.get(user=calidad).confirmed
    assert client.get("/inicio/").status_code == 302


def test_alta_confirmada_abre_el_sitio_y_da_codigos_de_recuperacion(
    client, obligatorio, calidad
):
    entrar(client, calidad)
    client.get(ALTA)
    dispositivo = TOTPDevice.objects.get(user=calidad)
    respuesta = client.post(ALTA, {"codigo": codigo(dispositivo), "next": "/mejora/"})
    assert respuesta.status_code == 200
    assert StaticToken.objects.filter(device__user=calidad).count() == 10
    for token in StaticToken.objects.filter(device__user=calidad):
        assert token.token in respuesta.content.decode()
    assert 'href="/mejora/"' in respuesta.content.decode()
    dispositivo.refresh_from_db()
    assert dispositivo.confirmed
    assert client.get("/inicio/").status_code == 200


def test_con_dispositivo_se_pide_el_codigo_aunque_no_sea_obligatorio(client, calidad):
    dispositivo = con_dispositivo(calidad)
    entrar(client, calidad)
    respuesta = client.get("/inicio/")
    assert respuesta["Location"] == f"{VERIFICAR}?next=%2Finicio%2F"
    respuesta = client.post(
        VERIFICAR, {"codigo": codigo(dispositivo), "next": "/inicio/"}
    )
    assert respuesta.status_code == 302 and respuesta["Location"] == "/inicio/"
    assert client.get("/inicio/").status_code == 200


def test_codigo_equivocado_no_verifica(client, calidad):
    con_dispositivo(calidad)
    entrar(client, calidad)
    respuesta = client.post(VERIFICAR, {"codigo": "123456"})
    assert respuesta.status_code == 400
    assert client.get("/admin/").status_code == 302


@pytest.mark.parametrize("basura", ["12\x0034", "<script>", "9" * 200, ""])
def test_codigo_con_basura_es_un_400(client, calidad, basura):
    con_dispositivo(calidad)
    entrar(client, calidad)
    assert client.post(VERIFICAR, {"codigo": basura}).status_code == 400


def test_un_codigo_de_recuperacion_vale_una_sola_vez(client, calidad):
    con_dispositivo(calidad)
    recuperacion = StaticDevice.objects.create(user=calidad, name="recuperacion")
    recuperacion.token_set.create(token="abcd1234")
    entrar(client, calidad)
    assert client.post(VERIFICAR, {"codigo": "abcd1234"}).status_code == 302
    assert client.get("/inicio/").status_code == 200
    client.post(reverse("logout"))
    entrar(client, calidad)
    assert client.post(VERIFICAR, {"codigo": "abcd1234"}).status_code == 400


def test_sin_verificar_no_se_puede_cambiar_de_dispositivo(client, calidad):
    con_dispositivo(calidad)
    entrar(client, calidad)
    respuesta = client.get(ALTA)
    assert respuesta.status_code == 302 and respuesta["Location"] == VERIFICAR
    assert TOTPDevice.objects.filter(user=calidad).count() == 1


def test_la_vuelta_no_sale_del_sitio(client, calidad):
    dispositivo = con_dispositivo(calidad)
    entrar(client, calidad)
    respuesta = client.post(
        VERIFICAR, {"codigo": codigo(dispositivo), "next": "https://ejemplo.org/"}
    )
    assert respuesta["Location"] == "/inicio/"


def test_salir_y_cambiar_de_idioma_no_piden_el_codigo(client, calidad):
    con_dispositivo(calidad)
    entrar(client, calidad)
    assert client.post("/i18n/setlang/", {"language": "ca"}).status_code == 302
    assert client.post(reverse("logout"))["Location"] == reverse("login")


def test_la_entrada_del_admin_tambien_pide_el_segundo_factor(client, obligatorio):
    admin = UsuarioFactory(is_staff=True, is_superuser=True)
    respuesta = client.post(
        "/admin/login/?next=/admin/",
        {"username": admin.username, "password": CONTRASENA, "next": "/admin/"},
    )
    assert respuesta.status_code == 302
    assert client.get("/admin/")["Location"].startswith(ALTA)


def test_el_inicio_enlaza_el_alta_voluntaria_y_el_cambio(client, calidad):
    """Not obligatory, anyone may add it: the home page is where they find it."""
    entrar(client, calidad)
    html = client.get(reverse("inicio")).content.decode()
    assert f'href="{ALTA}"' in html and "Activar el segundo factor" in html
    dispositivo = con_dispositivo(calidad)
    client.logout()
    entrar(client, calidad)
    assert client.post(VERIFICAR, {"codigo": codigo(dispositivo)}).status_code == 302
    html = client.get(reverse("inicio")).content.decode()
    assert f'href="{ALTA}"' in html
    assert "Cambiar la aplicación de autenticación" in html
    assert "Activar el segundo factor" not in html
