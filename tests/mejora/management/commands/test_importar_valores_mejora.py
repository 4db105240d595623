import pytest

from mejora.models import ValorManual

pytestmark = pytest.mark.django_db


def test_comando_de_importacion_csv(tmp_path):
    from django.core.management import CommandError, call_command

    bueno = tmp_path / "v.csv"
    bueno.write_text(
        "indicador,periodo,valor,n,oficina\nclima-laboral,2026-Q1,7.1,90,\n",
        encoding="utf-8",
    )
    call_command("importar_valores_mejora", str(bueno))
    assert ValorManual.objects.get(periodo="2026-Q1").valor == 7.1
    malo = tmp_path / "m.csv"
    malo.write_text("indicador,periodo,valor\nno-existe,2026-Q1,1\n", encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("importar_valores_mejora", str(malo))
