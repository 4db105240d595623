import pytest
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from formacion.models import CursoPage, CursosIndexPage, LeccionPage
from tests.factories import canal, competencia, crear_curso

pytestmark = pytest.mark.django_db


def test_el_catalogo_filtra_por_canal_competencia_y_obligatoriedad(client, escenario):
    crear_curso(
        title="Atención telefónica", canales=[canal("telefonico")], obligatorio=True
    )
    crear_curso(title="Lenguaje claro", competencias=[competencia("C1")])
    crear_curso(title="Atención presencial", canales=[canal("presencial")])
    nuestros = {"Atención telefónica", "Lenguaje claro", "Atención presencial"}
    client.force_login(escenario["empleada"].usuario)
    url = CursosIndexPage.objects.get().url

    def titulos(consulta):
        cursos = client.get(url + consulta).context["cursos"]
        return {c.title for c in cursos} & nuestros

    # A course for no channel in particular is for every channel.
    assert titulos("?canal=telefonico") == {"Atención telefónica", "Lenguaje claro"}
    assert titulos("?competencia=C1") == {"Lenguaje claro"}
    assert titulos("?obligatorio=si") == {"Atención telefónica"}
    assert titulos("?obligatorio=no") == {"Lenguaje claro", "Atención presencial"}
    # A value that is not one of the choices is ignored, as if not given.
    assert titulos("?canal=fax&obligatorio=a-veces") == nuestros


class TestArbolDePaginas(WagtailPageTestCase):
    def test_reglas_del_arbol(self):
        self.assertAllowedParentPageTypes(CursosIndexPage, {Page})
        self.assertAllowedSubpageTypes(CursosIndexPage, {CursoPage})
        self.assertAllowedParentPageTypes(CursoPage, {CursosIndexPage})
        self.assertAllowedSubpageTypes(CursoPage, {LeccionPage})
        self.assertAllowedParentPageTypes(LeccionPage, {CursoPage})
        self.assertAllowedSubpageTypes(LeccionPage, set())
        self.assertCanCreateAt(CursosIndexPage, CursoPage)
        self.assertCanCreateAt(CursoPage, LeccionPage)
        self.assertCanNotCreateAt(CursosIndexPage, LeccionPage)
        self.assertCanNotCreateAt(Page, CursoPage)
        self.assertCanNotCreateAt(LeccionPage, LeccionPage)

    def test_el_indice_existe_en_contenidos_cursos(self):
        indice = CursosIndexPage.objects.get()
        self.assertEqual(indice.url, "/contenidos/cursos/")
