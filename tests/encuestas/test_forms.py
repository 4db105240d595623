from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.http import QueryDict
from django.utils import timezone

from encuestas.forms import EnvioEncuestaForm, FiltroAlertasForm, FiltroForm
from encuestas.services import Envio
from tests.factories import EmpleadoFactory, OficinaFactory

pytestmark = pytest.mark.django_db


def _envio(consulta: str) -> Envio:
    return EnvioEncuestaForm(QueryDict(consulta)).envio()


def test_el_envio_de_la_primera_pagina_puede_ir_por_el_camino_directo():
    envio = _envio("paso=1&idioma=gl&encuesta=7&SAT=5&EFIC=4&sat=3&comentario=Bien")
    assert envio == Envio(
        paso=1,
        directo=True,
        idioma="gl",
        encuesta_id=7,
        datos={"SAT": "5", "EFIC": "4"},
        comentario="Bien",
        contacto="",
    )


@pytest.mark.parametrize(
    ("consulta", "paso", "directo"),
    [("paso=2", 2, False), ("", 1, False), ("paso=3", 1, False), ("paso=+1", 1, False)],
)
def test_un_paso_inesperado_es_la_primera_pagina_por_el_camino_cuidadoso(
    consulta, paso, directo
):
    envio = _envio(consulta)
    assert (envio.paso, envio.directo) == (paso, directo)


@pytest.mark.parametrize("encuesta", ["", "x", "7.5", "%00"])
def test_un_id_de_encuesta_ilegible_no_es_ninguno(encuesta):
    assert _envio(f"paso=1&encuesta={encuesta}").encuesta_id is None


def test_comentario_y_contacto_se_recortan_sin_rechazar_nada():
    largo = "a" * 6000
    envio = _envio(
        f"comentario=%00{largo}&contacto=++611+22+33+44++&"
        f"{'X' * 21}=1&CONTACTO=1&CONTACTO=0"
    )
    assert envio.comentario == "\x00" + "a" * 4999
    assert envio.contacto == "611 22 33 44"
    assert envio.datos == {"CONTACTO": "0"}  # the last value, as the view reads it


@pytest.fixture
def calidad():
    return EmpleadoFactory(usuario__roles=["empleado", "calidad"]).usuario


def _filtro(usuario, consulta: str, formulario=FiltroForm):
    return formulario(QueryDict(consulta), usuario=usuario)


def test_sin_filtros_los_ultimos_noventa_dias_de_todas_las_oficinas(calidad):
    filtro = _filtro(calidad, "")
    assert filtro.is_valid()
    hoy = timezone.localdate()
    assert filtro.filtros() == {
        "desde": hoy - timedelta(days=89),
        "hasta": hoy,
        "oficina_ids": None,
        "canal": None,
        "oficina": "",
        "visibles": None,
    }


def test_una_fecha_ilegible_cuenta_como_ausente_y_una_imposible_es_un_error(calidad):
    filtro = _filtro(calidad, "hasta=ayer&desde=2026-01-10")
    assert filtro.is_valid()
    assert filtro.filtros()["desde"] == date(2026, 1, 10)
    assert filtro.filtros()["hasta"] == timezone.localdate()
    filtro = _filtro(calidad, "desde=2026-02-30")
    assert not filtro.is_valid() and filtro.primer_error() == "Fecha no válida."


@pytest.mark.parametrize(
    ("consulta", "mensaje"),
    [
        ("desde=2026-13-45&oficina=abc&canal=fax", "Fecha no válida."),
        (
            "desde=2026-05-02&hasta=2026-05-01&oficina=abc",
            "La fecha inicial es posterior a la final.",
        ),
        (
            "desde=2020-01-01&hasta=2026-01-01&canal=fax",
            "El periodo no puede superar tres años.",
        ),
        ("oficina=abc&canal=fax", "Oficina no válida."),
        ("oficina=%C2%B2", "Oficina no válida."),
        ("canal=fax", "Canal no válido."),
        ("canal=+presencial", "Canal no válido."),
    ],
)
def test_el_primer_problema_en_el_orden_de_los_campos_es_el_mensaje(
    calidad, consulta, mensaje
):
    filtro = _filtro(calidad, consulta)
    assert not filtro.is_valid()
    assert filtro.primer_error() == mensaje


def test_una_oficina_fuera_del_alcance_es_un_403_antes_que_un_canal_no_valido():
    jefa = EmpleadoFactory(usuario__roles=["empleado", "supervisor"])
    ajena = OficinaFactory()
    with pytest.raises(PermissionDenied):
        _filtro(jefa.usuario, f"oficina={ajena.pk}&canal=fax").is_valid()
    filtro = _filtro(jefa.usuario, f"oficina={jefa.oficina_id}&canal=telefonico")
    assert filtro.is_valid()
    assert filtro.filtros()["oficina_ids"] == [jefa.oficina_id]
    assert filtro.filtros()["visibles"] == [jefa.oficina_id]
    assert filtro.filtros()["canal"] == "telefonico"


def test_el_estado_de_las_alertas_se_comprueba_el_ultimo(calidad):
    filtro = _filtro(calidad, "estado=perdida", FiltroAlertasForm)
    assert not filtro.is_valid() and filtro.primer_error() == "Estado no válido."
    filtro = _filtro(calidad, "estado=perdida&canal=fax", FiltroAlertasForm)
    assert filtro.primer_error() == "Canal no válido."
    filtro = _filtro(calidad, "estado=en_curso", FiltroAlertasForm)
    assert filtro.is_valid() and filtro.filtros()["estado"] == "en_curso"
