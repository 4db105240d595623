import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


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


# Issue 14: the same ceiling at N and 3N people (the `personal` fixture), for
# dirección and calidad (the whole organisation) and a supervisor (her team).
MAXIMO_PERSONAL = 16


@pytest.mark.parametrize("rol", ["direccion", "calidad", "supervisor"])
@pytest.mark.parametrize(
    "nombre,consulta",
    [
        ("evaluacion:campanas", ""),
        ("evaluacion:campana", ""),
        ("evaluacion:mapa", ""),
        ("evaluacion:mapa", "?pagina=2"),
        ("evaluacion:mapa", "?oficina={oficina}"),
        ("evaluacion:calibracion", ""),
        ("evaluacion:calibracion", "?oficina={oficina}"),
    ],
)
def test_paginas_de_campana_acotadas_a_n_y_3n(
    personal, django_assert_max_num_queries, rol, nombre, consulta
):
    cliente = Client()
    cliente.force_login(personal["usuarios"][rol])
    datos = personal["datos"]
    for campana in (datos.campana_abierta, datos.campana_cerrada):
        args = [] if nombre == "evaluacion:campanas" else [campana]
        url = reverse(nombre, args=args) + consulta.format(
            oficina=personal["org"].oficinas[0]
        )
        with django_assert_max_num_queries(MAXIMO_PERSONAL):
            respuesta = cliente.get(url)
        assert respuesta.status_code == 200


def test_el_mapa_de_la_organizacion_va_por_paginas_y_filtra_por_oficina(personal):
    from evaluacion.models import Evaluacion
    from evaluacion.views.campanas import POR_PAGINA

    cliente = Client()
    cliente.force_login(personal["usuarios"]["direccion"])
    campana = personal["datos"].campana_abierta
    total = Evaluacion.objects.filter(campana_id=campana).count()
    url = reverse("evaluacion:mapa", args=[campana])
    respuesta = cliente.get(url)
    assert respuesta.context["pagina"].paginator.count == total
    assert len(respuesta.context["filas"]) == min(total, POR_PAGINA)
    if total > POR_PAGINA:
        segunda = cliente.get(url + "?pagina=2").context["filas"]
        assert {f["pk"] for f in segunda}.isdisjoint(
            f["pk"] for f in respuesta.context["filas"]
        )
    oficina = personal["org"].oficinas[1]
    filas = cliente.get(url + f"?oficina={oficina}").context["filas"]
    esperadas = set(
        Evaluacion.objects.filter(campana_id=campana, oficina_id=oficina).values_list(
            "pk", flat=True
        )
    )
    assert esperadas and {f["pk"] for f in filas} == esperadas
