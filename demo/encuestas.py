"""Demo survey data: ~20,000 attention events over 18 months.

Believable response rates per channel, seasonality (quiet August, busy
January and autumn), two offices whose satisfaction declines, Spanish comments
(some with personal data, redacted as in production) and a few alerts.
Bulk inserts and rollups built in bulk: seeding takes seconds.
Deterministic (fixed seed) and idempotent (skips if already seeded).
"""

import math
import random
import time as time_module
from collections import Counter
from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from encuestas import resumenes, sede, seguridad, services
from encuestas.models import (
    Alerta,
    Atencion,
    EmbudoDiario,
    Encuesta,
    IntegracionAPI,
    Invitacion,
    Kiosco,
    Respuesta,
    RespuestaItem,
    ResumenDiario,
    ResumenMensual,
    ResumenOficina,
    ResumenSemanal,
)
from encuestas.redaccion import redactar
from encuestas.services import dia_local
from organizacion.models import Canal, Empleado, Oficina, Servicio

PREFIJO = "DEMO-"
SEDE_DEMO = "Sede electrónica (demo)"
TOTAL = 20_000
DIAS = 548
# Invitation offered, opened, completed by channel (QR at the counter, SMS, online end page).
TASAS = {
    "presencial": (0.85, 0.34, 0.24),
    "telefonico": (0.9, 0.26, 0.15),
    "telematico": (1.0, 0.16, 0.09),
}
MEDIO = {"presencial": "qr", "telefonico": "sms", "telematico": "enlace"}
EN_DECLIVE = {
    "O00009003",
    "O00009022",
}  # Móstoles and Gandia lose satisfaction over the period
ESTACION = {
    1: 1.25,
    2: 1.1,
    3: 1.05,
    4: 0.95,
    5: 1.0,
    6: 0.9,
    7: 0.75,
    8: 0.45,
    9: 1.2,
    10: 1.2,
    11: 1.1,
    12: 0.85,
}

COMENTARIOS_BUENOS = [
    "Me atendieron muy rápido y con mucha amabilidad.",
    "La persona de la ventanilla me explicó todo con paciencia.",
    "Trámite resuelto en diez minutos, muy bien.",
    "Muy buena atención, gracias.",
    "Me ayudaron a sacar el certificado digital, estupendo.",
    "Todo correcto, volvería sin problema.",
]
COMENTARIOS_MALOS = [
    "Esperé más de una hora y al final me faltaba un papel que nadie me dijo.",
    "No me resolvieron nada, me mandaron a otra oficina.",
    "La web de cita previa no funciona y por teléfono no contestan.",
    "Poca información sobre los documentos necesarios.",
    "La sala de espera estaba llena y sin sitio para sentarse.",
]
CON_DATOS = [
    "Mi DNI es 12345678Z y sigo sin respuesta, llamadme al 612 345 678.",
    "Podéis escribirme a lucia.gomez@example.com para lo de la ayuda.",
    "Me cobraron dos veces, mi cuenta es ES91 2100 0418 4502 0005 1332.",
    "Soy extranjera, NIE X1234567L, y nadie sabía cómo tramitar mi caso. Tel +34 699 111 222.",
]


def _dia_laborable(rnd, hoy):
    while True:
        d = hoy - timedelta(days=rnd.randrange(DIAS))
        if d.weekday() < 5 and rnd.random() < ESTACION[d.month] / 1.25:
            return d


def _sat(rnd, base: float) -> int:
    x = rnd.gauss(base, 0.9)
    return max(1, min(5, round(x)))


@transaction.atomic
def sembrar(stdout=None) -> dict:
    if Atencion.objects.filter(referencia_externa__startswith=PREFIJO).exists():
        return {"atenciones": 0}
    rnd = random.Random(5)
    ahora = timezone.now()
    hoy = timezone.localdate(ahora)
    canales = {c.codigo: c for c in Canal.objects.all()}
    oficinas = list(
        Oficina.objects.filter(activa=True)
        .prefetch_related("canales")
        .order_by("codigo_dir3")
    )
    if not oficinas:
        return {"atenciones": 0}
    empleados: dict[int, list[int]] = {}
    for e in Empleado.objects.filter(fecha_baja__isnull=True).values(
        "pk", "oficina_id"
    ):
        empleados.setdefault(e["oficina_id"], []).append(e["pk"])
    servicios_por_canal: dict[str, list[int]] = {}
    for s in Servicio.objects.filter(activo=True).prefetch_related("canales"):
        for c in s.canales.all():
            servicios_por_canal.setdefault(c.codigo, []).append(s.pk)
    encuestas = {
        e.canal.codigo: e
        for e in Encuesta.objects.filter(es_quiosco=False, activa=True).select_related(
            "canal"
        )
    }
    versiones = {
        li.item_version.item.codigo: li.item_version_id
        for e in encuestas.values()
        for li in e.lineas.select_related("item_version__item")
    }
    base_oficina = {o.pk: rnd.uniform(3.7, 4.4) for o in oficinas}
    tz = timezone.get_current_timezone()

    atenciones, planes = [], []
    for i in range(TOTAL):
        oficina = rnd.choice(oficinas)
        cods = [c.codigo for c in oficina.canales.all()] or ["presencial"]
        canal = rnd.choice(cods)
        dia = _dia_laborable(rnd, hoy)
        momento = datetime.combine(
            dia, time(rnd.randint(8, 14), rnd.randrange(60)), tzinfo=tz
        )
        if momento > ahora:  # nothing after seeding: a week earlier, same weekday
            momento -= timedelta(days=7)
            dia = momento.date()
        emp = (
            rnd.choice(empleados[oficina.pk])
            if canal != "telematico" and empleados.get(oficina.pk)
            else None
        )
        serv = (
            rnd.choice(servicios_por_canal[canal])
            if servicios_por_canal.get(canal)
            else None
        )
        atenciones.append(
            Atencion(
                oficina=oficina,
                canal=canales[canal],
                servicio_id=serv,
                empleado_id=emp,
                fecha=momento,
                referencia_externa=f"{PREFIJO}{i:06d}",
                resultado=rnd.choices(
                    ["resuelta", "derivada", "no_procede", "error", "abandonada"],
                    [80, 10, 5, 2, 3] if canal != "telematico" else [70, 5, 8, 7, 10],
                )[0],
                espera_segundos=rnd.randint(60, 3600)
                if canal == "presencial"
                else None,
                gestion_segundos=rnd.randint(120, 1200),
                idioma=rnd.choices(["es", "ca", "gl", "eu", "en"], [85, 6, 4, 3, 2])[0],
            )
        )
        planes.append((oficina, canal, dia, momento))
    Atencion.objects.bulk_create(atenciones, batch_size=2000)

    invitaciones, info = [], []
    for atencion, (oficina, canal, dia, momento) in zip(
        atenciones, planes, strict=True
    ):
        ofrecida, abierta, completa = TASAS[canal]
        if rnd.random() >= ofrecida:
            continue
        r = rnd.random()
        estado = (
            "respondida" if r < completa else ("abierta" if r < abierta else "enviada")
        )
        invitacion = Invitacion(
            atencion=atencion,
            encuesta=encuestas[canal],
            oficina=oficina,
            canal=canales[canal],
            token_hash=seguridad.hash_token(seguridad.nuevo_token()),
            medio=MEDIO[canal],
            estado=estado,
            creada_en=momento,
            caduca_en=momento + timedelta(days=7),
            enviada_en=momento,
            abierta_en=min(momento + timedelta(hours=2), ahora)
            if estado != "enviada"
            else None,
        )
        if estado == "respondida":
            # Stored as a submit leaves it: no event link, times cut to the day.
            invitacion.atencion = None
            for campo in ("creada_en", "caduca_en", "abierta_en", "enviada_en"):
                setattr(invitacion, campo, dia_local(getattr(invitacion, campo)))
        invitaciones.append(invitacion)
        info.append((atencion, oficina, canal, dia))
    Invitacion.objects.bulk_create(invitaciones, batch_size=2000)

    embudo: Counter = Counter()
    respuestas, valores_por_respuesta = [], []
    for invitacion, (atencion, oficina, canal, dia) in zip(
        invitaciones, info, strict=True
    ):
        clave = (dia, oficina.pk, canales[canal].pk, atencion.servicio_id or 0)
        embudo[clave + ("ofrecidas",)] += 1
        if invitacion.estado in ("abierta", "respondida"):
            embudo[clave + ("abiertas",)] += 1
        if invitacion.estado != "respondida":
            continue
        embudo[clave + ("completadas",)] += 1
        base = base_oficina[oficina.pk]
        progreso = 1 - (hoy - dia).days / DIAS  # 0 at the start, 1 today
        if oficina.codigo_dir3 in EN_DECLIVE:
            base -= 1.5 * progreso
        base -= (
            0.35
            if atencion.resultado in ("derivada", "no_procede", "error", "abandonada")
            else 0
        )
        base -= 0.2 * math.sin(2 * math.pi * dia.month / 12)  # a little seasonal strain
        sat = _sat(rnd, base)
        valores = {
            "SAT": sat,
            "CONF": _sat(rnd, base - 0.3),
            "EFIC": _sat(rnd, base + (0.3 if atencion.resultado == "resuelta" else -1)),
            "FAC": max(1, min(7, round(rnd.gauss(base * 1.3, 1.4)))),
            "TIEMPO": _sat(rnd, base - 0.2),
        }
        if canal != "telematico":
            valores["TRATO"] = _sat(rnd, base + 0.3)
        for codigo in list(valores):
            if codigo != "SAT" and rnd.random() < 0.06:
                del valores[codigo]  # optional items sometimes skipped
        comentario = ""
        if rnd.random() < 0.28:
            if rnd.random() < 0.12:
                comentario = rnd.choice(CON_DATOS)
            else:
                comentario = rnd.choice(
                    COMENTARIOS_MALOS
                    if sat <= 2
                    else COMENTARIOS_BUENOS
                    if sat >= 4
                    else COMENTARIOS_MALOS + COMENTARIOS_BUENOS
                )
        hora = min(atencion.fecha + timedelta(hours=2), ahora).replace(
            minute=0, second=0, microsecond=0
        )
        respuestas.append(
            Respuesta(
                encuesta=invitacion.encuesta,
                medio=invitacion.medio,
                oficina=oficina,
                canal=canales[canal],
                servicio_id=atencion.servicio_id,
                empleado_id=atencion.empleado_id,
                hora=hora,
                fecha=timezone.localtime(hora).date(),
                idioma=atencion.idioma or "es",
                comentario=redactar(comentario),
            )
        )
        valores_por_respuesta.append(valores)
    Respuesta.objects.bulk_create(respuestas, batch_size=2000)

    items, resumen = [], Counter()
    for respuesta, valores in zip(respuestas, valores_por_respuesta, strict=True):
        for codigo, valor in valores.items():
            items.append(
                RespuestaItem(
                    respuesta=respuesta,
                    item_version_id=versiones[codigo],
                    codigo=codigo,
                    valor=valor,
                )
            )
            resumen[
                (
                    respuesta.fecha,
                    respuesta.oficina_id,
                    respuesta.canal_id,
                    respuesta.servicio_id or 0,
                    respuesta.empleado_id or 0,
                    codigo,
                    valor,
                )
            ] += 1
    RespuestaItem.objects.bulk_create(items, batch_size=5000)
    ResumenDiario.objects.bulk_create(
        [
            ResumenDiario(
                fecha=k[0],
                oficina_id=k[1],
                canal_id=k[2],
                servicio_id=k[3],
                empleado_id=k[4],
                codigo=k[5],
                valor=k[6],
                n=n,
            )
            for k, n in resumen.items()
        ],
        batch_size=5000,
    )
    por_oficina = resumenes.por_oficina((*k, n) for k, n in resumen.items())
    ResumenOficina.objects.bulk_create(
        [
            ResumenOficina(
                fecha=f[0],
                oficina_id=f[1],
                canal_id=f[2],
                servicio_id=f[3],
                codigo=f[4],
                valor=f[5],
                n=f[6],
            )
            for f in por_oficina
        ],
        batch_size=5000,
    )
    for modelo, periodo, filas in (
        (ResumenMensual, "mes", resumenes.por_mes(por_oficina)),
        (ResumenSemanal, "semana", resumenes.por_semana(por_oficina)),
    ):
        modelo.objects.bulk_create(
            [
                modelo(
                    **{periodo: f[0]},
                    oficina_id=f[1],
                    canal_id=f[2],
                    codigo=f[3],
                    valor=f[4],
                    n=f[5],
                )
                for f in filas
            ],
            batch_size=5000,
        )
    celdas: dict = {}
    for (dia, oficina_id, canal_id, servicio_id, campo), n in embudo.items():
        celda = celdas.setdefault(
            (dia, oficina_id, canal_id, servicio_id),
            {"ofrecidas": 0, "abiertas": 0, "completadas": 0},
        )
        celda[campo] = n
    EmbudoDiario.objects.bulk_create(
        [
            EmbudoDiario(
                fecha=k[0], oficina_id=k[1], canal_id=k[2], servicio_id=k[3], **v
            )
            for k, v in celdas.items()
        ],
        batch_size=5000,
    )

    # A few alerts: recent low scores whose citizen asked to be called back.
    responsables = dict(Oficina.objects.values_list("pk", "responsable_id"))
    bajas = [
        r
        for r, v in zip(respuestas, valores_por_respuesta, strict=True)
        if v["SAT"] <= 2 and (hoy - r.fecha).days < 60
    ]
    alertas = []
    for n, respuesta in enumerate(rnd.sample(bajas, min(12, len(bajas)))):
        plazo = respuesta.hora + timedelta(hours=48)
        estado = ["nueva", "en_curso", "contactado", "cerrada"][n % 4]
        cerrada = estado == "cerrada"
        alertas.append(
            Alerta(
                respuesta=respuesta,
                oficina_id=respuesta.oficina_id,
                responsable_id=responsables.get(respuesta.oficina_id),
                estado=estado,
                plazo=plazo,
                puntuacion=1 if n % 2 else 2,
                creada_en=respuesta.hora,
                contacto="" if cerrada else f"6{rnd.randrange(10**8):08d}",
                cerrada_en=min(
                    respuesta.hora + timedelta(hours=rnd.choice([20, 30, 70])), ahora
                )
                if cerrada
                else None,
            )
        )
        if not cerrada and plazo < ahora and n % 3 == 0:
            alertas[-1].plazo = ahora + timedelta(hours=24)
    Alerta.objects.bulk_create(alertas)

    centro = next((o for o in oficinas if o.codigo_dir3 == "O00009001"), oficinas[0])
    if not Kiosco.objects.filter(oficina=centro).exists():
        secreto = "demo-quiosco-" + seguridad.nuevo_token()
        kiosco = Kiosco.objects.create(
            oficina=centro,
            canal=canales["presencial"],
            nombre="Tableta de salida (demo)",
            secreto_hash=seguridad.hmac_hex("kiosco", secreto),
        )
        if stdout:
            stdout.write(
                f"Quiosco de demostración: /quiosco/{kiosco.pk}/registrar/?s={secreto}\n"
            )
    _sede_de_demostracion(canales["telematico"], oficinas, stdout)
    resultado = {
        "atenciones": len(atenciones),
        "invitaciones": len(invitaciones),
        "respuestas": len(respuestas),
        "alertas": len(alertas),
    }
    if stdout:
        stdout.write(f"Encuestas: {resultado}\n")
    return resultado


def _sede_de_demostracion(telematico, oficinas, stdout) -> None:
    """The online office as an integration, and one signed link to try: the sede's
    survey only opens from links it signs (docs/enlace_sede.md)."""
    if IntegracionAPI.objects.filter(nombre=SEDE_DEMO).exists():
        return
    con_sede = [o for o in oficinas if telematico in o.canales.all()]
    if not con_sede:
        return
    integracion, clave = services.crear_integracion(
        nombre=SEDE_DEMO, oficinas=con_sede, canales=[telematico]
    )
    if stdout:
        url = sede.enlace(
            integracion=integracion,
            oficina=con_sede[0].codigo_dir3,
            resultado=Atencion.Resultado.RESUELTA,
            ref=sede.referencia_de(
                sede.secreto_de(integracion.prefijo), "DEMO-EXP-0001"
            ),
            exp=int(time_module.time()) + 30 * 86400,
        )
        stdout.write(
            f"Sede electrónica de demostración: clave de la API {clave}, secreto de "
            f"firma {sede.secreto_de(integracion.prefijo)}\n"
            f"Enlace firmado de ejemplo (30 días): {url}\n"
            f"Más: python manage.py enlace_sede --integracion {integracion.prefijo} "
            f"--oficina {con_sede[0].codigo_dir3} --resultado resuelta "
            "--referencia EXP-123 --caduca 7d\n"
        )
