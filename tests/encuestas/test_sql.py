"""The hand-written SQL of `encuestas.sql` against the ORM it stands in for: the
same tables touched and the same column values, ids aside."""

from datetime import timedelta

import pytest
from django.apps import apps
from django.db import connection, transaction
from django.utils import timezone

from encuestas import seguridad, sql
from encuestas.models import Invitacion
from encuestas.services import lineas_de, marcar_abierta, respuestas
from organizacion.models import Canal
from tests.factories import EmpleadoFactory, OficinaFactory, ServicioFactory, invitar

pytestmark = pytest.mark.django_db

# Differ by construction between two invitations: each has its own token.
PROPIAS_DE_CADA_INVITACION = {"token_hash"}


@pytest.fixture
def oficina():
    return OficinaFactory(canales=["presencial", "telefonico", "telematico"])


def _modelos():
    return apps.get_app_config("encuestas").get_models(include_auto_created=True)


def _instantanea() -> dict:
    """Every row of every table of the surveys app: {table: {pk: {column: value}}}."""
    return {
        m._meta.db_table: {
            fila[m._meta.pk.attname]: fila
            for fila in m.objects.values(*(f.attname for f in m._meta.concrete_fields))
        }
        for m in _modelos()
    }


def _cambios(antes: dict, despues: dict) -> dict:
    """What changed between two snapshots, per table: inserted, updated and deleted
    rows, without their ids (a reference to a row inserted meanwhile reads «new»)."""
    nuevas = {t: set(despues[t]) - set(antes[t]) for t in despues}
    cambios = {}
    for modelo in _modelos():
        tabla = modelo._meta.db_table

        def sin_ids(fila, modelo=modelo):
            limpia = {}
            for campo in modelo._meta.concrete_fields:
                valor = fila[campo.attname]
                if campo.is_relation:
                    destino = campo.related_model._meta.db_table
                    if valor in nuevas.get(destino, ()):
                        valor = f"<nueva de {destino}>"
                elif campo.primary_key or campo.name in PROPIAS_DE_CADA_INVITACION:
                    continue
                limpia[campo.attname] = valor
            return sorted(limpia.items())

        filas = [("insertada", sin_ids(despues[tabla][pk])) for pk in nuevas[tabla]]
        filas += [
            ("cambiada", sin_ids(fila))
            for pk, fila in despues[tabla].items()
            if pk in antes[tabla] and antes[tabla][pk] != fila
        ]
        filas += [
            ("borrada", sin_ids(fila))
            for pk, fila in antes[tabla].items()
            if pk not in despues[tabla]
        ]
        if filas:
            cambios[tabla] = sorted(filas)
    return cambios


CASOS = {
    # never opened before the submit: the submit counts the opening
    "sin_abrir": {"valores": {"SAT": 4, "EFIC": 5}},
    "abierta_con_comentario": {
        "abrir": True,
        "valores": {"SAT": 5, "CONF": 4, "FAC": 7, "TIEMPO": 3, "TRATO": 5},
        "texto": "Muy bien. Mi correo: [correo]",
        "idioma": "gl",
    },
    "de_personal": {
        "valores": {"SAT": 2},
        "reportable": False,
        "motivo": "sesion_personal",
    },
    "sin_empleado_ni_servicio": {"anonima": True, "valores": {"SAT": 3}},
    "sms_pendiente": {"sms": True, "valores": {"SAT": 5, "EFIC": 1}},
    # a low score whose citizen asks to be called back: the alert goes with it
    "alerta": {
        "abrir": True,
        "valores": {"SAT": 1, "EFIC": 2, "CONTACTO": 1},
        "contacto": "612345678",
    },
    "baja_sin_contacto": {"abrir": True, "valores": {"SAT": 1, "CONTACTO": 0}},
}


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="el envío en una sola sentencia solo existe en PostgreSQL",
)
@pytest.mark.parametrize("caso", CASOS)
def test_el_envio_en_una_sentencia_escribe_las_mismas_filas_que_el_orm(oficina, caso):
    datos = CASOS[caso]
    empleado = EmpleadoFactory(oficina=oficina)
    servicio = ServicioFactory()
    momento = timezone.now() - timedelta(hours=5)
    ahora = timezone.now()
    cambios = {}
    for indice, camino in enumerate(("sql", "orm")):
        extra = {} if datos.get("anonima") else {"empleado": empleado}
        if not datos.get("anonima"):
            extra["servicio"] = servicio
        if datos.get("sms"):
            extra |= {"canal": "telefonico", "contacto": f"61234567{indice}"}
        registro, token = invitar(oficina, referencia_externa=camino, **extra)
        invitacion = registro.invitacion
        # Both invitations made at the same instant, as far as the rows tell.
        Invitacion.objects.filter(pk=invitacion.pk).update(
            creada_en=momento,
            caduca_en=momento + timedelta(days=7),
            enviada_en=None if datos.get("sms") else momento,
        )
        if datos.get("abrir"):
            marcar_abierta(Invitacion.objects.get(pk=invitacion.pk))
            Invitacion.objects.filter(pk=invitacion.pk).update(abierta_en=momento)
        lineas = lineas_de(invitacion.encuesta_id)
        antes = _instantanea()
        argumentos = {
            "idioma": datos.get("idioma", "es"),
            "reportable": datos.get("reportable", True),
            "motivo": datos.get("motivo", ""),
            "ahora": ahora,
        }
        if camino == "sql":
            pk = respuestas._guardar_postgres(
                seguridad.hash_token(token),
                invitacion.encuesta_id,
                datos["valores"],
                lineas,
                texto=datos.get("texto", ""),
                contacto=datos.get("contacto", ""),
                **argumentos,
            )
        else:
            with transaction.atomic():
                pk = respuestas._quemar_y_guardar(
                    invitacion.pk,
                    lineas,
                    datos["valores"],
                    comentario=datos.get("texto", ""),
                    contacto=datos.get("contacto", ""),
                    **argumentos,
                ).pk
        assert pk is not None
        cambios[camino] = _cambios(antes, _instantanea())

    assert set(cambios["sql"]) == {
        "encuestas_invitacion",
        "encuestas_respuesta",
        "encuestas_respuestaitem",
        "encuestas_resumenpendiente",
    } | ({"encuestas_alerta"} if datos.get("contacto") else set())
    assert cambios["sql"] == cambios["orm"]


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="el envío en una sola sentencia solo existe en PostgreSQL",
)
def test_el_envio_en_una_sentencia_no_escribe_nada_con_un_token_usado(oficina):
    registro, token = invitar(oficina)
    lineas = lineas_de(registro.invitacion.encuesta_id)
    argumentos = (
        seguridad.hash_token(token),
        registro.invitacion.encuesta_id,
        {"SAT": 4},
        lineas,
    )
    assert respuestas._guardar_postgres(*argumentos, texto="", idioma="es")
    antes = _instantanea()
    assert respuestas._guardar_postgres(*argumentos, texto="", idioma="es") is None
    assert _cambios(antes, _instantanea()) == {}


def _campos(objeto) -> dict:
    return {
        f.attname: getattr(objeto, f.attname)
        for f in type(objeto)._meta.concrete_fields
    }


def test_la_busqueda_del_token_carga_lo_mismo_que_el_orm(oficina):
    registro, token = invitar(
        oficina,
        empleado=EmpleadoFactory(oficina=oficina),
        servicio=ServicioFactory(),
        idioma="eu",
        referencia_externa="T-9",
    )
    marcar_abierta(Invitacion.objects.get(pk=registro.invitacion.pk))
    token_hash = seguridad.hash_token(token)
    por_sql = sql.invitacion_por_hash(token_hash)
    por_orm = Invitacion.objects.select_related("atencion").get(token_hash=token_hash)
    assert _campos(por_sql) == _campos(por_orm)
    assert _campos(por_sql.atencion) == _campos(por_orm.atencion)
    assert timezone.is_aware(por_sql.caduca_en) and timezone.is_aware(
        por_sql.atencion.fecha
    )


def test_la_busqueda_del_token_de_una_invitacion_respondida_no_trae_atencion(oficina):
    registro, token = invitar(oficina, canal="telematico")
    respuestas.responder(token=token, datos={"SAT": "4"})
    por_sql = sql.invitacion_por_hash(seguridad.hash_token(token))
    por_orm = Invitacion.objects.get(pk=registro.invitacion.pk)
    assert por_sql.atencion_id is None
    assert _campos(por_sql) == _campos(por_orm)
    assert sql.invitacion_por_hash(seguridad.hash_token("0" * 13)) is None


def test_las_sumas_de_los_resumenes_acumulan_en_la_misma_celda(oficina):
    canal = Canal.objects.get(codigo="presencial")
    hoy = timezone.localdate()
    fila = (hoy, oficina.pk, canal.pk, 0, 0, "SAT", 5, 1)
    sql.sumar_valores([fila, (*fila[:6], 4, 2)], fragmento=3)
    sql.sumar_valores([fila], fragmento=3)
    celda = {"fecha": hoy, "oficina_id": oficina.pk, "canal_id": canal.pk}
    resumen = apps.get_model("encuestas", "ResumenDiario").objects.filter(**celda)
    assert sorted(resumen.values_list("valor", "n", "fragmento")) == [
        (4, 2, 3),
        (5, 2, 3),
    ]
    comunes = {**celda, "servicio_id": 0, "fragmento": 1}
    sql.sumar_embudo(**comunes, ofrecidas=2, abiertas=1, completadas=0)
    sql.sumar_embudo(**comunes, ofrecidas=1, abiertas=0, completadas=0)
    sql.sumar_completadas([(hoy, oficina.pk, canal.pk, 0, 1, 1)])
    embudo = apps.get_model("encuestas", "EmbudoDiario").objects.filter(**celda)
    assert sorted(
        embudo.values_list("fragmento", "ofrecidas", "abiertas", "completadas")
    ) == [(0, 0, 1, 1), (1, 3, 1, 0)]


@pytest.mark.parametrize("n", [1, 40])
def test_las_invitaciones_en_bloque_quedan_como_con_bulk_create(oficina, n):
    """One INSERT whose text does not grow with the batch (unnest on
    PostgreSQL); each instance gets the id of its row."""
    from django.test.utils import CaptureQueriesContext

    from encuestas.models import Atencion
    from encuestas.services.banco import encuesta_para

    canal = Canal.objects.get(codigo="presencial")
    ahora = timezone.now()
    atenciones = [
        Atencion.objects.create(oficina=oficina, canal=canal, fecha=ahora)
        for _ in range(n)
    ]
    nuevas = [
        Invitacion(
            atencion=a,
            encuesta=encuesta_para(canal),
            oficina=oficina,
            canal=canal,
            token_hash=seguridad.hash_token(seguridad.nuevo_token()),
            medio=Invitacion.Medio.ENLACE,
            caduca_en=ahora + timedelta(days=7),
        )
        for a in atenciones
    ]
    with CaptureQueriesContext(connection) as consultas:
        sql.insertar_invitaciones(nuevas)
    assert len(consultas) == 1
    if connection.vendor == "postgresql":
        assert consultas[0]["sql"].count("unnest") == 1
    guardadas = dict(Invitacion.objects.values_list("token_hash", "pk"))
    assert {i.token_hash: i.pk for i in nuevas} == guardadas
    assert all(not i._state.adding for i in nuevas)
    assert Invitacion.objects.get(pk=nuevas[-1].pk).atencion_id == atenciones[-1].pk


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="la apertura en una sola sentencia solo existe en PostgreSQL",
)
def test_la_apertura_en_una_sentencia_escribe_lo_mismo_que_el_orm(oficina, monkeypatch):
    from encuestas import resumenes
    from encuestas.services import invitaciones

    monkeypatch.setattr(resumenes, "_fragmento", lambda: 2)
    servicios = {"sql": ServicioFactory(), "orm": ServicioFactory()}
    ahora = timezone.now()
    cambios = {}
    for camino, servicio in servicios.items():
        registro, _token = invitar(
            oficina, servicio=servicio, referencia_externa=f"A-{camino}"
        )
        invitacion = Invitacion.objects.select_related("atencion").get(
            pk=registro.invitacion.pk
        )
        antes = _instantanea()
        if camino == "sql":
            with monkeypatch.context() as m:
                m.setattr(timezone, "now", lambda: ahora)
                marcar_abierta(invitacion)
        else:
            invitaciones._abrir_por_orm(invitacion, ahora, servicio.pk)
        cambios[camino] = _cambios(antes, _instantanea())
        # Opening again counts nothing, whatever the caller holds.
        antes = _instantanea()
        marcar_abierta(Invitacion.objects.get(pk=invitacion.pk))
        assert _cambios(antes, _instantanea()) == {}

    assert set(cambios["sql"]) == {"encuestas_invitacion", "encuestas_embudodiario"}
    for camino, servicio in servicios.items():
        ((tipo, fila),) = cambios[camino]["encuestas_invitacion"]
        assert tipo == "cambiada"
        assert dict(fila)["estado"] == "abierta" and dict(fila)["abierta_en"] == ahora
        ((tipo, fila),) = cambios[camino]["encuestas_embudodiario"]
        fila = dict(fila)
        assert fila.pop("servicio_id") == servicio.pk
        cambios[camino] = (tipo, fila)
    assert cambios["sql"] == cambios["orm"]
    assert cambios["sql"][1]["abiertas"] == 1 and cambios["sql"][1]["fragmento"] == 2
