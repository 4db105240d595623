import pytest
from django.core.exceptions import ValidationError

from organizacion.models import Oficina, Servicio
from organizacion.validators import validar_dir3, validar_sia

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "codigo",
    [
        "L01280796",
        "E04921901",
        "EA0003285",
        "GE0000001",
        "A13002908",
        "O00009001",
        "LA0012345",
        "l01280796",
    ],
)
def test_codigos_dir3_validos(codigo):
    validar_dir3(codigo)
    oficina = Oficina(
        codigo_dir3=codigo, nombre="OAC", provincia="28", municipio="Madrid"
    )
    oficina.full_clean()
    oficina.save()
    assert Oficina.objects.get(pk=oficina.pk).codigo_dir3 == codigo.upper()


@pytest.mark.parametrize(
    "codigo",
    [
        "",
        "L0128079",
        "L012807961",
        "X01280796",
        "L0128079A",
        "EA00032851",
        "O-0009001",
        "28079",
    ],
)
def test_codigos_dir3_invalidos(codigo):
    with pytest.raises(ValidationError) as exc:
        validar_dir3(codigo)
    assert exc.value.code == "dir3"


@pytest.mark.parametrize("codigo", ["201001", "123", "1234567"])
def test_codigos_sia_validos(codigo):
    validar_sia(codigo)
    servicio = Servicio(codigo="s", nombre="Servicio", codigo_sia=codigo)
    servicio.full_clean()
    servicio.save()
    assert Servicio.objects.get(codigo_sia=codigo) == servicio
