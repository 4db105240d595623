"""Issue 11, on a phone: every table of mejora's pages scrolls inside its own box,
which the keyboard reaches (tabindex 0) and a screen reader announces as a region
named after the table: its caption or its heading, not a generic «tabla»."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from demo import mejora as demo
from mejora import services
from mejora.models import AccionMejora, Autoevaluacion, CartaServicios, ModeloCalidad
from mejora.periodos import Periodo
from tests.conftest import cliente_de

pytestmark = pytest.mark.django_db


@pytest.fixture
def paginas(usuario_direccion, django_capture_on_commit_callbacks):
    """mejora's demo (self-assessment, plans, charter) and a generated report."""
    demo.sembrar()
    with django_capture_on_commit_callbacks(execute=True):
        informe = services.solicitar_informe(
            tipo="trimestral",
            periodo=Periodo.trimestre_de(timezone.localdate()).anterior.clave,
            modelo=ModeloCalidad.objects.get(codigo="CAF"),
        )
    return [
        reverse("mejora:tablero"),
        reverse("mejora:indicador", args=["csat"]),
        reverse("mejora:valores"),
        reverse("mejora:hallazgos"),
        reverse("mejora:plan"),
        reverse("mejora:accion", args=[AccionMejora.objects.first().pk]),
        reverse("mejora:cartas"),
        reverse("mejora:carta", args=[CartaServicios.objects.get().pk]),
        reverse("mejora:autoevaluaciones"),
        reverse("mejora:autoevaluacion", args=[Autoevaluacion.objects.get().pk]),
        reverse("mejora:informes"),
        reverse("mejora:informe", args=[informe.pk]),
    ]


def test_cada_tabla_de_mejora_se_desplaza_en_una_region_con_nombre_y_enfocable(
    client, usuario_direccion, paginas
):
    cliente_de(client, usuario_direccion)
    revisadas = {}
    for url in paginas:
        respuesta = client.get(url)
        assert respuesta.status_code == 200, url
        html = BeautifulSoup(respuesta.content.decode(), "html.parser")
        nombres = []
        for tabla in html.find_all("table"):
            caja = tabla.find_parent("div", class_="tabla-scroll")
            assert caja is not None, f"{url}: tabla sin región desplazable"
            assert caja.get("tabindex") == "0" and caja.get("role") == "region", (
                f"{url}: {caja.attrs}"
            )
            referencia = caja.get("aria-labelledby")
            assert referencia, f"{url}: región sin aria-labelledby ({caja.attrs})"
            nombre = html.find(id=referencia)
            assert nombre is not None, f"{url}: no hay id={referencia}"
            # Named after its own table: the caption, or the heading of its section.
            assert nombre is tabla.caption or nombre.name in ("h2", "h3"), (
                f"{url}: la región se nombra con <{nombre.name}>"
            )
            assert nombre.get_text(strip=True), f"{url}: nombre vacío"
            nombres.append(nombre.get_text(" ", strip=True))
        # Told apart from each other when a screen reader lists the regions.
        assert len(nombres) == len(set(nombres)), f"{url}: {nombres}"
        revisadas[url] = len(nombres)
    informe = paginas[-1]
    # The report: results by office, charter, self-assessment, plan and annex.
    assert revisadas[informe] >= 5, revisadas
    assert sum(revisadas.values()) >= 15, revisadas
