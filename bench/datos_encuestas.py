"""Survey volume on top of bench/datos.py's organisation (PostgreSQL only,
set-based SQL with a fixed seed): responses that carry employee and service, every
day and channel of every office over six quarters, every item (TRATO and NPS too),
a realistic mix of scores with comments, and the invitations and funnel that go
with them; then the rollups, through the app's own consolidation.

    from datos import crear_organizacion      # bench/ is on sys.path
    from datos_encuestas import anadir_respuestas, construir_resumenes
    anadir_respuestas(org, 1_000_000)  # six quarters to 2026-09-30, queued
    construir_resumenes()              # the rollups, by `resumenes.consolidar`
"""

from __future__ import annotations

import math
from datetime import date

from datos import Organizacion

# Six quarters of responses, the last one complete (2026-Q3).
DESDE, HASTA = date(2025, 4, 1), date(2026, 9, 30)
DIAS = (HASTA - DESDE).days + 1
# Offered invitations per answered one, by channel (answered: 1 in 2, 2.5, 3.3).
INVITADAS_POR_RESPUESTA = {"presencial": 2.0, "telefonico": 2.5, "telematico": 3.3}
MEDIO = {"presencial": "qr", "telefonico": "sms", "telematico": "enlace"}
# Items of each channel's survey, NPS added to all three (as calidad would in the
# editor); the telematic one has no TRATO (no one attended in person).
ITEMS = ("SAT", "CONF", "EFIC", "FAC", "TIEMPO", "TRATO", "NPS")
COMENTARIOS = {
    "malo": (
        "Esperé más de una hora y nadie me informó del retraso.",
        "Me pidieron un documento que no aparecía en la web.",
        "No me resolvieron nada, tendré que volver otro día.",
        "La cita previa no funcionaba y perdí la mañana.",
    ),
    "bueno": (
        "Muy amable la persona que me atendió, todo claro.",
        "Rápido y sin complicaciones, gracias.",
        "Me explicaron bien los pasos que faltaban.",
        "Mejor de lo que esperaba, volvería sin problema.",
    ),
}


def _tabla(app: str, modelo: str) -> str:
    from django.apps import apps

    return apps.get_model(app, modelo)._meta.db_table


def _escala(x: str, codigo: str) -> str:
    """The SQL value of item `codigo` from a uniform x in [0, 1): mostly 4–5 on
    1–5 items (5: 50 %, 4: 28 %, 3: 12 %, 2 and 1: 5 % each), NPS promoters about
    half and detractors a fifth, FAC mostly 5–7."""
    if codigo == "NPS":
        return f"LEAST(10, floor(11 * power({x}, 0.3)))::smallint"
    if codigo == "FAC":
        return f"(1 + LEAST(6, floor(7 * power({x}, 0.45))))::smallint"
    return (
        f"(CASE WHEN {x} < 0.05 THEN 1 WHEN {x} < 0.10 THEN 2 WHEN {x} < 0.22 THEN 3 "
        f"WHEN {x} < 0.50 THEN 4 ELSE 5 END)::smallint"
    )


def anadir_respuestas(
    org: Organizacion,
    total: int,
    *,
    ya: int = 0,
    desde: date = DESDE,
    hasta: date = HASTA,
    semilla: int = 14,
    comprobar_claves: bool = True,
) -> int:
    """Add responses ya+1..total (PostgreSQL, set-based, deterministic): office,
    channel and day cycle so every office gets every channel every day before
    any cell gets a second (and a smaller volume spreads over all the days); the employee is one of that office's staff who
    attends that channel, the service one of the catalogue (popular ones more
    often). Each response carries its survey's items including TRATO (not on
    the telematic channel) and NPS, a mood shared by its items (an office bias
    moves its tail of 1–2), CONTACTO after a low score and a comment in ~15 %.
    Alongside: the burnt invitation of each response, the channel's unanswered
    invitations (sent or opened, still linked to their attention event), the
    funnel increments those made when offered and opened, and the response
    queued for the rollups (ResumenPendiente). `construir_resumenes` adds the
    queue. Returns how many responses were added.

    `comprobar_claves=False` skips the foreign-key checks of this transaction
    (session_replication_role, a PostgreSQL superuser's setting): Django's keys
    are deferred, so at a million responses the commit alone ran tens of millions
    of one-row checks for half an hour. The rows point at ids just read from
    their tables; tests/integration/test_bench_datos.py runs the same statements
    with the checks on."""
    from django.conf import settings
    from django.db import connection, transaction

    from encuestas.models import Encuesta, ItemVersion

    if total <= ya:
        return 0
    dias = (hasta - desde).days + 1
    canales = sorted(org.canales.items(), key=lambda c: c[1])
    encuesta = dict(
        Encuesta.objects.filter(es_quiosco=False).values_list("canal__codigo", "pk")
    )
    version = {
        iv.item.codigo: iv.pk
        for iv in ItemVersion.objects.select_related("item").order_by("version")
    }
    p = {
        "semilla": (semilla % 1000) / 1000 + ya / 1e12,
        "ya": ya,
        "total": total,
        "oficinas": org.oficinas,
        "nof": len(org.oficinas),
        "canales": [pk for _c, pk in canales],
        "ncan": len(canales),
        "encuestas": [encuesta[c] for c, _pk in canales],
        "medios": [MEDIO[c] for c, _pk in canales],
        "invitadas": [INVITADAS_POR_RESPUESTA[c] for c, _pk in canales],
        "servicios": org.servicios,
        "nserv": len(org.servicios),
        "desde": desde,
        "dias": dias,
        "paso": 7919 if math.gcd(7919, dias) == 1 else 1,  # coprime: a permutation
        "zona": settings.TIME_ZONE,
        "malos": list(COMENTARIOS["malo"]),
        "buenos": list(COMENTARIOS["bueno"]),
    }
    resp, item = _tabla("encuestas", "Respuesta"), _tabla("encuestas", "RespuestaItem")
    inv, aten = _tabla("encuestas", "Invitacion"), _tabla("encuestas", "Atencion")
    emb, pend = (
        _tabla("encuestas", "EmbudoDiario"),
        _tabla("encuestas", "ResumenPendiente"),
    )
    emp, emp_can = (
        _tabla("organizacion", "Empleado"),
        _tabla("organizacion", "Empleado_canales"),
    )
    telematico = org.canales["telematico"]
    valores = ", ".join(f"('{c}', {version[c]})" for c in ITEMS)
    casos = " ".join(f"WHEN '{c}' THEN {_escala('z.x', c)}" for c in ITEMS)
    with transaction.atomic(), connection.cursor() as c:
        c.execute("SET LOCAL work_mem = '256MB'")  # the joins and sorts in memory
        if not comprobar_claves:
            c.execute("SET LOCAL session_replication_role = replica")
        c.execute("SELECT setseed(%(semilla)s)", p)
        # Who attends each channel in each office, numbered 0..cuantos-1.
        c.execute(
            f"""
            CREATE TEMP TABLE bench_plantilla ON COMMIT DROP AS
            SELECT e.oficina_id, ec.canal_id, e.id AS empleado_id,
                   row_number() OVER w - 1 AS k, count(*) OVER (PARTITION BY e.oficina_id, ec.canal_id) AS cuantos
            FROM {emp} e JOIN {emp_can} ec ON ec.empleado_id = e.id
            WHERE e.oficina_id = ANY(%(oficinas)s)
            WINDOW w AS (PARTITION BY e.oficina_id, ec.canal_id ORDER BY e.id)
        """,
            p,
        )
        c.execute("CREATE INDEX ON bench_plantilla (oficina_id, canal_id, k)")
        c.execute(
            f"""
            CREATE TEMP TABLE bench_nuevas ON COMMIT DROP AS
            WITH base AS (
                SELECT g, (%(oficinas)s::bigint[])[1 + g %% %(nof)s] AS oficina_id,
                       1 + (g / %(nof)s) %% %(ncan)s AS ci,
                       -- the k-th round of cells falls on day k × paso mod dias, a
                       -- permutation of the days: a small volume spreads over the
                       -- whole period instead of filling its first days
                       %(desde)s::date + (((g / (%(nof)s * %(ncan)s)) %% %(dias)s) * %(paso)s %% %(dias)s)::int AS fecha,
                       random() AS r_servicio, random() AS r_animo, random() AS r_empleado,
                       random() AS r_hora, random() AS r_comentario
                FROM generate_series(%(ya)s + 1, %(total)s) AS g
            ), celda AS (
                SELECT b.*, (%(canales)s::bigint[])[b.ci] AS canal_id,
                       -- an office bias of -0.12..+0.12 on the mood: some offices
                       -- have a fatter tail of 1–2
                       LEAST(0.9999, GREATEST(0.0, b.r_animo + ((b.oficina_id * 37) %% 9 - 4) * 0.03)) AS animo
                FROM base b
            )
            SELECT nextval(pg_get_serial_sequence('{resp}', 'id')) AS id, c.g, c.ci, c.oficina_id, c.canal_id,
                   (%(encuestas)s::bigint[])[c.ci] AS encuesta_id, (%(medios)s::text[])[c.ci] AS medio,
                   c.fecha, (%(servicios)s::bigint[])[1 + floor(%(nserv)s * c.r_servicio * c.r_servicio)::int] AS servicio_id,
                   p.empleado_id, c.animo, c.r_comentario,
                   (c.fecha + make_interval(hours => 9 + floor(c.r_hora * 6)::int)) AT TIME ZONE %(zona)s AS hora,
                   c.fecha::timestamp AT TIME ZONE %(zona)s AS dia
            FROM celda c
            LEFT JOIN (SELECT DISTINCT oficina_id, canal_id, cuantos FROM bench_plantilla) q
                   ON q.oficina_id = c.oficina_id AND q.canal_id = c.canal_id
            LEFT JOIN bench_plantilla p ON p.oficina_id = c.oficina_id AND p.canal_id = c.canal_id
                   AND p.k = floor(c.r_empleado * q.cuantos)
        """,
            p,
        )
        c.execute(
            f"""
            INSERT INTO {resp} (id, encuesta_id, oficina_id, canal_id, servicio_id, empleado_id, medio, hora,
                                fecha, idioma, reportable, motivo_no_reportable, comentario)
            SELECT id, encuesta_id, oficina_id, canal_id, servicio_id, empleado_id, medio, hora, fecha,
                   (ARRAY['es', 'es', 'es', 'es', 'es', 'es', 'ca', 'gl', 'eu', 'en'])[1 + g %% 10], TRUE, '',
                   CASE WHEN r_comentario >= 0.15 THEN ''
                        WHEN animo < 0.22 THEN (%(malos)s::text[])[1 + g %% 4]
                        ELSE (%(buenos)s::text[])[1 + g %% 4] END
            FROM bench_nuevas
        """,
            p,
        )
        # The items share the response's mood (SAT is the mood itself, the others
        # follow it 7 times in 10), optional ones skipped 1 time in 20.
        c.execute(f"""
            INSERT INTO {item} (respuesta_id, item_version_id, codigo, valor, texto)
            SELECT n.id, v.version, v.codigo, CASE v.codigo {casos} END, ''
            FROM bench_nuevas n CROSS JOIN (VALUES {valores}) AS v(codigo, version)
            CROSS JOIN LATERAL (
                SELECT CASE WHEN v.codigo = 'SAT' OR random() < 0.7 THEN n.animo ELSE random() END AS x,
                       random() AS salto
                WHERE n.id IS NOT NULL
            ) z
            WHERE (v.codigo <> 'TRATO' OR n.canal_id <> {telematico})
              AND (v.codigo = 'SAT' OR z.salto >= 0.05)
        """)
        # After a low score (SAT 1–2) the survey asks whether to be called back.
        c.execute(f"""
            INSERT INTO {item} (respuesta_id, item_version_id, codigo, valor, texto)
            SELECT id, {version["CONTACTO"]}, 'CONTACTO', CASE WHEN random() < 0.4 THEN 1 ELSE 0 END, ''
            FROM bench_nuevas WHERE animo < 0.10
        """)
        # Each response's invitation, as a submit leaves it (no event, times cut to the day).
        c.execute(f"""
            INSERT INTO {inv} (atencion_id, encuesta_id, oficina_id, canal_id, token_hash, semilla, medio, estado,
                               creada_en, caduca_en, abierta_en, contacto, enviada_en)
            SELECT NULL, encuesta_id, oficina_id, canal_id, encode(sha256(('bench-' || g)::bytea), 'hex'), '',
                   medio, 'respondida', dia, dia + interval '7 days', dia, '', CASE WHEN medio = 'sms' THEN dia END
            FROM bench_nuevas
        """)
        # The unanswered ones, still linked to their attention event; 3 in 10 opened.
        c.execute(
            """
            CREATE TEMP TABLE bench_sin_responder ON COMMIT DROP AS
            SELECT n.g, s.i, n.oficina_id, n.canal_id, n.encuesta_id, n.medio, n.servicio_id, n.empleado_id,
                   n.hora, n.dia, random() < 0.3 AS abierta
            FROM bench_nuevas n,
                 LATERAL generate_series(1, floor((%(invitadas)s::float[])[n.ci] - 1 + random())::int) AS s(i)
        """,
            p,
        )
        c.execute(f"""
            WITH a AS (
                INSERT INTO {aten} (oficina_id, canal_id, servicio_id, empleado_id, fecha, referencia_externa,
                                    integracion_id, resultado, espera_segundos, gestion_segundos, idioma,
                                    invitada, creada_en)
                SELECT oficina_id, canal_id, servicio_id, empleado_id, hora, 'bench-' || g || '-' || i, NULL,
                       'resuelta', NULL, NULL, '', TRUE, hora
                FROM bench_sin_responder
                RETURNING id, referencia_externa
            )
            INSERT INTO {inv} (atencion_id, encuesta_id, oficina_id, canal_id, token_hash, semilla, medio, estado,
                               creada_en, caduca_en, abierta_en, contacto, enviada_en)
            SELECT a.id, s.encuesta_id, s.oficina_id, s.canal_id,
                   encode(sha256(('bench-' || s.g || '-' || s.i)::bytea), 'hex'), '', s.medio,
                   CASE WHEN s.abierta THEN 'abierta' ELSE 'enviada' END, s.hora, s.hora + interval '7 days',
                   CASE WHEN s.abierta THEN s.hora + interval '2 hours' END, '', s.hora
            FROM a JOIN bench_sin_responder s ON a.referencia_externa = 'bench-' || s.g || '-' || s.i
        """)
        # What offering (all) and opening (the unanswered opened ones) added to the
        # funnel at the time; answering adds the rest when the queue is consolidated.
        c.execute(
            f"""
            INSERT INTO {emb} (fecha, oficina_id, canal_id, servicio_id, ofrecidas, abiertas, completadas, fragmento)
            SELECT fecha, oficina_id, canal_id, servicio_id, count(*), count(*) FILTER (WHERE abierta), 0, 0
            FROM (
                SELECT fecha, oficina_id, canal_id, coalesce(servicio_id, 0) AS servicio_id, FALSE AS abierta
                FROM bench_nuevas
                UNION ALL
                SELECT (hora AT TIME ZONE %(zona)s)::date, oficina_id, canal_id, coalesce(servicio_id, 0), abierta
                FROM bench_sin_responder
            ) t
            GROUP BY 1, 2, 3, 4
            ON CONFLICT (fecha, oficina_id, canal_id, servicio_id, fragmento) DO UPDATE
            SET ofrecidas = {emb}.ofrecidas + excluded.ofrecidas, abiertas = {emb}.abiertas + excluded.abiertas
        """,
            p,
        )
        # Answered at once from the link: the submit counts the opening.
        c.execute(
            f"INSERT INTO {pend} (respuesta_id, abierta) SELECT id, TRUE FROM bench_nuevas"
        )
    return total - ya


def construir_resumenes(*, en_bloque: bool = False) -> int:
    """Add every queued response to the rollups; returns how many. By default the
    app's own path (`resumenes.consolidar`, batches of 900); `en_bloque` does the
    same in five set-based statements (`consolidar_en_bloque`), for millions."""
    from django.db import connection

    from encuestas import resumenes

    hechas = consolidar_en_bloque() if en_bloque else resumenes.consolidar()
    # What autovacuum leaves after a while: statistics, and the visibility map the
    # covering indexes need for index-only scans (VACUUM cannot run inside a
    # transaction, as in a test: there, statistics only).
    orden = "ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE"
    with connection.cursor() as c:
        for modelo in (
            "ResumenDiario",
            "ResumenOficina",
            "ResumenMensual",
            "ResumenSemanal",
            "EmbudoDiario",
        ):
            c.execute(f"{orden} {_tabla('encuestas', modelo)}")
    return hechas


def consolidar_en_bloque() -> int:
    """`resumenes.consolidar` for the whole queue in one transaction (PostgreSQL):
    the queued responses joined to their items once, grouped at the finest grain
    (ResumenDiario's), and every rollup summed from that, in key order so the
    unique indexes fill from left to right; the same rows, same fragment 0
    (tests/integration/test_bench_datos.py compares them). At 200,000 responses
    the five separate joins took 88 s; memory for the sorts keeps them off disk."""
    from django.db import connection, transaction

    from encuestas.sql import CLAVE_DIARIO, CLAVE_OFICINA

    resp, item = _tabla("encuestas", "Respuesta"), _tabla("encuestas", "RespuestaItem")
    pend, emb = (
        _tabla("encuestas", "ResumenPendiente"),
        _tabla("encuestas", "EmbudoDiario"),
    )
    with transaction.atomic(), connection.cursor() as c:
        c.execute("SET LOCAL work_mem = '256MB'")
        c.execute(
            f"CREATE TEMP TABLE bench_cola ON COMMIT DROP AS SELECT * FROM {pend}"
        )
        c.execute(f"""
            CREATE TEMP TABLE bench_fino ON COMMIT DROP AS
            SELECT r.fecha, r.oficina_id, r.canal_id, coalesce(r.servicio_id, 0) AS servicio_id,
                   coalesce(r.empleado_id, 0) AS empleado_id, ri.codigo, ri.valor, count(*) AS n
            FROM bench_cola p JOIN {resp} r ON r.id = p.respuesta_id
            JOIN {item} ri ON ri.respuesta_id = r.id
            WHERE r.reportable AND ri.valor IS NOT NULL AND ri.codigo <> 'CONTACTO'
            GROUP BY 1, 2, 3, 4, 5, 6, 7
        """)
        for modelo, clave in (
            ("ResumenDiario", CLAVE_DIARIO),
            ("ResumenOficina", CLAVE_OFICINA),
        ):
            tabla = _tabla("encuestas", modelo)
            columnas = ", ".join(clave)
            c.execute(f"""
                INSERT INTO {tabla} ({columnas}, n, fragmento)
                SELECT {columnas}, sum(n), 0 FROM bench_fino
                GROUP BY {columnas} ORDER BY {columnas}
                ON CONFLICT ({columnas}, fragmento) DO UPDATE SET n = {tabla}.n + excluded.n
            """)
        for modelo, periodo, trunc in (
            ("ResumenMensual", "mes", "month"),
            ("ResumenSemanal", "semana", "week"),
        ):
            tabla = _tabla("encuestas", modelo)
            c.execute(f"""
                INSERT INTO {tabla} ({periodo}, oficina_id, canal_id, codigo, valor, n, fragmento)
                SELECT date_trunc('{trunc}', fecha)::date, oficina_id, canal_id, codigo, valor, sum(n), 0
                FROM bench_fino
                GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
                ON CONFLICT ({periodo}, oficina_id, canal_id, codigo, valor, fragmento)
                DO UPDATE SET n = {tabla}.n + excluded.n
            """)
        c.execute(f"""
            INSERT INTO {emb} (fecha, oficina_id, canal_id, servicio_id, ofrecidas, abiertas, completadas, fragmento)
            SELECT r.fecha, r.oficina_id, r.canal_id, coalesce(r.servicio_id, 0), 0,
                   count(*) FILTER (WHERE p.abierta), count(*), 0
            FROM bench_cola p JOIN {resp} r ON r.id = p.respuesta_id
            GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
            ON CONFLICT (fecha, oficina_id, canal_id, servicio_id, fragmento) DO UPDATE
            SET abiertas = {emb}.abiertas + excluded.abiertas, completadas = {emb}.completadas + excluded.completadas
        """)
        c.execute(
            f"DELETE FROM {pend} WHERE respuesta_id IN (SELECT respuesta_id FROM bench_cola)"
        )
        return c.rowcount
