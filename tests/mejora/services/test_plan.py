import re
from datetime import date

import pytest
from django.core import mail
from django.urls import reverse

from mejora import services
from mejora.models import AccionMejora, Hallazgo, ValorIndicador
from tests.conftest import cliente_de
from tests.factories import EmpleadoFactory

pytestmark = pytest.mark.django_db


def test_prioridad_es_impacto_por_viabilidad_y_cerrar_completa(objetos):
    a = objetos["accion"]
    assert a.prioridad == 10
    a.estado = AccionMejora.Estado.CERRADA
    services.guardar_accion(accion=a)
    assert a.progreso == 100


def test_recordatorios_de_acciones_vencidas_son_idempotentes(objetos):
    responsable = EmpleadoFactory()
    a = objetos["accion"]
    a.responsable = responsable
    a.save()
    AccionMejora.objects.create(
        plan=a.plan,
        titulo="Cerrada",
        fecha_inicio=date(2026, 1, 1),
        fecha_fin=date(2026, 2, 1),
        impacto=1,
        viabilidad=1,
        estado="cerrada",
        responsable=responsable,
    )
    assert services.enviar_recordatorios(hoy=date(2026, 4, 1)) == 1
    assert services.enviar_recordatorios(hoy=date(2026, 4, 1)) == 0
    assert len(mail.outbox) == 1 and responsable.usuario.email in mail.outbox[0].to
    assert services.enviar_recordatorios(hoy=date(2026, 4, 2)) == 1


def test_hallazgos_propuestos_de_los_datos_y_editables(
    indicador_pruebas, client, usuario_direccion
):
    ahora = "2026-01-01T00:00:00Z"
    ValorIndicador.objects.create(
        indicador=indicador_pruebas,
        periodo="2026-Q2",
        desde=date(2026, 4, 1),
        hasta=date(2026, 6, 30),
        ambito="organizacion",
        ambito_clave="organizacion",
        valor=90.0,
        n=500,
        ic_inf=87.1,
        ic_sup=92.3,
        calculado_en=ahora,
    )
    services.fijar_meta(indicador=indicador_pruebas, anio=2026, objetivo=80)
    h = services.proponer_hallazgos(periodo="2026-Q2")
    assert [x.tipo for x in h] == [Hallazgo.Tipo.FORTALEZA]
    assert services.proponer_hallazgos(periodo="2026-Q2")[0].pk == h[0].pk  # idempotent
    c = cliente_de(client, usuario_direccion)
    r = c.post(
        reverse("mejora:hallazgos") + "?periodo=2026-Q2",
        {
            "hallazgo": h[0].pk,
            "texto": "Atención presencial sólida",
            "estado": "aceptado",
        },
    )
    assert r.status_code == 302
    h[0].refresh_from_db()
    assert (
        h[0].texto == "Atención presencial sólida"
        and h[0].editado_por == usuario_direccion
    )
    services.fijar_meta(indicador=indicador_pruebas, anio=2026, objetivo=95)
    areas = services.proponer_hallazgos(periodo="2026-Q2")
    assert [x.tipo for x in areas] == [Hallazgo.Tipo.AREA]


def test_hallazgos_y_graficos_con_decimales_en_espanol(dos_oficinas):
    hallazgos = services.proponer_hallazgos(
        periodo="2026-Q2", ambito_clave=f"oficina:{dos_oficinas['norte'].pk}"
    )
    assert hallazgos and "30,0" in hallazgos[0].texto
    assert not re.search(r"\d\.\d", hallazgos[0].texto)
    from django.utils import translation

    from comun import graficos

    assert ">51,4<" in graficos.barras([("1", 51.4)])
    with translation.override("en"):
        assert ">51.4<" in graficos.barras([("1", 51.4)])
