"""The accessibility statement's settings (comun.ajustes): who publishes it, where
the communications go, and the two files it is generated from."""

from django.conf import settings

from comun.ajustes import Ajustes, Calculado

ajustes = Ajustes(
    "ACCESIBILIDAD_",
    # The body the statement speaks for (by default, the data controller's name).
    ORGANISMO=Calculado(lambda: settings.PROTECCION_DATOS_RESPONSABLE),
    # The unit that receives and answers the communications (RD 1112/2018 art. 10.2.a, 12).
    UNIDAD="Unidad de Calidad y Atención a la Ciudadanía",
    # Where each communication is e-mailed; empty, none is sent.
    EMAIL="accesibilidad@ventanilla.local",
    # The Unidad Responsable de Accesibilidad that hears complaints (art. 13).
    UNIDAD_RESPONSABLE="Unidad Responsable de Accesibilidad del Ayuntamiento",
    UNIDAD_RESPONSABLE_CONTACTO="ura@ventanilla.local",
    # Working days to answer a request or complaint (art. 12: twenty).
    PLAZO_DIAS_HABILES=20,
    # (communications, seconds) per IP hash; 0: no limit.
    LIMITE_IP=(5, 3600),
    # Days a closed communication is kept (the time to complain to the unit).
    CONSERVACION_DIAS=365,
    # The e2e run's axe results and the maintained exceptions.
    FICHERO_AXE=Calculado(lambda: settings.BASE_DIR / "docs/accesibilidad/axe.json"),
    FICHERO_EXCEPCIONES=Calculado(
        lambda: settings.BASE_DIR / "docs/accesibilidad/excepciones.toml"
    ),
    # When the statement was first prepared (the axe file gives the last review).
    FECHA_PREPARACION="2026-12-01",
)
