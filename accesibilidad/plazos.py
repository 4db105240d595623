"""Working days (RD 1112/2018 art. 12 counts the answer's period in them)."""

from datetime import date, timedelta


def sumar_dias_habiles(desde: date, dias: int) -> date:
    """`dias` working days after `desde`, Saturdays and Sundays skipped. Public
    holidays are not known here, so the deadline shown is never later than the
    legal one."""
    fecha = desde
    while dias > 0:
        fecha += timedelta(days=1)
        if fecha.weekday() < 5:
            dias -= 1
    return fecha
