import math
from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection, transaction
from django.db.models import Sum
from django.utils import timezone

from comun import bd
from encuestas import seguridad, services, sql
from encuestas.models import (
    Atencion,
    ContactoHash,
    EmbudoDiario,
    Encuesta,
    Invitacion,
    ReglaMuestreo,
)
from encuestas.services import integraciones
from organizacion.models import Canal, Empleado, Oficina, Servicio
from tests.factories import EmpleadoFactory, OficinaFactory, ServicioFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def oficina():
    return OficinaFactory(canales=["presencial", "telefonico", "telematico"])


def test_claves_de_api_con_hash_y_revocables(oficina):
    integracion, clave = services.crear_integracion(
        nombre="Cita previa", oficinas=[oficina], canales=Canal.objects.all()
    )
    assert (
        integracion.clave_hash == seguridad.hash_clave(clave)
        and clave not in integracion.clave_hash
    )
    services.revocar_integracion(integracion=integracion)
    integracion.refresh_from_db()
    assert not integracion.activa and integracion.revocada_en


# --- batches of attention events ---------------------------------------------------------


def _lote_variado(oficinas, n: int, prefijo: str = "R") -> list:
    """n events over two offices and three channels: services and employees, a
    contact on two in five (some repeated: the fatigue rule), one in ten without
    reference, and the first 7 again at the end (replays inside the batch)."""
    servicios = [ServicioFactory().codigo for _ in range(3)]
    empleados = [
        EmpleadoFactory(oficina=oficinas[i % 2]).identificador for i in range(4)
    ]
    items = []
    for i in range(n - 7):
        oficina = oficinas[i % 2]
        contacto = {}
        if i % 5 == 0:
            contacto = {"telefono": f"6{i % 7:08d}"}
        elif i % 5 == 1:
            contacto = {"email": f"p{i % 4}@example.org"}
        items.append(
            services.AtencionDeLote(
                oficina=oficina.codigo_dir3,
                canal=("presencial", "telefonico", "telematico")[i % 3],
                fecha=datetime(2026, 11, 1 + i % 28, 9 + i % 8, tzinfo=UTC),
                referencia="" if i % 10 == 9 else f"{prefijo}{i}",
                servicio=servicios[i % 3] if i % 4 else None,
                empleado=empleados[(i % 4) // 2 * 2 + i % 2] if i % 3 else None,
                idioma=("es", "gl", None)[i % 3],
                **contacto,
            )
        )
    return items + items[:7]


def _registrar(integracion, oficinas, items):
    return services.registrar_lote_atenciones(
        integracion_id=integracion.pk,
        oficinas_permitidas={o.pk for o in oficinas},
        canales_permitidos={"presencial", "telefonico", "telematico"},
        items=items,
    )


# Reading the codes, the scope and the rules, once per batch; then, per write
# transaction, a bounded number of statements whatever the number of events.
CONSULTAS_POR_LOTE = 9
CONSULTAS_POR_TRANSACCION = 11


@pytest.mark.parametrize("n", [100, 1000])
def test_un_lote_hace_un_numero_fijo_de_consultas_por_transaccion(
    n, django_assert_max_num_queries, monkeypatch
):
    monkeypatch.setattr(bd, "PAUSA_SQLITE", 0)
    oficinas = [OficinaFactory(canales=["presencial", "telefonico", "telematico"])]
    oficinas.append(OficinaFactory(canales=["presencial", "telefonico", "telematico"]))
    integracion, _clave = services.crear_integracion(
        nombre="Gestor", oficinas=oficinas, canales=Canal.objects.all()
    )
    items = _lote_variado(oficinas, n)
    # SQLite: 25 events per transaction (its single write lock); PostgreSQL: one.
    transacciones = (
        math.ceil(n / integraciones.EVENTOS_POR_TRANSACCION)
        if connection.vendor == "sqlite"
        else 1
    )
    with django_assert_max_num_queries(
        CONSULTAS_POR_LOTE + CONSULTAS_POR_TRANSACCION * transacciones
    ):
        registros = _registrar(integracion, oficinas, items)
    assert len(registros) == n
    motivos = Counter(r.motivo for r in registros)
    assert motivos["existente"] == 7 and motivos["fatiga"] > 0, motivos
    assert Atencion.objects.count() == n - 7 == sum(motivos.values()) - 7


def _estado() -> dict:
    """What a batch leaves behind, without ids or instants: events, invitations,
    contacts' hashes and the funnel's offered counters."""
    return {
        "atenciones": sorted(
            Atencion.objects.values_list(
                "oficina_id",
                "referencia_externa",
                "canal_id",
                "servicio_id",
                "empleado_id",
                "idioma",
                "invitada",
            ),
            key=repr,
        ),
        "invitaciones": sorted(
            (
                (ref, medio, estado, contacto, semilla != "", oficina, canal, encuesta)
                for ref, medio, estado, contacto, semilla, oficina, canal, encuesta in (
                    Invitacion.objects.values_list(
                        "atencion__referencia_externa",
                        "medio",
                        "estado",
                        "contacto",
                        "semilla",
                        "oficina_id",
                        "canal_id",
                        "encuesta_id",
                    )
                )
            ),
            key=repr,
        ),
        "contactos": sorted(
            ContactoHash.objects.values_list(
                "hash", "ultima_invitacion_el", "baja", "clave_antigua"
            )
        ),
        "embudo": sorted(
            EmbudoDiario.objects.values_list(
                "fecha", "oficina_id", "canal_id", "servicio_id"
            )
            .annotate(ofrecidas=Sum("ofrecidas"))
            .order_by()
        ),
    }


def _resumen(registros) -> list:
    registros = list(registros)
    enlaces = {}
    for r in registros:
        if r.creada and r.token:
            enlaces[r.atencion.referencia_externa] = r.token
    return [
        (
            r.motivo,
            r.creada,
            r.atencion.referencia_externa,
            r.token is not None,
            # A replay gives back the link its first appearance got.
            r.creada
            or r.token is None
            or enlaces.get(r.atencion.referencia_externa) == r.token,
        )
        for r in registros
    ]


def test_el_lote_deja_lo_mismo_que_registrar_cada_atencion_por_turno(
    monkeypatch, settings
):
    """The batch against the reference: registrar_atencion item after item, in
    one transaction rolled back. Sampling, fatigue, opt-outs (old key too),
    replays stored before or repeated in the batch, an answered event: same
    outcome per item, same rows, same counters."""
    monkeypatch.setattr(bd, "PAUSA_SQLITE", 0)
    oficinas = [
        OficinaFactory(canales=["presencial", "telefonico", "telematico"])
        for _ in range(2)
    ]
    integracion, _clave = services.crear_integracion(
        nombre="Gestor", oficinas=oficinas, canales=Canal.objects.all()
    )
    canales = {c.codigo: c for c in Canal.objects.all()}
    # Half of the telephone calls of office 0 (all with reference: deterministic),
    # none of the counter visits of office 1.
    ReglaMuestreo.objects.create(
        canal=canales["telefonico"], oficina=oficinas[0], tasa="0.5"
    )
    ReglaMuestreo.objects.create(
        canal=canales["presencial"], oficina=oficinas[1], tasa=0
    )
    items = _lote_variado(oficinas, 60)
    hoy = timezone.localdate()
    ContactoHash.objects.create(
        hash=seguridad.hash_contacto_antiguo("600000002"), baja=True, clave_antigua=True
    )
    services.dar_de_baja(contacto="p2@example.org")
    ContactoHash.objects.create(
        hash=seguridad.hash_contacto("600000003"),
        ultima_invitacion_el=hoy - timedelta(days=3),
    )
    ContactoHash.objects.create(
        hash=seguridad.hash_contacto("600000004"),
        ultima_invitacion_el=hoy - timedelta(days=settings.ENCUESTAS_FATIGA_DIAS + 9),
    )
    argumentos = integraciones._argumentos
    codigos = {
        "oficinas": {
            o.codigo_dir3: o for o in Oficina.objects.prefetch_related("canales")
        },
        "canales": canales,
        "servicios": {s.codigo: s for s in Servicio.objects.all()},
        "empleados": {e.identificador: e for e in Empleado.objects.all()},
    }
    antes = [items[3], items[12]]  # stored before; the second one answered
    for item in antes:
        services.registrar_atencion(
            integracion=integracion, **argumentos(item, **codigos)
        )
    respondida = Atencion.objects.get(referencia_externa=items[12].referencia)
    services.responder(
        token=seguridad.token_de_semilla(respondida.invitacion.semilla),
        datos={"SAT": "4"},
    )

    with transaction.atomic():
        esperado = _resumen(
            services.registrar_atencion(
                integracion=integracion, **argumentos(i, **codigos)
            )
            for i in items
        )
        estado_esperado = _estado()
        transaction.set_rollback(True)
    obtenido = _resumen(_registrar(integracion, oficinas, items))

    assert obtenido == esperado
    assert _estado() == estado_esperado
    motivos = Counter(m for m, *_resto in obtenido)
    assert set(motivos) == {"invitada", "existente", "muestreo", "fatiga", "baja"}


def test_sin_encuesta_activa_para_el_canal_el_lote_no_guarda_nada(monkeypatch):
    monkeypatch.setattr(bd, "PAUSA_SQLITE", 0)
    oficinas = [OficinaFactory(canales=["presencial", "telefonico", "telematico"])]
    integracion, _clave = services.crear_integracion(
        nombre="Gestor", oficinas=oficinas, canales=Canal.objects.all()
    )
    Encuesta.objects.filter(canal__codigo="telematico").update(activa=False)
    ReglaMuestreo.objects.create(
        canal=Canal.objects.get(codigo="telematico"), oficina=oficinas[0], tasa=0
    )
    items = [
        services.AtencionDeLote(
            oficina=oficinas[0].codigo_dir3,
            canal=canal,
            fecha=datetime(2026, 11, 2, 10, tzinfo=UTC),
            referencia=f"S{i}",
        )
        for i, canal in enumerate(["presencial", "telefonico", "telematico"])
    ]
    # Not sampled: no invitation, so no survey needed.
    assert [r.motivo for r in _registrar(integracion, oficinas, items)] == [
        "invitada",
        "invitada",
        "muestreo",
    ]
    ReglaMuestreo.objects.filter(oficina=oficinas[0]).update(tasa=1)
    nuevos = [
        services.AtencionDeLote(**{**vars(i), "referencia": f"N{n}"})
        for n, i in enumerate(items * 2)
    ]
    with pytest.raises(services.LoteNoValido) as error:
        _registrar(integracion, oficinas, nuevos)
    assert [e["indice"] for e in error.value.errores] == [2, 5]
    assert error.value.guardados == 0
    assert not Atencion.objects.filter(referencia_externa__startswith="N").exists()


def test_una_referencia_guardada_a_la_vez_por_otro_lote_es_una_repeticion(
    monkeypatch,
):
    """Between the batch's reading and its INSERT another batch stores one of its
    references (ON CONFLICT DO NOTHING skips it): that item is a replay of what
    the other stored, as registrar_atencion's IntegrityError path does."""
    oficinas = [OficinaFactory(canales=["presencial"]) for _ in range(2)]
    integracion, _clave = services.crear_integracion(
        nombre="Gestor", oficinas=oficinas, canales=Canal.objects.all()
    )
    items = [
        services.AtencionDeLote(
            oficina=oficina.codigo_dir3,
            canal="presencial",
            fecha=datetime(2026, 11, 2, 10, tzinfo=UTC),
            referencia="MISMA",
        )
        for oficina in oficinas
    ]
    original = sql.insertar_atenciones

    def otro_lote_antes(atenciones):
        services.registrar_atencion(
            integracion=integracion,
            oficina=oficinas[1],
            canal=Canal.objects.get(codigo="presencial"),
            referencia_externa="MISMA",
        )
        original(atenciones)

    monkeypatch.setattr(sql, "insertar_atenciones", otro_lote_antes)
    registros = _registrar(integracion, oficinas, items + items)
    assert [(r.motivo, r.creada) for r in registros] == [
        ("invitada", True),
        ("existente", False),
        ("existente", False),
        ("existente", False),
    ]
    suya = Atencion.objects.get(oficina=oficinas[1])
    assert registros[1].atencion.pk == registros[3].atencion.pk == suya.pk
    assert registros[1].token == registros[3].token and registros[1].token
    assert registros[0].token == registros[2].token
    assert Atencion.objects.count() == Invitacion.objects.count() == 2


def test_un_lote_con_contactos_publica_una_sola_tarea_de_envio(
    monkeypatch, django_capture_on_commit_callbacks
):
    """One publish to the broker per batch (each cost a round trip to Redis),
    with the ids of exactly the invitations that carry a contact."""
    from encuestas import tasks

    monkeypatch.setattr(bd, "PAUSA_SQLITE", 0)
    oficinas = [
        OficinaFactory(canales=["presencial", "telefonico", "telematico"])
        for _ in range(2)
    ]
    integracion, _clave = services.crear_integracion(
        nombre="Gestor", oficinas=oficinas, canales=Canal.objects.all()
    )
    publicadas, sueltas = [], []
    monkeypatch.setattr(tasks.enviar_invitaciones, "delay", publicadas.append)
    monkeypatch.setattr(tasks.enviar_invitacion, "delay", sueltas.append)
    with django_capture_on_commit_callbacks(execute=True):
        registros = _registrar(integracion, oficinas, _lote_variado(oficinas, 120))
    con_contacto = set(
        Invitacion.objects.exclude(contacto="").values_list("pk", flat=True)
    )
    assert len(con_contacto) > 2 * integraciones.EVENTOS_POR_TRANSACCION // 5
    assert sueltas == [] and len(publicadas) == 1
    assert sorted(publicadas[0]) == sorted(con_contacto)
    assert {
        r.invitacion.pk for r in registros if r.creada and r.invitacion
    } >= con_contacto
