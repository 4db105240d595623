"""mejora's settings and their defaults, declared once (comun.ajustes): the
project's value when config/settings.py sets one, read at each access."""

from comun.ajustes import Ajustes

ajustes = Ajustes(
    "MEJORA_",
    # Quality model of the scheduled reports (a ModeloCalidad code: EFQM, CAF).
    MODELO_INFORME="EFQM",
    # Share of a model's subcriteria that must be scored before a
    # self-assessment shows a total.
    COMPLETITUD_TOTAL=1.0,
)

# Project-wide settings mejora reads (the organisation's name on the report).
sitio = Ajustes(WAGTAIL_SITE_NAME="Ventanilla")
