"""The realistic organisation every bench starts from: 300 offices that serve on
every channel, a catalogue of services, 5,000 staff in teams of ~16 under a
supervisor per office, each attending one or two channels, and one user per
staff role (dirección, calidad). Deterministic (fixed seed), bulk-created through
the ORM, so it runs on SQLite and PostgreSQL alike.

    from datos import preparar_base, crear_organizacion   # bench/ is on sys.path
    preparar_base()                    # migrate + empty + the apps' initial data
    org = crear_organizacion(oficinas=300, personas=5000)

Benches add their own volume on top (survey responses, enrolments,
evaluations) from `org`'s ids. The staff passwords are all PASSWORD below, hashed
once (MD5 hasher in benches is not needed: the hash is computed a single time).
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
            for c in (
                [canales[i % len(canales)]]
                + ([canales[(i + 1) % len(canales)]] if i % 3 == 0 else [])
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


@dataclass
class Personal:
    """Training and evaluation volume on top of an Organizacion."""

    cursos: list[int]  # mandatory courses first
    campana_cerrada: int
    campana_abierta: int
    matriculas: int = 0
    evaluaciones: int = 0


def crear_formacion(
    org: Organizacion, *, cursos: int = 8, externas_cada: int = 7
) -> tuple[list[int], int]:
    """Courses (mandatory ones, one tied to a channel, and voluntary ones) and
    enrolments in every state for everyone: completed and valid, about to
    expire, expired (caducada), pending with a deadline past and future, in
    progress, overdue (vencida); plus external training every `externas_cada`
    people. Returns (course ids, enrolments created)."""
    from datetime import timedelta
    from decimal import Decimal

    from django.db import transaction
    from django.utils import timezone

    from formacion.models import CursoPage, CursosIndexPage, FormacionExterna, Matricula

    ahora = timezone.now()
    hoy = timezone.localdate()
    indice = CursosIndexPage.objects.get()
    ids = []
    with transaction.atomic():
        for j in range(cursos):
            obligatorio = j < max(1, cursos * 5 // 8)
            curso = indice.add_child(
                instance=CursoPage(
                    title=f"Curso bench {j:02d}",
                    slug=f"curso-bench-{j:02d}",
                    resumen="Formación del banco de pruebas.",
                    horas=Decimal(4 + j),
                    obligatorio=obligatorio,
                    validez_meses=12 if obligatorio else 0,
                )
            )
            if j == 1:  # a mandatory course for one channel only (no aplica)
                curso.canales.set([next(iter(org.canales.values()))])
                curso.save()
            ids.append(curso.pk)
        filas = []
        for i, empleado in enumerate(org.empleados):
            for j, curso in enumerate(ids):
                caso = (i + 3 * j) % 9
                base = {"empleado_id": empleado, "curso_id": curso}
                if caso in (0, 1, 2):  # completed: valid, expiring soon, expired
                    caduca = hoy + timedelta(days=(200, 20, -30)[caso])
                    estado = "completada"
                    if caso == 2 and i % 2:
                        estado = "caducada"
                    filas.append(
                        Matricula(
                            **base,
                            origen="asignacion",
                            estado=estado,
                            obligatoria=True,
                            iniciada_en=ahora - timedelta(days=400),
                            completada_en=ahora - timedelta(days=330 + caso),
                            caduca_en=caduca,
                            nota=Decimal(80),
                        )
                    )
                elif caso in (3, 4, 5):  # open: due later, overdue, in progress
                    filas.append(
                        Matricula(
                            **base,
                            origen=("asignacion", "regla", "propia")[caso - 3],
                            estado=("pendiente", "vencida", "en_curso")[caso - 3],
                            obligatoria=caso != 5,
                            plazo=hoy + timedelta(days=(30, -10, 60)[caso - 3]),
                            iniciada_en=ahora if caso == 5 else None,
                        )
                    )
                # 6, 7, 8: no enrolment (sin formación / not assigned)
        Matricula.objects.bulk_create(filas, batch_size=5000)
        FormacionExterna.objects.bulk_create(
            (
                FormacionExterna(
                    empleado_id=empleado,
                    titulo=f"Jornada externa {i}",
                    entidad="INAP",
                    horas=Decimal(5),
                    modalidad=FormacionExterna._meta.get_field("modalidad").choices[0][
                        0
                    ],
                    fecha_inicio=hoy - timedelta(days=60 + i % 300),
                    fecha_fin=hoy - timedelta(days=59 + i % 300),
                    evidencia="formacion/externa/bench.pdf",
                    reconocida_en=ahora,
                )
                for i, empleado in enumerate(org.empleados)
                if i % externas_cada == 0
            ),
            batch_size=5000,
        )
    return ids, len(filas)


def _campana(nombre: str, inicio: date, **campos):
    from evaluacion.models import Campana
    from organizacion.models import MarcoCompetencial

    return Campana.objects.create(
        nombre=nombre,
        marco=MarcoCompetencial.objects.get(vigente=True),
        periodo_inicio=inicio,
        periodo_fin=date(inicio.year, 12, 31),
        fecha_apertura=date(inicio.year + 1, 1, 15),
        **campos,
    )


def _cada(qs, k: int, resto: int = 0):
    """Every k-th row of a queryset by id (deterministic, in the database)."""
    from django.db.models import F

    return qs.alias(_r=F("id") % k).filter(_r=resto)


def _puntuar(evaluaciones) -> None:
    """Supervisor levels on these evaluations: 2-4 for most evaluators, 4-5 for
    a lenient fifth and 1-2 for a severe fifth (calibration flags them)."""
    from django.db.models import F

    from evaluacion.models import Puntuacion

    puntuaciones = Puntuacion.objects.filter(evaluacion__in=evaluaciones)
    puntuaciones.update(nivel=F("id") % 3 + 2)
    for resto, nivel in ((0, F("id") % 2 + 4), (1, F("id") % 2 + 1)):
        puntuaciones.filter(
            evaluacion__in=evaluaciones.alias(_e=F("evaluador_id") % 5).filter(_e=resto)
        ).update(nivel=nivel)


def crear_campana_cerrada(org: Organizacion) -> int:
    """The campaign before last, opened through the service, then closed with
    every evaluation scored and some appeals decided."""
    from datetime import timedelta

    from django.db import transaction
    from django.utils import timezone

    from evaluacion import services
    from evaluacion.models import Campana, Evaluacion

    hoy = timezone.localdate()
    with transaction.atomic():
        campana = _campana(
            f"Evaluación bench {hoy.year - 2}",
            date(hoy.year - 2, 1, 1),
            evaluacion_hasta=date(hoy.year - 1, 3, 31),
            con_autoevaluacion=False,
        )
        services.abrir_campana(campana=campana)
        evaluaciones = Evaluacion.objects.filter(campana=campana)
        _puntuar(evaluaciones)
        cuando = timezone.now() - timedelta(days=300)
        evaluaciones.update(
            estado=Evaluacion.Estado.CERRADA,
            enviada_en=cuando,
            cerrada_en=cuando,
            indice=3,
            supera_estandar=True,
        )
        _cada(evaluaciones, 11).update(
            alegacion="No estoy de acuerdo con el nivel de trato.",
            alegada_en=cuando,
            revisada_en=cuando,
            decision=Evaluacion.Decision.DESESTIMADA,
            motivos_decision="Evidencias suficientes.",
        )
        Campana.objects.filter(pk=campana.pk).update(
            estado=Campana.Estado.CERRADA, cerrada_en=cuando
        )
    return campana.pk


def crear_campana_abierta() -> int:
    """This year's campaign, with self-assessment, still a draft: opening it is
    what `abrir_campana` benches measure; `repartir_estados` fills it after."""
    from datetime import timedelta

    from django.utils import timezone

    hoy = timezone.localdate()
    return _campana(
        f"Evaluación bench {hoy.year - 1}",
        date(hoy.year - 1, 1, 1),
        con_autoevaluacion=True,
        autoevaluacion_hasta=hoy + timedelta(days=10),
        evaluacion_hasta=hoy + timedelta(days=40),
    ).pk


# The open campaign's evaluations, one state each in turn (by id modulo).
ESTADOS_ABIERTA = (
    "pendiente",
    "autoevaluacion",
    "en_evaluacion",
    "enviada",
    "reconocida",
    "alegada",
    "revisada",
    "cerrada",
)


def repartir_estados(campana_id: int) -> int:
    """Put the open campaign's evaluations in every state, with
    self-assessments from the second state on, supervisor levels from the
    third, appeals on the alegada and revisada ones. Returns how many."""
    from datetime import timedelta

    from django.db import transaction
    from django.db.models import F
    from django.utils import timezone

    from evaluacion.models import Evaluacion, Puntuacion

    ahora = timezone.now()
    hoy = timezone.localdate()
    evaluaciones = Evaluacion.objects.filter(campana_id=campana_id)
    k = len(ESTADOS_ABIERTA)
    with transaction.atomic():
        for resto, estado in enumerate(ESTADOS_ABIERTA):
            grupo = _cada(evaluaciones, k, resto)
            campos = {"estado": estado}
            if resto >= 3:  # sent
                campos.update(
                    enviada_en=ahora - timedelta(days=5),
                    plazo_alegaciones=hoy + timedelta(days=9),
                    indice=3,
                    supera_estandar=resto % 2 == 0,
                )
            if estado in ("alegada", "revisada"):
                campos.update(
                    alegacion="Pido que se revise la competencia de trato.",
                    alegada_en=ahora - timedelta(days=2),
                )
            if estado == "revisada":
                campos.update(decision=Evaluacion.Decision.PARCIAL, revisada_en=ahora)
            if estado == "cerrada":
                campos["cerrada_en"] = ahora
            grupo.update(**campos)
        sin_auto = _cada(evaluaciones, k, 0)
        Puntuacion.objects.filter(evaluacion__in=evaluaciones).exclude(
            evaluacion__in=sin_auto
        ).update(autoevaluacion=F("id") % 4 + 2)
        _puntuar(evaluaciones.alias(_r=F("id") % k).filter(_r__gte=2))
    return evaluaciones.count()


def crear_personal(org: Organizacion, *, cursos: int = 8) -> Personal:
    """Training and evaluation for everyone in `org`: the courses and
    enrolments, a closed campaign and an open one in every state."""
    from evaluacion import services
    from evaluacion.models import Campana

    ids, matriculas = crear_formacion(org, cursos=cursos)
    cerrada = crear_campana_cerrada(org)
    abierta = crear_campana_abierta()
    services.abrir_campana(campana=Campana.objects.get(pk=abierta))
    return Personal(
        cursos=ids,
        campana_cerrada=cerrada,
        campana_abierta=abierta,
        matriculas=matriculas,
        evaluaciones=repartir_estados(abierta),
    )
