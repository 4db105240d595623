"""Mint the signed survey link of one online procedure (for sedes, the demo, tests)."""

import re
import time
from urllib.parse import urlsplit

from django.core.management.base import BaseCommand, CommandError
from django.http import QueryDict

from encuestas import sede
from encuestas.models import Atencion, IntegracionAPI

UNIDADES = {"d": 86400, "h": 3600, "m": 60}


def _segundos(texto: str) -> int:
    encaje = re.fullmatch(r"([1-9][0-9]{0,4})([dhm])", texto.strip())
    if encaje is None:
        raise CommandError(
            f"Caducidad no válida: {texto!r} (use por ejemplo 7d, 12h o 30m)."
        )
    return int(encaje[1]) * UNIDADES[encaje[2]]


class Command(BaseCommand):
    help = (
        "Genera el enlace firmado de la encuesta de un trámite de la sede "
        "electrónica (docs/enlace_sede.md). La referencia del expediente no viaja "
        "en claro: se firma su HMAC con el secreto de la integración."
    )

    def add_arguments(self, parser):
        parser.add_argument("--integracion", required=True, help="Prefijo de la clave")
        parser.add_argument("--oficina", required=True, help="Código DIR3")
        parser.add_argument(
            "--resultado", required=True, choices=Atencion.Resultado.values
        )
        parser.add_argument(
            "--referencia", required=True, help="Número de expediente o trámite"
        )
        parser.add_argument("--servicio", default="", help="Código del servicio")
        parser.add_argument("--caduca", default="7d", help="7d, 12h, 30m…")

    def handle(self, *args, integracion, oficina, resultado, referencia, **opciones):
        cliente = IntegracionAPI.objects.filter(
            prefijo=integracion.strip(), activa=True
        ).first()
        if cliente is None:
            raise CommandError(f"No hay ninguna integración activa {integracion!r}.")
        segundos = _segundos(opciones["caduca"])
        url = sede.enlace(
            integracion=cliente,
            oficina=oficina.strip(),
            resultado=resultado,
            ref=sede.referencia_de(sede.secreto_de(cliente.prefijo), referencia),
            exp=int(time.time()) + segundos,
            servicio=opciones["servicio"].strip(),
        )
        # Checked by the very code that will receive it: scope, office, service.
        partes = urlsplit(url)
        _vacio, _e, _sede, dir3, res, _fin = partes.path.rsplit("/", 5)
        try:
            sede.verificar(
                codigo_dir3=dir3, resultado=res, datos=QueryDict(partes.query)
            )
        except sede.EnlaceNoValido as exc:
            raise CommandError(
                f"El enlace no se aceptaría ({exc.estado}): compruebe que la oficina "
                "y el canal telemático están en el alcance de la integración y que "
                "el servicio existe."
            ) from exc
        self.stdout.write(url)
