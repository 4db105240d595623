"""Both admins as every role: role × /admin/ and /cms/ URL → expected status, and
no page shows what the role may not read.

Every signed-in person here is staff, the strictest case: the flag opens the
Django admin's door, and what lies behind it must still follow the app's rules
(each app's permissions.py, through comun/acceso_admin.py). One object of every
registered model; secrets in the records no admin role may read."""

from datetime import date, timedelta

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db.models import Model
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone
from wagtail.models import ModelLogEntry
from wagtail.snippets.models import get_snippet_models

from comun.acceso_admin import ConReglaAdmin, ConReglaViewSet, Regla, regla_de
from encuestas import services as encuestas_services
from encuestas.models import Alerta, Kiosco
from evaluacion import services as evaluacion_services
from evaluacion.models import Evaluacion
from formacion.models import FormacionExterna, ReglaAsignacion, TiempoExtra
from mejora.models import (
    Autoevaluacion,
    CartaServicios,
    Hallazgo,
    Indicador,
    Informe,
    MetaIndicador,
    ModeloCalidad,
    PlanMejora,
    ValorManual,
)
from organizacion.models import Canal
from tests.factories import EmpleadoFactory, OficinaFactory
from tests.factories.encuestas import invitar
from tests.factories.evaluacion import CampanaFactory, FestivoFactory
from tests.factories.formacion import crear_curso, crear_pregunta

pytestmark = pytest.mark.django_db

ROLES = {
    "anonimo": None,
    "empleado": ["empleado"],
    "supervisor": ["empleado", "supervisor"],
    "direccion": ["empleado", "direccion"],
    "calidad": ["empleado", "calidad"],
    "dpd": ["empleado", "dpd"],
    "superusuario": [],
}

# What no admin role reads (the superuser aside): an evaluation's comments and
# appeal, a survey alert's contact and the comment of its response.
SECRETO_EVALUACION = "Comentario-del-evaluador-reservado"
SECRETO_ALEGACION = "Alegacion-reservada-de-la-persona"
SECRETO_CONTACTO = "600111222"
SECRETO_COMENTARIO = "Comentario-ciudadano-reservado"

DC = {"direccion", "calidad"}
C = {"calidad"}
NADIE: set[str] = set()

# Per admin: who reads it (list, change page, history), who adds, who deletes.
# From the roles table (docs: ARCHITECTURE, "Roles") and each permissions.py.
ESPERADO = {
    "organizacion.canal": (DC, C, C),
    "organizacion.oficina": (DC, C, C),
    "organizacion.servicio": (DC, C, C),
    "organizacion.puesto": (DC, C, C),
    # A supervisor reads her team's records; the object here is a stranger's.
    "organizacion.empleado": (DC | {"supervisor"}, C, C),
    "organizacion.competencia": (DC, C, C),
    "organizacion.marcocompetencial": (DC, C, C),
    "organizacion.competenciamarco": (C, C, C),
    "evaluacion.festivo": (C, C, C),
    "evaluacion.campana": (C, C, NADIE),
    "evaluacion.evaluacion": (NADIE, NADIE, NADIE),
    "encuestas.encuesta": (C, C, NADIE),
    "encuestas.reglamuestreo": (C, C, NADIE),
    "encuestas.kiosco": (C, C, NADIE),
    "encuestas.integracionapi": (C, C, NADIE),
    "encuestas.alerta": (C, NADIE, NADIE),
    "mejora.criterio": (NADIE, NADIE, NADIE),
    "mejora.modelocalidad": (DC, C, NADIE),
    "mejora.indicador": (DC, C, NADIE),
    "mejora.metaindicador": (DC, C, NADIE),
    "mejora.valormanual": (DC, C, NADIE),
    "mejora.cartaservicios": (DC, C, NADIE),
    "mejora.autoevaluacion": (DC, C, NADIE),
    "mejora.planmejora": (DC, C, NADIE),
    "mejora.hallazgo": (DC, C, NADIE),
    "mejora.informe": (DC, NADIE, NADIE),
}

# Wagtail snippets: only calidad enters /cms/ (wagtailadmin.access_admin).
SNIPPETS = {
    "formacion.pregunta": C,
    "formacion.reglaasignacion": C,
    "formacion.tiempoextra": C,
    "formacion.formacionexterna": C,
}


def _etiqueta(modelo: type[Model]) -> str:
    return modelo._meta.label_lower


@pytest.fixture
def mundo(django_capture_on_commit_callbacks):
    """One object of every model either admin shows; the row-filtered ones
    (staff records, alerts, training records) belong to a stranger's office."""
    oficina = OficinaFactory(canales=["presencial"])
    jefa = EmpleadoFactory(oficina=oficina, usuario__roles=["empleado", "supervisor"])
    evaluada = EmpleadoFactory(oficina=oficina, supervisor=jefa)
    campana = CampanaFactory()
    evaluacion_services.abrir_campana(campana=campana)
    evaluacion = Evaluacion.objects.get(empleado=evaluada)
    Evaluacion.objects.filter(pk=evaluacion.pk).update(
        comentario_evaluador=SECRETO_EVALUACION, alegacion=SECRETO_ALEGACION
    )
    _registro, token = invitar(oficina)
    encuestas_services.responder(
        token=token,
        datos={"SAT": "1", "CONTACTO": "1"},
        contacto=SECRETO_CONTACTO,
        comentario=SECRETO_COMENTARIO,
    )
    alerta = Alerta.objects.get()
    encuestas_services.crear_kiosco(
        oficina=oficina, canal=Canal.objects.get(codigo="presencial"), nombre="K"
    )
    encuestas_services.crear_integracion(nombre="Sede", oficinas=[], canales=[])
    FestivoFactory(fecha=date(2026, 12, 25))
    curso = crear_curso()
    crear_pregunta(curso)
    ReglaAsignacion.objects.create(
        nombre="Presencial", curso=curso, canal=Canal.objects.get(codigo="presencial")
    )
    TiempoExtra.objects.create(empleado=evaluada, porcentaje=25, motivo="Adaptación")
    FormacionExterna.objects.create(
        empleado=evaluada,
        titulo="Curso externo",
        entidad="Escuela",
        horas=5,
        fecha_fin=date(2026, 1, 1),
    )
    indicador = Indicador.objects.order_by("pk").first()
    modelo = ModeloCalidad.objects.get(codigo="EFQM")
    MetaIndicador.objects.create(indicador=indicador, anio=2026, objetivo=80)
    ValorManual.objects.create(
        indicador=Indicador.objects.filter(fuente="manual").first() or indicador,
        periodo="2026-Q1",
        valor=1,
    )
    CartaServicios.objects.create(
        codigo="carta", nombre="Carta", vigente_desde=date(2026, 1, 1)
    )
    Autoevaluacion.objects.create(
        modelo=modelo, titulo="Autoevaluación", periodo="2026"
    )
    PlanMejora.objects.create(nombre="Plan", anio=2026)
    Hallazgo.objects.create(tipo="fortaleza", texto="Acogida", periodo="2026-Q1")
    Informe.objects.create(tipo="trimestral", periodo="2026-Q1", modelo=modelo)
    # Wagtail's site history lists log entries with their object's title.
    for objeto, titulo in ((evaluacion, SECRETO_ALEGACION), (alerta, SECRETO_CONTACTO)):
        ModelLogEntry.objects.create(
            content_type=ContentType.objects.get_for_model(objeto),
            object_id=str(objeto.pk),
            label=titulo,
            action="wagtail.edit",
            timestamp=timezone.now() - timedelta(minutes=1),
        )
    return {"evaluacion": evaluacion, "alerta": alerta, "jefa": jefa}


def _usuario(rol):
    if ROLES[rol] is None:
        return None
    if rol == "superusuario":
        return EmpleadoFactory(
            usuario__is_superuser=True, usuario__is_staff=True
        ).usuario
    usuario = EmpleadoFactory(usuario__roles=ROLES[rol]).usuario
    usuario.is_staff = True
    usuario.save(update_fields=["is_staff"])
    return usuario


def _objeto(modelo):
    """The first of each model: data migrations' or the world's (where rows are
    filtered, a stranger's: the role's own person is created after it)."""
    return modelo._default_manager.order_by("pk").first()


def _urls_django(mundo):
    """(url, expected status for each role, model label or None)."""
    casos = [("/admin/", None, "indice")]
    for modelo in admin.site._registry:
        etiqueta = _etiqueta(modelo)
        app, nombre = etiqueta.split(".")
        objeto = _objeto(modelo)
        assert objeto is not None, f"el mundo no tiene ningún {etiqueta}"
        base = f"/admin/{app}/{nombre}/"
        casos += [
            (base, etiqueta, "lista"),
            (f"{base}add/", etiqueta, "crear"),
            (f"{base}{objeto.pk}/change/", etiqueta, "ver"),
            (f"{base}{objeto.pk}/history/", etiqueta, "ver"),
            (f"{base}{objeto.pk}/delete/", etiqueta, "borrar"),
        ]
    return casos


def _esperado_django(rol, etiqueta, accion):
    if rol == "anonimo":
        return 302
    if rol == "superusuario" or etiqueta is None:
        return 200
    lee, crea, borra = ESPERADO[etiqueta]
    permitidos = {"lista": lee, "ver": lee, "crear": crea, "borrar": borra}[accion]
    if rol == "supervisor" and etiqueta == "organizacion.empleado" and accion == "ver":
        # The list shows her team only; a stranger's record "does not exist".
        return 302
    return 200 if rol in permitidos else 403


def _urls_cms():
    """Every /cms/ address without parameters, plus each snippet's object pages."""
    urls = []

    def recorrer(patrones, prefijo):
        for p in patrones:
            ruta = prefijo + str(p.pattern)
            if isinstance(p, URLResolver):
                recorrer(p.url_patterns, ruta)
            elif isinstance(p, URLPattern) and "<" not in ruta and "(" not in ruta:
                urls.append("/" + ruta.lstrip("^").rstrip("$"))

    for p in get_resolver().url_patterns:
        if isinstance(p, URLResolver) and str(p.pattern).startswith("cms/"):
            recorrer(p.url_patterns, str(p.pattern))
    # Signing out is not a page (and GET still drops the session: issue 15, item 4).
    return sorted({u for u in urls if "logout" not in u})


def _urls_snippets():
    casos = []
    for modelo in get_snippet_models():
        etiqueta = _etiqueta(modelo)
        app, nombre = etiqueta.split(".")
        pk = modelo._default_manager.order_by("pk").values_list("pk", flat=True)[0]
        base = f"/cms/snippets/{app}/{nombre}/"
        eleccion = f"/cms/snippets/choose/{app}/{nombre}/"
        casos += [
            (base, etiqueta),
            (f"{base}add/", etiqueta),
            (f"{base}edit/{pk}/", etiqueta),
            (f"{base}delete/{pk}/", etiqueta),
            (f"{base}history/{pk}/", etiqueta),
            (eleccion, etiqueta),
            (f"{eleccion}results/", etiqueta),
            (f"{eleccion}chosen/{pk}/", etiqueta),
        ]
    return casos


def _sin_secretos(rol, url, cuerpo):
    if rol == "superusuario":
        return []
    return [
        f"{url} muestra {secreto!r}"
        for secreto in (
            SECRETO_EVALUACION,
            SECRETO_ALEGACION,
            SECRETO_COMENTARIO,
            # Alerts are calidad's to handle (encuestas.permissions).
            *(() if rol == "calidad" else (SECRETO_CONTACTO,)),
        )
        if secreto in cuerpo
    ]


@pytest.mark.parametrize("rol", list(ROLES))
def test_admin_de_django_segun_las_reglas_de_la_app(client, mundo, rol):
    usuario = _usuario(rol)
    if usuario is not None:
        client.force_login(usuario)
    fallos = []
    for url, etiqueta, accion in _urls_django(mundo):
        respuesta = client.get(url)
        esperado = _esperado_django(rol, etiqueta, accion)
        if respuesta.status_code != esperado:
            fallos.append(f"{url}: {respuesta.status_code}, se esperaba {esperado}")
        fallos += _sin_secretos(rol, url, respuesta.content.decode())
        if (
            rol == "supervisor"
            and etiqueta == "organizacion.empleado"
            and accion == "lista"
        ):
            ajeno = mundo["jefa"]
            if ajeno.identificador in respuesta.content.decode():
                fallos.append(f"{url} muestra a {ajeno} fuera de su equipo")
    assert fallos == []


@pytest.mark.parametrize("rol", list(ROLES))
def test_admin_de_wagtail_segun_las_reglas_de_la_app(client, mundo, rol):
    usuario = _usuario(rol)
    if usuario is not None:
        client.force_login(usuario)
    fallos = []
    for url, etiqueta in _urls_snippets():
        respuesta = client.get(url)
        if rol in ("superusuario", *SNIPPETS[etiqueta]):
            esperado = 200
        else:
            esperado = 302
        if respuesta.status_code != esperado:
            fallos.append(f"{url}: {respuesta.status_code}, se esperaba {esperado}")
    for url in _urls_cms():
        respuesta = client.get(url)
        if respuesta.status_code >= 500:
            fallos.append(f"{url}: {respuesta.status_code}")
        elif rol not in ("calidad", "superusuario") and respuesta.status_code != 302:
            fallos.append(f"{url}: {respuesta.status_code} sin acceso a /cms/")
        cuerpo = b"".join(respuesta) if respuesta.streaming else respuesta.content
        fallos += _sin_secretos(rol, url, cuerpo.decode(errors="replace"))
    assert fallos == []


def test_la_regla_manda_aunque_el_grupo_tenga_el_permiso(client, mundo):
    """A permission granted by hand (or by an old migration) opens nothing the
    app's rules forbid: dirección with every permission on evaluations and
    alerts still reads neither in either admin."""
    usuario = _usuario("direccion")
    usuario.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label__in=["evaluacion", "encuestas"],
            content_type__model__in=["evaluacion", "alerta"],
        ),
        Permission.objects.get(codename="access_admin"),
    )
    client.force_login(usuario)
    evaluacion, alerta = mundo["evaluacion"], mundo["alerta"]
    for url in (
        "/admin/evaluacion/evaluacion/",
        f"/admin/evaluacion/evaluacion/{evaluacion.pk}/change/",
        "/admin/encuestas/alerta/",
        f"/admin/encuestas/alerta/{alerta.pk}/change/",
    ):
        assert client.get(url).status_code == 403, url
    historial = client.get("/cms/reports/site-history/").content.decode()
    assert SECRETO_ALEGACION not in historial
    assert SECRETO_CONTACTO not in historial


def test_el_historial_de_wagtail_muestra_lo_que_la_regla_deja_leer(client, mundo):
    client.force_login(_usuario("calidad"))
    historial = client.get("/cms/reports/site-history/").content.decode()
    assert SECRETO_CONTACTO in historial
    assert SECRETO_ALEGACION not in historial


def test_cada_admin_declara_su_regla():
    """A new ModelAdmin or snippet without a rule would fall back to Django's
    permissions alone: each must say whom it opens to (the table above too)."""
    for modelo, modelo_admin in admin.site._registry.items():
        assert isinstance(modelo_admin, ConReglaAdmin), modelo
        assert _etiqueta(modelo) in ESPERADO, modelo
    for modelo in get_snippet_models():
        assert isinstance(modelo.snippet_viewset, ConReglaViewSet), modelo
        assert regla_de(modelo) is not None, modelo
        assert _etiqueta(modelo) in SNIPPETS, modelo


def test_una_regla_filtra_filas_y_objetos():
    regla = Regla(
        ver=lambda u: True,
        ver_objeto=lambda u, o: o == "propio",
        filtrar=lambda u, qs: qs.none(),
    )

    class Usuario:
        is_authenticated, is_superuser = True, False

    assert regla.permite(Usuario(), "view")
    assert not regla.permite(Usuario(), "change")
    assert regla.permite(Usuario(), "view", "propio")
    assert not regla.permite(Usuario(), "view", "ajeno")
    assert list(regla.visibles(Usuario(), Kiosco.objects.all())) == []
    assert not regla.permite(None, "view")
