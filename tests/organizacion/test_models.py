"""Model rules of the organisation: DIR3 and SIA codes, hierarchy without cycles,
and the constraints the database itself enforces."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from organizacion.models import Empleado, Oficina, Servicio
from organizacion.selectors import cadena_de_mando
from tests.factories import EmpleadoFactory, OficinaFactory, ServicioFactory

pytestmark = pytest.mark.django_db


def test_oficina_con_dir3_invalido_no_valida():
    oficina = Oficina(
        codigo_dir3="X12345678", nombre="OAC", provincia="28", municipio="Madrid"
    )
    with pytest.raises(ValidationError) as exc:
        oficina.full_clean()
    assert "codigo_dir3" in exc.value.message_dict
    assert "no es un código DIR3 válido" in exc.value.message_dict["codigo_dir3"][0]


def test_dir3_se_normaliza_a_mayusculas_al_validar_y_al_guardar():
    oficina = Oficina(
        codigo_dir3="l01280796", nombre="OAC", provincia="28", municipio="Madrid"
    )
    oficina.full_clean()
    assert oficina.codigo_dir3 == "L01280796"
    guardada = OficinaFactory(codigo_dir3="o00000077")
    guardada.refresh_from_db()
    assert guardada.codigo_dir3 == "O00000077"


def test_dir3_es_unico():
    OficinaFactory(codigo_dir3="O00000001")
    repetida = Oficina(
        codigo_dir3="O00000001", nombre="Otra", provincia="41", municipio="Sevilla"
    )
    with pytest.raises(ValidationError) as exc:
        repetida.full_clean()
    assert "codigo_dir3" in exc.value.message_dict


@pytest.mark.parametrize("codigo", ["12", "12345678", "SIA1234", "20 1001"])
def test_codigos_sia_invalidos(codigo):
    with pytest.raises(ValidationError) as exc:
        Servicio(codigo="s", nombre="Servicio", codigo_sia=codigo).full_clean()
    assert "codigo_sia" in exc.value.message_dict


def test_sia_unico_salvo_vacio_en_la_base_de_datos():
    ServicioFactory(codigo_sia="201001")
    ServicioFactory(codigo_sia="")
    ServicioFactory(codigo_sia="")  # several services without SIA are fine
    with pytest.raises(IntegrityError), transaction.atomic():
        Servicio.objects.create(codigo="otro", nombre="Otro", codigo_sia="201001")


def test_nadie_es_su_propio_supervisor():
    persona = EmpleadoFactory()
    persona.supervisor = persona
    with pytest.raises(ValidationError) as exc:
        persona.full_clean()
    assert "propio supervisor" in exc.value.message_dict["supervisor"][0]


def test_ciclo_de_dos_personas_se_rechaza():
    a = EmpleadoFactory()
    b = EmpleadoFactory(supervisor=a)
    a.supervisor = b
    with pytest.raises(ValidationError) as exc:
        a.clean()
    assert "ciclo" in exc.value.message_dict["supervisor"][0]


def test_ciclo_de_tres_personas_se_rechaza():
    a = EmpleadoFactory()
    b = EmpleadoFactory(supervisor=a)
    c = EmpleadoFactory(supervisor=b)
    a.supervisor = c
    with pytest.raises(ValidationError) as exc:
        a.clean()
    assert "ciclo" in exc.value.message_dict["supervisor"][0]


def test_jerarquia_sin_ciclo_es_valida():
    a = EmpleadoFactory()
    b = EmpleadoFactory(supervisor=a)
    c = EmpleadoFactory(supervisor=a)
    c.supervisor = b  # moving someone under a peer is not a cycle
    c.full_clean()
    c.save()
    assert cadena_de_mando(c.pk) == [b.pk, a.pk]


def test_baja_anterior_al_alta_no_valida():
    persona = EmpleadoFactory(fecha_alta=date(2020, 1, 1))
    persona.fecha_baja = date(2019, 12, 31)
    with pytest.raises(ValidationError) as exc:
        persona.full_clean()
    assert "fecha_baja" in exc.value.message_dict


def test_oficina_no_depende_de_si_misma():
    oficina = OficinaFactory()
    oficina.unidad_superior = oficina
    with pytest.raises(ValidationError):
        oficina.full_clean()


def test_la_base_de_datos_impide_supervisarse_a_si_mismo():
    persona = EmpleadoFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Empleado.objects.filter(pk=persona.pk).update(supervisor_id=persona.pk)


def test_la_base_de_datos_impide_la_baja_antes_del_alta():
    persona = EmpleadoFactory(fecha_alta=date(2020, 1, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        Empleado.objects.filter(pk=persona.pk).update(fecha_baja=date(2019, 1, 1))


def test_la_base_de_datos_impide_que_una_oficina_dependa_de_si_misma():
    oficina = OficinaFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Oficina.objects.filter(pk=oficina.pk).update(unidad_superior_id=oficina.pk)


def test_activos_excluye_bajas_pasadas_y_altas_futuras():
    hoy = date(2026, 6, 1)
    activa = EmpleadoFactory(fecha_alta=date(2020, 1, 1))
    EmpleadoFactory(fecha_alta=date(2020, 1, 1), fecha_baja=date(2026, 5, 31))
    EmpleadoFactory(fecha_alta=date(2026, 6, 2))
    ultimo_dia = EmpleadoFactory(fecha_alta=date(2020, 1, 1), fecha_baja=hoy)
    assert set(Empleado.objects.activos(hoy)) == {activa, ultimo_dia}
