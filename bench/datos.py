"""The realistic organisation every bench starts from: 300 offices that serve on
every channel, a catalogue of services, 5,000 staff in teams of ~16 under a
supervisor per office, each attending one or two channels, and one user per
staff role (dirección, calidad). Deterministic (fixed seed), bulk-created through
the ORM, so it runs on SQLite and PostgreSQL alike.

    from datos import preparar_base, crear_organizacion   # bench/ is on sys.path
    preparar_base()                    # migrate + empty + the apps' initial data
    org = crear_organizacion(oficinas=300, personas=5000)

Volume goes on top from `org`'s ids: survey responses in datos_encuestas.py
(PostgreSQL, set-based), training and evaluation in datos_personal.py.

The staff passwords are all PASSWORD below, hashed once (MD5 hasher in benches is
not needed: the hash is computed a single time).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date

PASSWORD = "bench-ventanilla"
SERVICIOS = (
    "empadronamiento",
    "registro-general",
    "cita-previa",
    "certificado-digital",
    "ayudas-sociales",
    "tributos-locales",
    "licencias-obras",
    "vados-y-aparcamiento",
    "quejas-y-sugerencias",
    "informacion-general",
    "padron-historico",
    "bonificaciones-ibi",
    "actividades-deportivas",
    "escuelas-infantiles",
    "recogida-voluminosos",
    "tarjeta-transporte",
    "matrimonio-civil",
    "parejas-de-hecho",
    "animales-de-compania",
    "multas-de-trafico",
    "ocupacion-via-publica",
    "empleo-publico",
    "subvenciones",
    "becas-comedor",
    "dependencia",
    "vivienda-publica",
    "medio-ambiente",
    "consumo",
    "cultura",
    "juventud",
)


@dataclass
class Organizacion:
    oficinas: list[int]
    canales: dict[str, int]  # codigo -> pk
    servicios: list[int]
    empleados: list[int]
    # office pk -> the supervisor's Empleado pk (she heads that office's team)
    supervisores: dict[int, int]
    # office pk -> its staff's Empleado pks (supervisor included)
    equipo: dict[int, list[int]] = field(default_factory=dict)
    # role -> username of a user with only that role (dirección, calidad) or a
    # supervisor / employee of the first office
    usuarios: dict[str, str] = field(default_factory=dict)


def preparar_base() -> None:
    """Migrate, empty the database and load every app's initial data (roles,
    channels, survey bank, indicators), as a new installation has them."""
    from importlib import import_module
    from importlib.util import find_spec

    from django.apps import apps
    from django.conf import settings
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    for app_config in apps.get_app_configs():
        nombre = f"{app_config.name}.datos_iniciales"
        if app_config.path.startswith(str(settings.BASE_DIR)) and find_spec(nombre):
            import_module(nombre).cargar(apps)


def como_tras_autovacuum() -> None:
    """What autovacuum leaves a while after a bulk load: planner statistics
    (without them PostgreSQL picks nested loops for tens of thousands of rows)
    and, on PostgreSQL, the visibility map that index-only scans need. Outside
    any transaction (VACUUM cannot run in one)."""
    from django.db import connection

    orden = "VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE"
    with connection.cursor() as cursor:
        cursor.execute(orden)


def crear_organizacion(
    oficinas: int = 300, personas: int = 5000, semilla: int = 14
) -> Organizacion:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import Group
    from django.db import transaction

    from organizacion.models import Canal, Empleado, Oficina, Puesto, Servicio

    azar = random.Random(semilla)
    User = get_user_model()
    clave = make_password(PASSWORD)
    grupos = {g.name: g for g in Group.objects.all()}
    canales = list(Canal.objects.order_by("orden"))
    with transaction.atomic():
        puesto, _ = Puesto.objects.get_or_create(
            codigo="atencion", defaults={"nombre": "Atención a la ciudadanía"}
        )
        lista_oficinas = Oficina.objects.bulk_create(
            Oficina(
                codigo_dir3=f"L{i:08d}",
                nombre=f"Oficina {i:03d}",
                provincia=f"{1 + i % 52:02d}",
                municipio=f"Municipio {i % 120}",
            )
            for i in range(oficinas)
        )
        if not all(o.pk for o in lista_oficinas):  # backends without RETURNING
            lista_oficinas = list(
                Oficina.objects.filter(codigo_dir3__startswith="L").order_by("pk")
            )
        PorOficina = Oficina.canales.through
        PorOficina.objects.bulk_create(
            PorOficina(oficina_id=o.pk, canal_id=c.pk)
            for o in lista_oficinas
            for c in canales
        )
        servicios = Servicio.objects.bulk_create(
            Servicio(codigo=f"bench-{c}", nombre=c.replace("-", " ").capitalize())
            for c in SERVICIOS
        )
        servicios = list(
            Servicio.objects.filter(codigo__startswith="bench-").order_by("pk")
        )
        PorServicio = Servicio.canales.through
        PorServicio.objects.bulk_create(
            PorServicio(servicio_id=s.pk, canal_id=c.pk)
            for s in servicios
            for c in canales
        )
        User.objects.bulk_create(
            User(
                username=f"bench{i:05d}",
                password=clave,
                first_name=azar.choice(
                    ("Ana", "Luis", "Marta", "Jon", "Núria", "Xoán")
                ),
                last_name=f"Bench {i:05d}",
                email=f"bench{i:05d}@ventanilla.example",
            )
            for i in range(personas)
        )
        usuarios = list(
            User.objects.filter(username__startswith="bench").order_by("username")
        )
        Empleado.objects.bulk_create(
            Empleado(
                usuario=u,
                identificador=f"B{i:06d}",
                nombre=u.first_name,
                apellidos=u.last_name,
                oficina=lista_oficinas[i % oficinas],
                puesto=puesto,
                fecha_alta=date(2015 + i % 10, 1 + i % 12, 1),
            )
            for i, u in enumerate(usuarios)
        )
        empleados = list(
            Empleado.objects.filter(identificador__startswith="B")
            .order_by("identificador")
            .values_list("pk", "oficina_id")
        )
        equipo: dict[int, list[int]] = {}
        for pk, oficina_id in empleados:
            equipo.setdefault(oficina_id, []).append(pk)
        # The first person of each office heads it: supervisor of the rest.
        supervisores = {o: miembros[0] for o, miembros in equipo.items()}
        for oficina_id, miembros in equipo.items():
            Empleado.objects.filter(pk__in=miembros[1:]).update(
                supervisor_id=supervisores[oficina_id]
            )
        PorCanal = Empleado.canales.through
        PorCanal.objects.bulk_create(
            PorCanal(empleado_id=pk, canal_id=c.pk)
            for i, (pk, _o) in enumerate(empleados)
            # By place in the office's team (not i % 3: with offices a multiple of
            # 3 a whole office would attend one channel), a third on two.
            for c in (
                [canales[(i // oficinas) % len(canales)]]
                + ([canales[(i // oficinas + 1) % len(canales)]] if i % 3 == 0 else [])
            )
        )
        PorGrupo = User.groups.through
        jefas = set(supervisores.values())
        usuario_de = dict(
            Empleado.objects.filter(pk__in=[pk for pk, _o in empleados]).values_list(
                "pk", "usuario_id"
            )
        )
        PorGrupo.objects.bulk_create(
            PorGrupo(user_id=usuario_de[pk], group_id=grupos[rol].pk)
            for pk, _o in empleados
            for rol in (("empleado", "supervisor") if pk in jefas else ("empleado",))
        )
        extra = {}
        for rol in ("direccion", "calidad"):
            u = User.objects.create(
                username=f"bench-{rol}",
                password=clave,
                email=f"{rol}@ventanilla.example",
            )
            u.groups.add(grupos[rol])
            extra[rol] = u.username
    primera = lista_oficinas[0].pk
    nombre_de = dict(
        Empleado.objects.filter(pk__in=equipo[primera][:2]).values_list(
            "pk", "usuario__username"
        )
    )
    extra["supervisor"] = nombre_de[equipo[primera][0]]
    extra["empleado"] = nombre_de[equipo[primera][1]]
    return Organizacion(
        oficinas=[o.pk for o in lista_oficinas],
        canales={c.codigo: c.pk for c in canales},
        servicios=[s.pk for s in servicios],
        empleados=[pk for pk, _o in empleados],
        supervisores=supervisores,
        equipo=equipo,
        usuarios=extra,
    )


def organizacion_creada() -> Organizacion:
    """The Organizacion `crear_organizacion` left in the database, read back (to
    measure again on data generated by an earlier run)."""
    from organizacion.models import Canal, Empleado, Oficina, Servicio

    empleados = list(
        Empleado.objects.filter(identificador__startswith="B")
        .order_by("identificador")
        .values_list("pk", "oficina_id", "supervisor_id", "usuario__username")
    )
    equipo: dict[int, list[int]] = {}
    for pk, oficina_id, _s, _u in empleados:
        equipo.setdefault(oficina_id, []).append(pk)
    oficinas = list(
        Oficina.objects.filter(codigo_dir3__startswith="L")
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    usuario = {pk: u for pk, _o, _s, u in empleados}
    primera = equipo[oficinas[0]]
    return Organizacion(
        oficinas=oficinas,
        canales=dict(Canal.objects.values_list("codigo", "pk")),
        servicios=list(
            Servicio.objects.filter(codigo__startswith="bench-")
            .order_by("pk")
            .values_list("pk", flat=True)
        ),
        empleados=[pk for pk, *_ in empleados],
        supervisores={o: miembros[0] for o, miembros in equipo.items()},
        equipo=equipo,
        usuarios={
            "direccion": "bench-direccion",
            "calidad": "bench-calidad",
            "supervisor": usuario[primera[0]],
            "empleado": usuario[primera[1]],
        },
    )
