import pytest
from django.test import Client
from django.urls import reverse

from evaluacion import services
from evaluacion.models import Evaluacion
from tests.factories import CampanaFactory, EmpleadoFactory, OficinaFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def unidad(usuario_direccion):
    """Three heads of office with eight people each: one lenient, one severe, one central."""
    direccion = usuario_direccion.empleado
    oficinas, jefes = [], []
    for _i in range(3):
        oficina = OficinaFactory()
        jefe = EmpleadoFactory(
            oficina=oficina,
            supervisor=direccion,
            usuario__roles=["empleado", "supervisor"],
        )
        for _j in range(8):
            EmpleadoFactory(oficina=oficina, supervisor=jefe)
        oficinas.append(oficina)
        jefes.append(jefe)
    campana = CampanaFactory(oficinas=oficinas)
    services.abrir_campana(campana=campana)
    pautas = {
        jefes[0].pk: [5, 5, 4, 5, 4, 5, 5],
        jefes[1].pk: [1, 2, 2, 1, 2, 2, 1],
        jefes[2].pk: [3] * 7,
    }
    # Seven of eight sent per head; the heads' own evaluations (by dirección) stay unsent.
    evaluaciones = [
        ev
        for jefe in jefes
        for ev in Evaluacion.objects.filter(campana=campana, evaluador=jefe).order_by(
            "pk"
        )[:7]
    ]
    for ev in evaluaciones:
        niveles = pautas[ev.evaluador_id]
        datos = {
            p.competencia_id: {"nivel": niveles[k], "evidencia": "Escucha de llamadas"}
            for k, p in enumerate(ev.puntuaciones.order_by("orden"))
        }
        ev = services.guardar_puntuaciones(
            evaluacion=ev, version=ev.version, datos=datos, por=None
        )
        services.enviar_evaluacion(evaluacion=ev, version=ev.version, por=None)
    return {
        "campana": campana,
        "jefes": jefes,
        "oficinas": oficinas,
        "direccion": usuario_direccion,
    }


@pytest.mark.parametrize("vista", ["campana", "mapa", "calibracion"])
def test_paginas_de_campana_con_consultas_acotadas(
    unidad, vista, django_assert_max_num_queries
):
    cliente = Client()
    cliente.force_login(unidad["direccion"])
    url = reverse(f"evaluacion:{vista}", args=[unidad["campana"].pk])
    with django_assert_max_num_queries(14):
        respuesta = cliente.get(url)
    assert respuesta.status_code == 200
    with django_assert_max_num_queries(14):
        assert (
            cliente.get(url + f"?oficina={unidad['oficinas'][0].pk}").status_code == 200
        )


def test_el_mapa_de_calor_es_una_tabla_con_valores_en_texto(unidad):
    cliente = Client()
    cliente.force_login(unidad["direccion"])
    html = cliente.get(
        reverse("evaluacion:mapa", args=[unidad["campana"].pk])
    ).content.decode()
    assert '<td class="nivel n1 brecha">1 <span aria-hidden="true">↓</span>' in html
    assert "(por debajo del requerido, 3)" in html


@pytest.fixture
def actores(equipo, usuario_direccion, usuario_calidad):
    otra = EmpleadoFactory(usuario__roles=["empleado", "supervisor"])
    return {
        "ana": equipo["ana"].usuario,
        "luis": equipo["luis"].usuario,
        "jefa": equipo["jefa"].usuario,
        "coordinador": equipo["coordinador"].usuario,
        "direccion": usuario_direccion,
        "calidad": usuario_calidad,
        "otra_supervisora": otra.usuario,
        "anonimo": None,
    }


def test_la_otra_supervisora_no_ve_a_nadie_de_este_equipo_en_el_mapa(
    actores, evaluacion_de_ana
):
    # A surname no random one can match, so its absence means something.
    ana = evaluacion_de_ana.empleado
    ana.apellidos = "Centinela-Únicoapellido"
    ana.save(update_fields=["apellidos"])
    cliente = Client()
    cliente.force_login(actores["otra_supervisora"])
    html = cliente.get(
        reverse("evaluacion:mapa", args=[evaluacion_de_ana.campana_id])
    ).content.decode()
    assert ana.apellidos not in html
    cliente.force_login(actores["jefa"])
    html = cliente.get(
        reverse("evaluacion:mapa", args=[evaluacion_de_ana.campana_id])
    ).content.decode()
    assert ana.apellidos in html


@pytest.mark.parametrize("oficina", ["abc", "-1"])
def test_una_oficina_no_numerica_en_el_filtro_da_404(actores, campana, oficina):
    cliente = Client()
    cliente.force_login(actores["direccion"])
    assert (
        cliente.get(
            reverse("evaluacion:mapa", args=[campana.pk]) + f"?oficina={oficina}"
        ).status_code
        == 404
    )
