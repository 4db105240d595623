from datetime import date

from accesibilidad.plazos import sumar_dias_habiles


def test_veinte_dias_habiles_saltan_los_fines_de_semana():
    # Tuesday 1 December 2026 + 20 working days = Tuesday 29 December.
    assert sumar_dias_habiles(date(2026, 12, 1), 20) == date(2026, 12, 29)


def test_desde_un_viernes_el_primer_dia_habil_es_el_lunes():
    assert sumar_dias_habiles(date(2026, 12, 4), 1) == date(2026, 12, 7)
