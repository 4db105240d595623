"""Demo data: a believable regional network of citizen-attention offices.

Deterministic (fixed seed) and idempotent: run it twice, same data.
"""

import random
from datetime import date
from functools import lru_cache

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import transaction

from organizacion.models import (
    Canal,
    Competencia,
    Empleado,
    NivelRequerido,
    Oficina,
    Puesto,
    Rol,
    Servicio,
)

CONTRASENA_DEMO = "Ventanilla2026!"

OFICINAS = [
    # DIR3, nombre, provincia, municipio, canales
    (
        "A13002908",
        "Dirección General de Atención a la Ciudadanía",
        "28",
        "Madrid",
        ["presencial", "telefonico", "telematico"],
    ),
    (
        "O00009001",
        "Oficina de Atención a la Ciudadanía Madrid-Centro",
        "28",
        "Madrid",
        ["presencial", "telematico"],
    ),
    (
        "O00009002",
        "Oficina de Atención a la Ciudadanía Alcalá de Henares",
        "28",
        "Alcalá de Henares",
        ["presencial"],
    ),
    (
        "O00009003",
        "Oficina de Atención a la Ciudadanía Móstoles",
        "28",
        "Móstoles",
        ["presencial"],
    ),
    (
        "O00009004",
        "Centro de Atención Telefónica 012 Madrid",
        "28",
        "Madrid",
        ["telefonico"],
    ),
    (
        "O00009011",
        "Oficina de Atención a la Ciudadanía Sevilla-Triana",
        "41",
        "Sevilla",
        ["presencial", "telematico"],
    ),
    (
        "O00009012",
        "Oficina de Atención a la Ciudadanía Dos Hermanas",
        "41",
        "Dos Hermanas",
        ["presencial"],
    ),
    (
        "O00009013",
        "Oficina de Atención a la Ciudadanía Écija",
        "41",
        "Écija",
        ["presencial"],
    ),
    (
        "O00009021",
        "Oficina de Atención a la Ciudadanía València-Ciutat Vella",
        "46",
        "València",
        ["presencial", "telematico"],
    ),
    (
        "O00009022",
        "Oficina de Atención a la Ciudadanía Gandia",
        "46",
        "Gandia",
        ["presencial"],
    ),
    (
        "O00009023",
        "Centro de Atención Telefónica 012 València",
        "46",
        "València",
        ["telefonico"],
    ),
    (
        "O00009031",
        "Oficina de Atención a la Ciudadanía Zaragoza-Delicias",
        "50",
        "Zaragoza",
        ["presencial", "telematico"],
    ),
    (
        "O00009032",
        "Oficina de Atención a la Ciudadanía Calatayud",
        "50",
        "Calatayud",
        ["presencial"],
    ),
    (
        "O00009033",
        "Oficina de Asistencia Digital Zaragoza",
        "50",
        "Zaragoza",
        ["telematico", "telefonico"],
    ),
]

SERVICIOS = [
    (
        "empadronamiento",
        "Empadronamiento y cambio de domicilio",
        "201001",
        ["presencial", "telematico"],
    ),
    (
        "registro",
        "Registro general de documentos",
        "201002",
        ["presencial", "telematico"],
    ),
    (
        "certificados",
        "Certificados (empadronamiento, convivencia, residencia)",
        "201003",
        ["presencial", "telefonico", "telematico"],
    ),
    ("cita-previa", "Cita previa", "", ["presencial", "telefonico", "telematico"]),
    (
        "ayudas",
        "Ayudas y subvenciones sociales",
        "201005",
        ["presencial", "telematico"],
    ),
    (
        "informacion",
        "Información general sobre trámites",
        "",
        ["presencial", "telefonico", "telematico"],
    ),
    (
        "identidad-digital",
        "Asistencia en el uso de medios electrónicos (Cl@ve, certificado digital)",
        "201007",
        ["presencial", "telefonico", "telematico"],
    ),
    (
        "tributos",
        "Tributos y recibos",
        "201008",
        ["presencial", "telefonico", "telematico"],
    ),
]

PUESTOS = [
    (
        "informador-presencial",
        "Informador/a de atención presencial",
        {"C1": 3, "C2": 3, "C3": 3, "C4": 3, "C5": 3, "C6": 3, "C7": 3},
    ),
    (
        "agente-telefonico",
        "Agente de atención telefónica",
        {"C1": 3, "C2": 4, "C3": 3, "C4": 3, "C5": 3, "C6": 3, "C7": 3},
    ),
    (
        "asistente-digital",
        "Técnico/a de asistencia digital",
        {"C1": 3, "C2": 3, "C3": 3, "C4": 3, "C5": 2, "C6": 3, "C7": 4},
    ),
    (
        "jefe-oficina",
        "Jefe/a de oficina",
        {"C1": 4, "C2": 4, "C3": 4, "C4": 4, "C5": 4, "C6": 4, "C7": 3},
    ),
    (
        "coordinador-territorial",
        "Coordinador/a territorial",
        {"C1": 4, "C2": 4, "C3": 4, "C4": 4, "C5": 4, "C6": 5, "C7": 4},
    ),
    (
        "tecnico-calidad",
        "Técnico/a de calidad",
        {"C1": 3, "C2": 4, "C3": 4, "C4": 3, "C5": 3, "C6": 4, "C7": 4},
    ),
]

NOMBRES = [
    "Lucía",
    "María",
    "Carmen",
    "Ana",
    "Laura",
    "Marta",
    "Elena",
    "Paula",
    "Cristina",
    "Sara",
    "Nerea",
    "Ainhoa",
    "Montserrat",
    "Xiana",
    "Rocío",
    "Pilar",
    "Isabel",
    "Irene",
    "Noelia",
    "Beatriz",
    "Javier",
    "Carlos",
    "Manuel",
    "David",
    "José",
    "Antonio",
    "Daniel",
    "Pablo",
    "Jorge",
    "Sergio",
    "Iker",
    "Jordi",
    "Xabier",
    "Alberto",
    "Raúl",
    "Rubén",
    "Álvaro",
    "Fernando",
    "Óscar",
    "Miguel",
]
APELLIDOS = [
    "García",
    "Fernández",
    "González",
    "Rodríguez",
    "López",
    "Martínez",
    "Sánchez",
    "Pérez",
    "Gómez",
    "Martín",
    "Jiménez",
    "Ruiz",
    "Hernández",
    "Díaz",
    "Moreno",
    "Álvarez",
    "Muñoz",
    "Romero",
    "Alonso",
    "Gutiérrez",
    "Navarro",
    "Torres",
    "Domínguez",
    "Vázquez",
    "Ramos",
    "Gil",
    "Ramírez",
    "Serrano",
    "Blanco",
    "Molina",
    "Castro",
    "Ortega",
    "Rubio",
    "Marín",
    "Sanz",
    "Iglesias",
    "Núñez",
    "Medina",
    "Garrido",
    "Etxeberria",
    "Puig",
    "Castelao",
]

# (username, role groups, identifier, name, surnames, office DIR3, puesto, supervisor username)
USUARIOS_DEMO = [
    (
        "direccion",
        [Rol.DIRECCION, Rol.EMPLEADO],
        "D0001",
        "Isabel",
        "Navarro Puig",
        "A13002908",
        "coordinador-territorial",
        None,
    ),
    (
        "calidad",
        [Rol.CALIDAD, Rol.EMPLEADO],
        "Q0001",
        "Jordi",
        "Serrano Blanco",
        "A13002908",
        "tecnico-calidad",
        "direccion",
    ),
    (
        "dpd",
        [Rol.DPD, Rol.EMPLEADO],
        "P0001",
        "Ainhoa",
        "Etxeberria Vidal",
        "A13002908",
        "tecnico-calidad",
        "direccion",
    ),
    (
        "supervisor",
        [Rol.SUPERVISOR, Rol.EMPLEADO],
        "S0001",
        "Carmen",
        "Ortega Ruiz",
        "O00009001",
        "jefe-oficina",
        "coord-madrid",
    ),
    (
        "empleada",
        [Rol.EMPLEADO],
        "E0001",
        "Lucía",
        "Martín Gómez",
        "O00009001",
        "informador-presencial",
        "supervisor",
    ),
]

PROVINCIA_COORDINADOR = {
    "28": "coord-madrid",
    "41": "coord-sevilla",
    "46": "coord-valencia",
    "50": "coord-zaragoza",
}


@lru_cache(maxsize=4)
def _hash_demo(hashers: tuple[str, ...]) -> str:
    """The demo password hashed once (per hasher): PBKDF2 costs about half a second
    per call on a small machine, and the demo has ~90 people sharing one published
    password, so a shared salt reveals nothing. Signing in verifies it as usual.
    Keyed by the configured hashers, which the tests change."""
    return make_password(CONTRASENA_DEMO)


def _usuario(username, nombre, apellidos, roles, *, staff=False, superuser=False):
    User = get_user_model()
    usuario, creado = User.objects.get_or_create(username=username)
    usuario.first_name, usuario.last_name = nombre, apellidos
    usuario.email = f"{username}@ventanilla.example"
    usuario.is_staff = staff or superuser
    usuario.is_superuser = superuser
    if creado or not usuario.has_usable_password():
        usuario.password = _hash_demo(tuple(settings.PASSWORD_HASHERS))
    usuario.save()
    usuario.groups.set(Group.objects.filter(name__in=roles))
    return usuario


def _empleado(
    usuario,
    identificador,
    nombre,
    apellidos,
    oficina,
    puesto,
    supervisor,
    canales,
    alta,
):
    empleado, _ = Empleado.objects.update_or_create(
        identificador=identificador,
        defaults={
            "usuario": usuario,
            "nombre": nombre,
            "apellidos": apellidos,
            "oficina": oficina,
            "puesto": puesto,
            "supervisor": supervisor,
            "fecha_alta": alta,
        },
    )
    empleado.canales.set(canales)
    return empleado


def _puesto_para(canales_oficina: list[str]) -> str:
    if canales_oficina == ["telefonico"]:
        return "agente-telefonico"
    if "presencial" not in canales_oficina:
        return "asistente-digital"
    return "informador-presencial"


@transaction.atomic
def sembrar(stdout=None) -> dict:
    rnd = random.Random(2026)
    canales = {c.codigo: c for c in Canal.objects.all()}
    competencias = {c.codigo: c for c in Competencia.objects.all()}

    oficinas = {}
    sede = None
    for dir3, nombre, provincia, municipio, cods in OFICINAS:
        oficina, _ = Oficina.objects.update_or_create(
            codigo_dir3=dir3,
            defaults={
                "nombre": nombre,
                "provincia": provincia,
                "municipio": municipio,
                "unidad_superior": sede,
                "activa": True,
            },
        )
        oficina.canales.set([canales[c] for c in cods])
        oficinas[dir3] = oficina
        sede = sede or oficina

    for codigo, nombre, sia, cods in SERVICIOS:
        servicio, _ = Servicio.objects.update_or_create(
            codigo=codigo,
            defaults={"nombre": nombre, "codigo_sia": sia, "activo": True},
        )
        servicio.canales.set([canales[c] for c in cods])

    puestos = {}
    for codigo, nombre, niveles in PUESTOS:
        puestos[codigo], _ = Puesto.objects.update_or_create(
            codigo=codigo, defaults={"nombre": nombre}
        )
        for cod, nivel in niveles.items():
            NivelRequerido.objects.update_or_create(
                puesto=puestos[codigo],
                competencia=competencias[cod],
                defaults={"nivel": nivel},
            )

    # The four demo users, then one coordinator per province, one head per office
    # and four to six front-office staff per office.
    empleados: dict[str, Empleado] = {}
    pendientes = list(USUARIOS_DEMO)
    pendientes.insert(2, None)  # coordinators go before the demo supervisor
    for fila in pendientes:
        if fila is None:
            for provincia, username in PROVINCIA_COORDINADOR.items():
                nombre, ap1, ap2 = (
                    rnd.choice(NOMBRES),
                    rnd.choice(APELLIDOS),
                    rnd.choice(APELLIDOS),
                )
                usuario = _usuario(
                    username, nombre, f"{ap1} {ap2}", [Rol.SUPERVISOR, Rol.EMPLEADO]
                )
                empleados[username] = _empleado(
                    usuario,
                    f"T00{provincia}",
                    nombre,
                    f"{ap1} {ap2}",
                    sede,
                    puestos["coordinador-territorial"],
                    empleados["direccion"],
                    list(canales.values()),
                    date(2012, 3, 1),
                )
            continue
        username, roles, ident, nombre, apellidos, dir3, puesto, sup = fila
        usuario = _usuario(
            username, nombre, apellidos, roles, staff=Rol.CALIDAD in roles
        )
        oficina = oficinas[dir3]
        empleados[username] = _empleado(
            usuario,
            ident,
            nombre,
            apellidos,
            oficina,
            puestos[puesto],
            empleados.get(sup) if sup else None,
            list(oficina.canales.all()),
            date(2015, 9, 1),
        )
    _usuario("admin", "Administración", "Técnica", [], superuser=True)

    secuencia = 100
    for dir3, _nombre, provincia, _municipio, cods in OFICINAS[1:]:
        oficina = oficinas[dir3]
        coordinador = empleados[PROVINCIA_COORDINADOR[provincia]]
        if dir3 == "O00009001":
            jefe = empleados["supervisor"]
        else:
            nombre, ap = (
                rnd.choice(NOMBRES),
                f"{rnd.choice(APELLIDOS)} {rnd.choice(APELLIDOS)}",
            )
            username = f"jefe.{dir3.lower()}"
            usuario = _usuario(username, nombre, ap, [Rol.SUPERVISOR, Rol.EMPLEADO])
            jefe = _empleado(
                usuario,
                f"J{dir3[1:]}",
                nombre,
                ap,
                oficina,
                puestos["jefe-oficina"],
                coordinador,
                [canales[c] for c in cods],
                date(rnd.randint(2008, 2018), rnd.randint(1, 12), 1),
            )
        if oficina.responsable_id != jefe.pk:
            oficina.responsable = jefe
            oficina.save(update_fields=["responsable"])
        for _i in range(rnd.randint(4, 6)):
            secuencia += 1
            nombre, ap = (
                rnd.choice(NOMBRES),
                f"{rnd.choice(APELLIDOS)} {rnd.choice(APELLIDOS)}",
            )
            username = f"e{secuencia}"
            usuario = _usuario(username, nombre, ap, [Rol.EMPLEADO])
            canales_persona = [canales[c] for c in cods if rnd.random() < 0.85] or [
                canales[cods[0]]
            ]
            _empleado(
                usuario,
                f"E{secuencia:04d}",
                nombre,
                ap,
                oficina,
                puestos[_puesto_para(cods)],
                jefe,
                canales_persona,
                date(rnd.randint(2005, 2025), rnd.randint(1, 12), rnd.randint(1, 28)),
            )
    resumen = {
        "oficinas": Oficina.objects.count(),
        "servicios": Servicio.objects.count(),
        "empleados": Empleado.objects.count(),
    }
    if stdout:
        stdout.write(
            f"Organización: {resumen['oficinas']} oficinas, {resumen['servicios']} servicios, "
            f"{resumen['empleados']} personas."
        )
    return resumen
