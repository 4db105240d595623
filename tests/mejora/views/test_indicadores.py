import re

import pytest
from django.urls import reverse
from django.utils import timezone

from mejora import services, tasks
from mejora.periodos import Periodo
from tests.conftest import cliente_de
from tests.factories import OficinaFactory

pytestmark = pytest.mark.django_db


def test_csv_erroneo_responde_400_con_mensaje(client, usuario_calidad):
    from django.core.files.uploadedfile import SimpleUploadedFile

    archivo = SimpleUploadedFile(
        "v.csv", b"indicador,periodo,valor\ncsat,2026-Q2,80\n", content_type="text/csv"
    )
    r = cliente_de(client, usuario_calidad).post(
        reverse("mejora:valores"), {"accion": "csv", "archivo": archivo}
    )
    assert r.status_code == 400
    assert "indicador manual desconocido" in r.content.decode()


def test_tablero_con_volumen_hace_consultas_acotadas(
    plantilla,
    indicador_pruebas,
    client,
    usuario_direccion,
    django_assert_max_num_queries,
):
    for _ in range(20):
        OficinaFactory()
    services.recalcular_indicadores(
        periodos=[p.clave for p in Periodo.de("2026-Q2").serie(8)]
    )
    c = cliente_de(client, usuario_direccion)
    with django_assert_max_num_queries(15):
        r = c.get(reverse("mejora:tablero") + "?periodo=2026-Q2")
    assert r.status_code == 200
    with django_assert_max_num_queries(15):
        r = c.get(
            reverse("mejora:indicador", args=[indicador_pruebas.codigo])
            + "?periodo=2026-Q2"
        )
    assert r.status_code == 200
    assert "Oficina A" in r.content.decode()


def test_parametros_erroneos_dan_400_no_500(client, usuario_direccion):
    c = cliente_de(client, usuario_direccion)
    assert c.get(reverse("mejora:tablero") + "?periodo=2026-Q9").status_code == 400
    assert (
        c.get(reverse("mejora:tablero") + "?ambito=oficina:999999").status_code == 400
    )
    assert c.get(reverse("mejora:tablero") + "?ambito=nada").status_code == 400


def test_tablero_sin_datos_lo_dice(client, usuario_direccion):
    r = cliente_de(client, usuario_direccion).get(reverse("mejora:tablero"))
    assert r.status_code == 200
    assert "sin datos" in r.content.decode()


def test_las_tablas_desplazables_del_indicador_se_alcanzan_con_el_teclado(
    client, usuario_calidad
):
    # On a phone the series and segment tables scroll sideways: a keyboard user
    # must be able to focus the scrolling box (axe: scrollable-region-focusable).
    client.force_login(usuario_calidad)
    html = client.get(reverse("mejora:indicador", args=["csat"])).content.decode()
    cajas = re.findall(r'<div class="tabla-scroll"[^>]*>', html)
    assert len(cajas) == 2, cajas
    for caja in cajas:
        assert 'tabindex="0"' in caja and 'role="region"' in caja, caja
        assert "aria-labelledby=" in caja or "aria-label=" in caja, caja


def test_recalcular_encarga_el_recalculo_completo_al_confirmar(
    c, monkeypatch, django_capture_on_commit_callbacks
):
    encargos = []
    monkeypatch.setattr(
        tasks.recalcular_periodo, "delay", lambda **kw: encargos.append(kw)
    )
    with django_capture_on_commit_callbacks(execute=True):
        r = c.post(reverse("mejora:recalcular"))
    assert r.status_code == 302
    periodos = services.periodos_por_defecto(timezone.localdate(), completo=True)
    # One task per period, each with its own time limit.
    assert encargos == [{"periodo": p, "codigos": None} for p in periodos]


def test_tablero_e_indicador_dicen_cuando_se_calculo_y_si_fallo(c):
    from datetime import datetime, timedelta

    from mejora.models import CalculoPeriodo

    periodo = Periodo.trimestre_de(timezone.localdate()).anterior.clave
    paginas = [
        reverse("mejora:tablero") + f"?periodo={periodo}",
        reverse("mejora:indicador", args=["csat"]) + f"?periodo={periodo}",
    ]
    for url in paginas:
        assert "aún no calculadas" in c.get(url).content.decode()
    fin = timezone.make_aware(datetime(2026, 10, 2, 3, 7))
    CalculoPeriodo.objects.create(
        periodo=periodo,
        estado=CalculoPeriodo.Estado.COMPLETADO,
        iniciado_en=fin - timedelta(seconds=40),
        terminado_en=fin,
    )
    for url in paginas:
        texto = c.get(url).content.decode()
        assert "calculadas el 2 de octubre de 2026 a las 03:07" in texto
        assert "falló" not in texto
    CalculoPeriodo.objects.create(
        periodo=periodo, estado=CalculoPeriodo.Estado.ERROR, iniciado_en=fin
    )
    for url in paginas:
        texto = c.get(url).content.decode()
        assert "El último recálculo de este periodo falló" in texto
        assert "calculadas el 2 de octubre de 2026 a las 03:07" in texto
