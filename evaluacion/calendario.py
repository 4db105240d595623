"""Working-day arithmetic for administrative deadlines (Ley 39/2015, art. 30).

Saturdays, Sundays and holidays are not working days. Holidays are the national
and regional ones of the `holidays` library (country ES, subdivision = the
autonomous community) plus the `Festivo` rows configured by quality staff
(national, regional — by community or province — and local, by municipality).
"""

from datetime import date, timedelta
from functools import lru_cache

import holidays

# INE province code -> ISO 3166-2:ES autonomous community (the `holidays` subdiv).
CCAA_DE_PROVINCIA = {
    "04": "AN",
    "11": "AN",
    "14": "AN",
    "18": "AN",
    "21": "AN",
    "23": "AN",
    "29": "AN",
    "41": "AN",
    "22": "AR",
    "44": "AR",
    "50": "AR",
    "33": "AS",
    "39": "CB",
    "51": "CE",
    "05": "CL",
    "09": "CL",
    "24": "CL",
    "34": "CL",
    "37": "CL",
    "40": "CL",
    "42": "CL",
    "47": "CL",
    "49": "CL",
    "02": "CM",
    "13": "CM",
    "16": "CM",
    "19": "CM",
    "45": "CM",
    "35": "CN",
    "38": "CN",
    "08": "CT",
    "17": "CT",
    "25": "CT",
    "43": "CT",
    "06": "EX",
    "10": "EX",
    "15": "GA",
    "27": "GA",
    "32": "GA",
    "36": "GA",
    "07": "IB",
    "30": "MC",
    "28": "MD",
    "52": "ML",
    "31": "NC",
    "01": "PV",
    "20": "PV",
    "48": "PV",
    "26": "RI",
    "03": "VC",
    "12": "VC",
    "46": "VC",
}


@lru_cache(maxsize=256)
def _festivos_libreria(anio: int, ccaa: str | None) -> frozenset[date]:
    return frozenset(holidays.country_holidays("ES", subdiv=ccaa, years=anio).keys())


def festivos(
    desde: date,
    hasta: date,
    *,
    provincia: str | None = None,
    municipio: str | None = None,
) -> set[date]:
    """Every holiday between two dates (inclusive) for an office's location."""
    from django.db.models import Q

    from .models import Festivo

    ccaa = CCAA_DE_PROVINCIA.get(provincia or "")
    dias: set[date] = set()
    for anio in range(desde.year, hasta.year + 1):
        dias |= {d for d in _festivos_libreria(anio, ccaa) if desde <= d <= hasta}
    ambito = Q(ambito=Festivo.Ambito.NACIONAL)
    if ccaa:
        ambito |= Q(ambito=Festivo.Ambito.AUTONOMICO, comunidad=ccaa)
    if provincia:
        ambito |= Q(ambito=Festivo.Ambito.PROVINCIAL, provincia=provincia)
    if provincia and municipio:
        ambito |= Q(
            ambito=Festivo.Ambito.LOCAL,
            provincia=provincia,
            municipio__iexact=municipio,
        )
    dias |= set(
        Festivo.objects.filter(ambito, fecha__range=(desde, hasta)).values_list(
            "fecha", flat=True
        )
    )
    return dias


def es_habil(dia: date, no_habiles: set[date]) -> bool:
    return dia.weekday() < 5 and dia not in no_habiles


def sumar_dias_habiles(
    desde: date,
    dias: int,
    *,
    provincia: str | None = None,
    municipio: str | None = None,
) -> date:
    """Last day of a deadline of `dias` working days counted from the day after `desde`.

    Counting from the next day and skipping non-working days means a deadline
    never ends on a holiday or a weekend (art. 30.2 and 30.5).
    """
    if dias < 1:
        raise ValueError("El plazo debe ser de al menos un día hábil.")
    # Generous window: n working days always fit in 2n + 30 calendar days.
    no_habiles = festivos(
        desde,
        desde + timedelta(days=2 * dias + 30),
        provincia=provincia,
        municipio=municipio,
    )
    dia, contados = desde, 0
    while contados < dias:
        dia += timedelta(days=1)
        if es_habil(dia, no_habiles):
            contados += 1
    return dia
