"""Sentry, imported only when SENTRY_DSN is set (see settings)."""

import sentry_sdk
from sentry_sdk.integrations.celery import CeleryIntegration
from sentry_sdk.integrations.django import DjangoIntegration


def iniciar_sentry(*, dsn: str, entorno: str, muestreo_trazas: float = 0.0, **extra):
    # Survey data is anonymous and staff data personal: no user, cookies, headers
    # or bodies leave the installation.
    sentry_sdk.init(
        dsn=dsn,
        environment=entorno,
        integrations=[DjangoIntegration(), CeleryIntegration()],
        send_default_pii=False,
        max_request_body_size="never",
        traces_sample_rate=muestreo_trazas,
        **extra,
    )
