"""The statement's data: the e2e lines consolidated, the exceptions file read and
validated, and the compliance status computed from both."""

import json
from datetime import date

import pytest

from accesibilidad import declaracion as d
from tests.accesibilidad.conftest import CONTRASTE, MAPA, PDF, escribir_axe, pagina_axe


def _linea(pagina, infracciones=(), fecha="2026-11-30", superadas=30):
    return json.dumps(
        {
            "pagina": pagina,
            "titulo": "T",
            "infracciones": list(infracciones),
            "superadas": superadas,
            "fecha": fecha,
            "axe": "4.12.1",
        }
    )


def test_consolidar_agrupa_por_pagina_y_une_las_reglas():
    otra = {**CONTRASTE, "regla": "label", "nodos": 1, "wcag": ["wcag412"]}
    resumen = d.consolidar(
        [
            _linea("/inicio/", superadas=30),
            _linea("/inicio/", [CONTRASTE], fecha="2026-12-01", superadas=44),
            "",
            _linea("/e/<token>/", [otra]),
            _linea("/inicio/", [{**CONTRASTE, "nodos": 1}]),
        ]
    )
    assert resumen["comprobaciones"] == 4
    assert resumen["generado"] == "2026-12-01"
    assert resumen["axe"] == "4.12.1"
    assert [p["pagina"] for p in resumen["paginas"]] == ["/e/<token>/", "/inicio/"]
    inicio = resumen["paginas"][1]
    assert inicio["comprobaciones"] == 3
    assert inicio["superadas"] == 44
    assert inicio["fecha"] == "2026-12-01"
    assert [(i["regla"], i["nodos"]) for i in inicio["infracciones"]] == [
        ("color-contrast", 3)
    ]


def test_el_titulo_de_una_ficha_no_publica_a_quien_nombra():
    linea = json.loads(_linea("/evaluacion/evaluaciones/<id>/"))
    linea["titulo"] = "Evaluación · Lucía Martín Gómez · Ventanilla"
    inicio = json.loads(_linea("/inicio/"))
    inicio["titulo"] = "Inicio · Ventanilla"
    resumen = d.consolidar([json.dumps(linea), json.dumps(inicio)])
    assert [p["titulo"] for p in resumen["paginas"]] == [
        "",
        "Inicio · Ventanilla",
    ]


def test_criterios_wcag_desde_las_etiquetas_de_axe():
    assert d.criterios(["wcag2aa", "wcag1410", "wcag143", "cat.color", "wcag111"]) == (
        "1.1.1",
        "1.4.3",
        "1.4.10",
    )


def test_sin_paginas_evaluadas_no_es_conforme(ficheros):
    assert d.declaracion().estado == d.NO_CONFORME


def test_sin_fallos_ni_excepciones_es_totalmente_conforme(ficheros):
    escribir_axe(ficheros / "axe.json", [pagina_axe("/inicio/")])
    dec = d.declaracion()
    assert dec.estado == d.TOTAL
    assert dec.evaluada_el == date(2026, 11, 30)


def test_lo_que_queda_fuera_de_ambito_no_impide_la_conformidad_total(ficheros):
    escribir_axe(ficheros / "axe.json", [pagina_axe("/inicio/")])
    (ficheros / "excepciones.toml").write_text(MAPA, encoding="utf-8")
    dec = d.declaracion()
    assert dec.estado == d.TOTAL
    assert [e.pagina for e in dec.excepciones[d.FUERA_DE_AMBITO]] == [
        "/contenidos/mapa/"
    ]


def test_una_excepcion_en_ambito_la_hace_parcial(ficheros):
    escribir_axe(ficheros / "axe.json", [pagina_axe("/inicio/")])
    (ficheros / "excepciones.toml").write_text(PDF, encoding="utf-8")
    dec = d.declaracion()
    assert dec.estado == d.PARCIAL
    (excepcion,) = dec.excepciones[d.FALTA_DE_CONFORMIDAD]
    assert excepcion.correccion_prevista == date(2027, 6, 30)
    assert excepcion.descripcion_en("en") == "PDFs are untagged."
    assert excepcion.descripcion_en("eu") == "Los PDF no están etiquetados."
    assert dec.revisada_el == date(2026, 12, 1)


def test_una_infraccion_registrada_la_hace_parcial_y_se_lista(ficheros):
    escribir_axe(
        ficheros / "axe.json",
        [pagina_axe("/inicio/", [CONTRASTE]), pagina_axe("/e/<token>/", [CONTRASTE])],
    )
    dec = d.declaracion()
    assert dec.estado == d.PARCIAL
    (infraccion,) = dec.infracciones
    assert infraccion.criterios == ("1.4.3",)
    assert infraccion.paginas == ("/inicio/", "/e/<token>/")


def test_una_buena_practica_de_axe_sin_criterio_wcag_no_resta_conformidad(ficheros):
    practica = {
        **CONTRASTE,
        "regla": "landmark-unique",
        "wcag": [],
        "impacto": "moderate",
    }
    escribir_axe(ficheros / "axe.json", [pagina_axe("/encuestas/", [practica])])
    dec = d.declaracion()
    assert dec.estado == d.TOTAL
    assert dec.infracciones == ()
    assert dec.paginas[0].reglas == ()


@pytest.mark.parametrize(
    "texto, mensaje",
    [
        (
            '[[excepcion]]\npagina = "/x/"\ncriterio = "1.1.1"\ncategoria = "otra"\ndescripcion = "y"',
            "categoría",
        ),
        (
            '[[excepcion]]\npagina = "/x/"\ncategoria = "fuera_de_ambito"\ndescripcion = "y"',
            "criterio",
        ),
        (
            '[[excepcion]]\npagina = "/x/"\ncriterio = "1"\ncategoria = "fuera_de_ambito"\ndescripcion = { en = "y" }',
            "«es»",
        ),
        (
            '[[excepcion]]\npagina = "/x/"\ncriterio = "1"\ncategoria = "fuera_de_ambito"\ndescripcion = "y"\ncorreccion_prevista = "mañana"',
            "fecha",
        ),
        ("revisada = [", "excepciones.toml"),
    ],
)
def test_un_fichero_de_excepciones_mal_escrito_dice_que_falla(ficheros, texto, mensaje):
    ruta = ficheros / "excepciones.toml"
    ruta.write_text(texto, encoding="utf-8")
    with pytest.raises(d.FicheroNoValido, match=mensaje):
        d.leer_excepciones(ruta)


def test_los_ficheros_del_repositorio_se_leen():
    from django.conf import settings

    revisada, excepciones = d.leer_excepciones(
        settings.BASE_DIR / "docs/accesibilidad/excepciones.toml"
    )
    assert revisada is not None
    assert all(e.categoria in d.CATEGORIAS for e in excepciones)
    axe = d.leer_axe(settings.BASE_DIR / "docs/accesibilidad/axe.json")
    assert axe["paginas"], "make accesibilidad no ha dejado páginas evaluadas"
