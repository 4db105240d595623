"""Public verification (/verificar/): a code typed as people type it still finds
the certificate; a wrong one answers "not found", never a 500."""

import pytest
from django.urls import reverse

from formacion import services
from tests.factories import EmpleadoFactory, curso_con_lecciones

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificado(db):
    empleada = EmpleadoFactory()
    curso, lecciones, _p = curso_con_lecciones(
        n_lecciones=1, tipo_certificado="asistencia"
    )
    matricula = services.matricular(empleado=empleada, curso=curso, origen="propia")
    services.completar_leccion(matricula=matricula, leccion=lecciones[0])
    return matricula.certificados.get()


def _variantes(codigo: str) -> dict[str, str]:
    sin_guiones = codigo.replace("-", "")
    return {
        "con guiones": codigo,
        "sin guiones": sin_guiones,
        "en minúsculas": codigo.lower(),
        "en minúsculas sin guiones": sin_guiones.lower(),
        "con espacios": "  " + codigo.replace("-", " ") + " ",
        "con espacios dentro de los grupos": " ".join(sin_guiones),
        "con guiones tipográficos": codigo.replace("-", "–"),
    }


@pytest.mark.parametrize(
    "variante",
    [
        "con guiones",
        "sin guiones",
        "en minúsculas",
        "en minúsculas sin guiones",
        "con espacios",
        "con espacios dentro de los grupos",
        "con guiones tipográficos",
    ],
)
def test_el_formulario_encuentra_el_certificado_escriba_como_se_escriba_el_codigo(
    client, certificado, variante
):
    tecleado = _variantes(certificado.codigo)[variante]
    respuesta = client.get(
        reverse("formacion:verificar_formulario"), {"codigo": tecleado}, follow=True
    )
    assert respuesta.status_code == 200
    assert respuesta.redirect_chain[-1][0] == reverse(
        "formacion:verificar", args=[certificado.codigo]
    )
    texto = respuesta.content.decode()
    assert certificado.nombre_persona in texto and certificado.codigo in texto


def test_la_direccion_con_el_codigo_sin_normalizar_tambien_lo_encuentra(
    client, certificado
):
    tecleado = certificado.codigo.replace("-", "").lower()
    respuesta = client.get(reverse("formacion:verificar", args=[tecleado]))
    assert respuesta.status_code == 200
    assert certificado.nombre_persona in respuesta.content.decode()


@pytest.mark.parametrize(
    "tecleado",
    ["AAAA-BBBB-CCCC-DDDD-EEEE-FFFF", "aaaabbbbccccddddeeeeffff", "corto", "¿?%/"],
)
def test_un_codigo_equivocado_responde_no_encontrado(client, certificado, tecleado):
    respuesta = client.get(
        reverse("formacion:verificar_formulario"), {"codigo": tecleado}, follow=True
    )
    assert respuesta.status_code == 404
    texto = respuesta.content.decode()
    assert "Certificado no encontrado" in texto
    assert certificado.nombre_persona not in texto


def test_el_formulario_vacio_pide_el_codigo(client):
    respuesta = client.get(reverse("formacion:verificar_formulario"), {"codigo": "  "})
    assert respuesta.status_code == 200
    assert "Código seguro de verificación" in respuesta.content.decode()
