"""Unlinkable responses: after a submit nothing stored joins a response to its
invitation's exact time or to its attention (time, external reference, employee
of the event); delivery back-ends keep no contact with its link; the fatigue
rule keeps a keyed hash and a day, for a bounded time."""

import hashlib
import hmac
import json
import secrets
from datetime import time, timedelta

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.core.checks import Tags, run_checks
from django.db import connection, models, transaction
from django.utils import timezone

from encuestas import resumenes, seguridad, services
from encuestas.models import (
    Atencion,
    ContactoHash,
    Encuesta,
    Invitacion,
    ItemVersion,
    Respuesta,
    RespuestaItem,
    ResumenPendiente,
)
from organizacion.models import Canal, Empleado, Oficina, Servicio
from tests.factories import EmpleadoFactory, OficinaFactory, ServicioFactory, invitar
from tests.organizacion.test_produccion import manage

pytestmark = pytest.mark.django_db

# Shared vocabulary and survey definitions: a join through one of these is a join
# on a coarse dimension (all responses of an office with all attentions of that
# office), not a link.
DIMENSIONES = {
    Encuesta,
    ItemVersion,
    Oficina,
    Canal,
    Servicio,
    Empleado,
    django_settings.AUTH_USER_MODEL.lower(),
}
# Exact times reachable from a response, and why they may be there: an alert
# exists only when the citizen gave a contact and asked to be called (its
# deadline needs the time); a note or a complaint number is a staff action.
HORAS_EXACTAS_ADMITIDAS = {
    ("alerta", "creada_en"),
    ("alerta", "plazo"),
    ("alerta", "cerrada_en"),
    ("notaalerta", "creada_en"),
    ("queja", "creada_en"),
}


@pytest.fixture
def oficina():
    return OficinaFactory(canales=["presencial", "telefonico", "telematico"])


def _es_dimension(modelo) -> bool:
    return modelo in DIMENSIONES or modelo._meta.label_lower in DIMENSIONES


def _caminos(modelo, profundidad=3, camino=()):
    """Every model reachable from `modelo` by forward or reverse relations, without
    crossing a shared dimension, with the path that reaches it."""
    for campo in modelo._meta.get_fields(include_hidden=True):
        if not campo.is_relation or campo.related_model is None:
            continue
        destino = campo.related_model
        paso = (*camino, f"{modelo._meta.model_name}.{campo.name}")
        yield destino, paso
        if profundidad > 1 and not _es_dimension(destino) and destino is not modelo:
            yield from _caminos(destino, profundidad - 1, paso)


def test_ninguna_relacion_lleva_de_la_respuesta_a_la_atencion_o_la_invitacion():
    alcanzados = list(_caminos(Respuesta))
    prohibidos = [
        " → ".join(paso)
        for destino, paso in alcanzados
        if destino in (Atencion, Invitacion)
    ]
    assert not prohibidos
    for destino, paso in alcanzados:
        if _es_dimension(destino) or destino is Respuesta:
            continue
        for campo in destino._meta.concrete_fields:
            assert campo.name not in ("referencia_externa", "usada_en"), paso
            if isinstance(campo, models.DateTimeField):
                clave = (destino._meta.model_name, campo.name)
                assert clave in HORAS_EXACTAS_ADMITIDAS, (paso, campo.name)
    # The response's own time is the hour only (checked on stored rows below).
    horas = [
        f.name
        for f in Respuesta._meta.concrete_fields
        if isinstance(f, models.DateTimeField)
    ]
    assert horas == ["hora"]


def _responder(camino: str, token: str, registro) -> None:
    if camino == "servicio":
        services.responder(token=token, datos={"SAT": "4", "EFIC": "5"})
    elif camino == "directo":
        assert services.responder_directo(
            token=token,
            encuesta_id=registro.invitacion.encuesta_id,
            datos={"SAT": "4", "EFIC": "5"},
        )
    else:  # a low score with contact: the ORM path on every database
        services.responder(
            token=token,
            datos={"SAT": "1", "CONTACTO": "1"},
            contacto="ana@example.org",
        )


@pytest.mark.parametrize("camino", ["servicio", "directo", "alerta"])
def test_tras_responder_nada_une_la_respuesta_con_la_atencion(oficina, camino):
    if camino == "directo" and connection.vendor != "postgresql":
        pytest.skip("la sentencia única solo existe en PostgreSQL")
    empleado = EmpleadoFactory(oficina=oficina)
    servicio = ServicioFactory()
    registro, token = invitar(
        oficina,
        empleado=empleado,
        servicio=servicio,
        referencia_externa="TICKET-4711",
    )
    services.marcar_abierta(Invitacion.objects.get(pk=registro.invitacion.pk))
    _responder(camino, token, registro)

    respuesta = Respuesta.objects.get()
    # The coarse dimensions the metrics need stay on the response.
    assert (
        respuesta.oficina_id == oficina.pk
        and respuesta.empleado_id == empleado.pk
        and respuesta.servicio_id == servicio.pk
        and respuesta.medio == registro.invitacion.medio
    )
    local = timezone.localtime(respuesta.hora)
    assert (local.minute, local.second, local.microsecond) == (0, 0, 0)

    invitacion = Invitacion.objects.get(pk=registro.invitacion.pk)
    assert invitacion.estado == Invitacion.Estado.RESPONDIDA
    assert invitacion.atencion_id is None
    assert invitacion.semilla == "" and invitacion.contacto == ""
    assert not hasattr(invitacion, "usada_en")
    for campo in ("creada_en", "caduca_en", "abierta_en", "enviada_en"):
        valor = getattr(invitacion, campo)
        assert valor is None or timezone.localtime(valor).time() == time(0), campo
    assert not Invitacion.objects.filter(atencion=registro.atencion).exists()
    # The reused link still says «already answered».
    assert services.invitacion_por_token(token).estado == Invitacion.Estado.RESPONDIDA


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="el camino de una sola sentencia solo existe en PostgreSQL",
)
def test_la_sentencia_unica_y_el_orm_escriben_las_mismas_filas(oficina):
    empleado = EmpleadoFactory(oficina=oficina)
    servicio = ServicioFactory()
    ahora = timezone.now()
    lineas = None
    filas = []
    for camino in ("postgres", "orm"):
        registro, token = invitar(
            oficina, empleado=empleado, servicio=servicio, referencia_externa=camino
        )
        lineas = services.lineas_de(registro.invitacion.encuesta_id)
        valores = {"SAT": 4, "EFIC": 5}
        if camino == "postgres":
            pk = services._guardar_postgres(
                seguridad.hash_token(token),
                registro.invitacion.encuesta_id,
                valores,
                lineas,
                texto="",
                idioma="es",
                ahora=ahora,
            )
        else:
            with transaction.atomic():
                pk = services._quemar_y_guardar(
                    registro.invitacion.pk,
                    lineas,
                    valores,
                    comentario="",
                    contacto="",
                    idioma="es",
                    reportable=True,
                    motivo="",
                    ahora=ahora,
                ).pk
        invitacion = Invitacion.objects.filter(pk=registro.invitacion.pk).values()[0]
        respuesta = Respuesta.objects.filter(pk=pk).values()[0]
        filas.append(
            (
                {k: v for k, v in respuesta.items() if k != "id"},
                sorted(
                    RespuestaItem.objects.filter(respuesta_id=pk).values_list(
                        "item_version_id", "codigo", "valor", "texto"
                    )
                ),
                ResumenPendiente.objects.filter(respuesta_id=pk).values_list(
                    "abierta", flat=True
                )[0],
                {k: v for k, v in invitacion.items() if k not in ("id", "token_hash")},
            )
        )
    assert filas[0] == filas[1]


def test_reenvio_de_una_atencion_respondida_no_da_enlace_ni_crea_invitacion(oficina):
    canal = Canal.objects.get(codigo="presencial")
    primero = services.registrar_atencion(
        oficina=oficina, canal=canal, referencia_externa="R-1", forzar_invitacion=True
    )
    services.responder(token=primero.token, datos={"SAT": "5"})
    reenvio = services.registrar_atencion(
        oficina=oficina, canal=canal, referencia_externa="R-1", forzar_invitacion=True
    )
    assert reenvio.motivo == "existente" and not reenvio.creada
    assert reenvio.atencion.pk == primero.atencion.pk
    assert reenvio.enlace is None and reenvio.invitacion is None
    assert Invitacion.objects.count() == 1


def test_quiosco_no_crea_invitacion_y_guarda_el_medio(oficina):
    kiosco, _secreto = services.crear_kiosco(
        oficina=oficina, canal=Canal.objects.get(codigo="presencial"), nombre="Salida"
    )
    respuesta = services.responder_quiosco(kiosco=kiosco, cara=4)
    assert respuesta.medio == Invitacion.Medio.QUIOSCO
    assert not Invitacion.objects.exists()
    services.anadir_motivo_quiosco(respuesta_id=respuesta.pk, motivo=0)
    assert respuesta.valores.filter(codigo="MOTIVO").exists()


# --- delivery back-ends ------------------------------------------------------------


def test_sms_en_fichero_no_guarda_ni_telefono_ni_enlace(
    oficina, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.ENCUESTAS_SMS_DIR = str(tmp_path)
    with django_capture_on_commit_callbacks(execute=True):
        registro = services.registrar_atencion(
            oficina=oficina,
            canal=Canal.objects.get(codigo="telefonico"),
            contacto="+34 699 111 289",
            referencia_externa="LL-1",
        )
    assert Invitacion.objects.get(pk=registro.invitacion.pk).contacto == ""
    escrito = "".join(f.read_text(encoding="utf-8") for f in tmp_path.glob("*.jsonl"))
    linea = json.loads(escrito.splitlines()[-1])
    assert "699111289" not in escrito and "699 111 289" not in escrito
    assert registro.token not in escrito and registro.enlace not in escrito
    assert linea["a"] == "6******89"
    assert "/e/" in linea["texto"]  # the message is there, without its token
    assert set(linea) == {"a", "texto"}  # no timestamp of its own (the file is the day)


@pytest.mark.parametrize(
    "backend",
    [
        "django.core.mail.backends.locmem.EmailBackend",
        "django.core.mail.backends.console.EmailBackend",
        "django.core.mail.backends.filebased.EmailBackend",
        "comun.correo.CorreoEnArchivo",
    ],
)
def test_correo_de_invitacion_no_se_guarda_ni_se_imprime_con_direccion_y_enlace(
    oficina, settings, tmp_path, capsys, backend, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = backend
    settings.EMAIL_FILE_PATH = str(tmp_path)
    with django_capture_on_commit_callbacks(execute=True):
        registro = services.registrar_atencion(
            oficina=oficina,
            canal=Canal.objects.get(codigo="telematico"),
            contacto="ana.garcia@example.org",
            referencia_externa="EXP-2026-1",
        )
    escrito = capsys.readouterr().out + "".join(
        f.read_text(encoding="utf-8") for f in tmp_path.rglob("*") if f.is_file()
    )
    if backend.endswith("locmem.EmailBackend"):
        escrito += "".join(m.message().as_string() for m in mail.outbox)
    assert escrito  # something was "sent"
    assert "ana.garcia" not in escrito and "example.org" not in escrito
    assert registro.token not in escrito
    assert Invitacion.objects.get(pk=registro.invitacion.pk).contacto == ""


@pytest.mark.parametrize(
    ("ajustes", "ids"),
    [
        ({}, {"encuestas.E001", "encuestas.E002"}),
        (
            {"ENCUESTAS_SMS_BACKEND": "encuestas.envio.PasarelaHTTPSMS"},
            {"encuestas.E002"},
        ),
        (
            {"EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend"},
            {"encuestas.E001"},
        ),
        (
            {
                "ENCUESTAS_SMS_BACKEND": "encuestas.envio.PasarelaHTTPSMS",
                "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            },
            set(),
        ),
    ],
)
def test_produccion_rechaza_envios_que_guardan_o_imprimen_contactos(
    settings, ajustes, ids
):
    from encuestas import checks

    settings.PRODUCTION = True
    settings.ENCUESTAS_SMS_BACKEND = "encuestas.envio.ArchivoSMS"
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    for nombre, valor in ajustes.items():
        setattr(settings, nombre, valor)
    assert {e.id for e in checks.envio_sin_copias(None)} == ids
    # Registered: `manage.py check` (and so migrate, runserver) runs it.
    encontrados = {e.id for e in run_checks(tags=[Tags.security])}
    assert encontrados & {"encuestas.E001", "encuestas.E002"} == ids
    settings.PRODUCTION = False
    assert checks.envio_sin_copias(None) == []


@pytest.mark.parametrize(
    "clave", [None, "corta", "secreto"], ids=["sin", "corta", "la-secret-key"]
)
def test_produccion_exige_una_clave_de_contacto_propia(tmp_path, clave):
    secreto = secrets.token_urlsafe(64)
    entorno = {"SECRET_KEY": secreto}
    if clave is not None:
        entorno["ENCUESTAS_CLAVE_CONTACTO"] = secreto if clave == "secreto" else clave
    resultado = manage(tmp_path, "check", **entorno)
    assert resultado.returncode != 0
    assert "ENCUESTAS_CLAVE_CONTACTO" in resultado.stderr


# --- fatigue rule -------------------------------------------------------------------


def test_hash_del_contacto_usa_una_clave_propia_no_derivada_de_secret_key(settings):
    antiguo = hmac.new(
        hashlib.sha256(
            f"ventanilla.encuestas.contacto:{settings.SECRET_KEY}".encode()
        ).digest(),
        b"612345678",
        hashlib.sha256,
    ).hexdigest()
    settings.ENCUESTAS_CLAVE_CONTACTO = "a" * 40
    uno = seguridad.hash_contacto("+34 612 345 678")
    settings.ENCUESTAS_CLAVE_CONTACTO = "b" * 40
    otro = seguridad.hash_contacto("612345678")
    assert uno != otro and antiguo not in (uno, otro)


def test_la_fatiga_guarda_solo_el_dia(oficina, settings, tmp_path):
    settings.ENCUESTAS_SMS_DIR = str(tmp_path)
    services.registrar_atencion(
        oficina=oficina,
        canal=Canal.objects.get(codigo="telefonico"),
        contacto="612345678",
        referencia_externa="F-1",
    )
    assert not [
        f.name
        for f in ContactoHash._meta.concrete_fields
        if isinstance(f, models.DateTimeField)
    ]
    assert ContactoHash.objects.get().ultima_invitacion_el == timezone.localdate()


def test_purga_los_hashes_pasada_la_fatiga_y_conserva_las_bajas(settings):
    settings.ENCUESTAS_FATIGA_DIAS = 30
    hoy = timezone.localdate()
    ContactoHash.objects.create(hash="reciente", ultima_invitacion_el=hoy)
    ContactoHash.objects.create(
        hash="limite", ultima_invitacion_el=hoy - timedelta(days=29)
    )
    ContactoHash.objects.create(
        hash="viejo", ultima_invitacion_el=hoy - timedelta(days=30)
    )
    ContactoHash.objects.create(
        hash="baja", baja=True, ultima_invitacion_el=hoy - timedelta(days=400)
    )
    from encuestas.tasks import purgar_contactos

    assert purgar_contactos.delay().get() == 1
    assert set(ContactoHash.objects.values_list("hash", flat=True)) == {
        "reciente",
        "limite",
        "baja",
    }
    programada = [
        t
        for t in django_settings.CELERY_BEAT_SCHEDULE.values()
        if t["task"] == "encuestas.tasks.purgar_contactos"
    ]
    assert len(programada) == 1


def test_una_baja_con_la_clave_antigua_se_respeta_y_se_reescribe(oficina, settings):
    antiguo = seguridad.hash_contacto_antiguo("612345678")
    ContactoHash.objects.create(hash=antiguo, baja=True, clave_antigua=True)
    registro = services.registrar_atencion(
        oficina=oficina,
        canal=Canal.objects.get(codigo="telefonico"),
        contacto="+34 612 345 678",
        referencia_externa="B-1",
    )
    assert registro.motivo == "baja"
    assert list(ContactoHash.objects.values_list("hash", "baja", "clave_antigua")) == [
        (seguridad.hash_contacto("612345678"), True, False)
    ]


def test_la_consolidacion_sigue_contando_las_respuestas(oficina):
    registro, token = invitar(oficina)
    services.responder(token=token, datos={"SAT": "5"})
    assert resumenes.consolidar() == 1


# --- migration of existing data -----------------------------------------------------


@pytest.fixture
def esquema_restaurado():
    """Migrate the shared test database back to the latest state afterwards: a
    test left at 0007 took later tables (the office rollup of 0010) away from
    every test and worker that came after it in the full suite."""
    from django.db.migrations.executor import MigrationExecutor

    yield
    executor = MigrationExecutor(connection)
    ultimas = executor.loader.graph.leaf_nodes()
    executor.migrate(ultimas)
    executor.loader.build_graph()
    assert not executor.migration_plan(ultimas)
    assert "encuestas_resumenoficina" in connection.introspection.table_names()


@pytest.mark.django_db(transaction=True)
def test_la_migracion_desliga_las_respuestas_y_olvida_los_hashes_de_fatiga(
    esquema_restaurado,
):
    from django.db.migrations.executor import MigrationExecutor

    antes = [("encuestas", "0006_token_unico_sin_like")]
    despues = [("encuestas", "0007_anonimato_respuestas_desligadas")]
    executor = MigrationExecutor(connection)
    executor.migrate(antes)
    viejas = executor.loader.project_state(antes).apps
    AtencionV = viejas.get_model("encuestas", "Atencion")
    InvitacionV = viejas.get_model("encuestas", "Invitacion")
    RespuestaV = viejas.get_model("encuestas", "Respuesta")
    ContactoHashV = viejas.get_model("encuestas", "ContactoHash")
    EncuestaV = viejas.get_model("encuestas", "Encuesta")

    oficina = OficinaFactory(canales=["telefonico"])
    empleado = EmpleadoFactory(oficina=oficina)
    canal = Canal.objects.get(codigo="telefonico")
    encuesta = EncuestaV.objects.get(codigo="telefonico")
    t = timezone.now().replace(hour=10, minute=17, second=3, microsecond=412000)

    def invitacion(atencion, medio, estado, token, **horas):
        return InvitacionV.objects.create(
            atencion=atencion,
            encuesta=encuesta,
            oficina_id=oficina.pk,
            canal_id=canal.pk,
            token_hash=token,
            semilla="s" if token else "",
            medio=medio,
            estado=estado,
            creada_en=t,
            caduca_en=t + timedelta(days=7),
            **horas,
        )

    def atencion(ref):
        return AtencionV.objects.create(
            oficina_id=oficina.pk,
            canal_id=canal.pk,
            empleado_id=empleado.pk,
            fecha=t,
            referencia_externa=ref,
        )

    respondida = invitacion(
        atencion("T-1"),
        "sms",
        "respondida",
        "a" * 64,
        enviada_en=t,
        abierta_en=t + timedelta(minutes=3),
        usada_en=t + timedelta(minutes=5),
    )
    pendiente = invitacion(atencion("T-2"), "sms", "enviada", "b" * 64, enviada_en=t)
    quiosco = invitacion(None, "quiosco", "respondida", None, usada_en=t)
    for origen in (respondida, quiosco):
        RespuestaV.objects.create(
            invitacion=origen,
            encuesta=encuesta,
            oficina_id=oficina.pk,
            canal_id=canal.pk,
            empleado_id=empleado.pk,
            hora=t.replace(minute=0, second=0, microsecond=0),
            fecha=t.date(),
        )
    ContactoHashV.objects.create(hash="fatiga", ultima_invitacion=t)
    ContactoHashV.objects.create(hash="baja", baja=True, ultima_invitacion=t)

    executor = MigrationExecutor(connection)
    executor.migrate(despues)

    assert sorted(Respuesta.objects.values_list("medio", "empleado_id")) == [
        ("quiosco", empleado.pk),
        ("sms", empleado.pk),
    ]
    assert not Invitacion.objects.filter(medio="quiosco").exists()
    limpia = Invitacion.objects.get(pk=respondida.pk)
    assert limpia.atencion_id is None and limpia.semilla == ""
    assert limpia.token_hash == "a" * 64  # «ya respondida» still works
    for campo in ("creada_en", "caduca_en", "abierta_en", "enviada_en"):
        assert timezone.localtime(getattr(limpia, campo)).time() == time(0), campo
    intacta = Invitacion.objects.get(pk=pendiente.pk)
    assert intacta.atencion_id is not None and intacta.creada_en == t
    # Both events keep that they were invited: a replay never mints another.
    assert sorted(Atencion.objects.values_list("referencia_externa", "invitada")) == [
        ("T-1", True),
        ("T-2", True),
    ]
    assert list(ContactoHash.objects.values_list("hash", "baja", "clave_antigua")) == [
        ("baja", True, True)
    ]
