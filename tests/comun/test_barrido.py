"""The sweep: every URL pattern of the project, as every role, against one table.

The addresses come from the resolver (includes followed: the app, /api/, the
Django admin, Wagtail's /cms/, /documentos/, /media/, the citizens' /e/, ...), so
an address added tomorrow is swept tomorrow: one this test cannot fill, or one
the table below does not know, fails here until someone says who may read it.
Each object-level address is filled with a record of somebody else (office B,
an employee no tested role supervises), and each role GETs and HEADs it:

- never a 5xx;
- a role the rules (each app's permissions.py, comun/acceso_admin.py) do not
  admit gets a redirect to a login page, 401, 403, 404 or 405, never a 200;
- an admitted role gets the table's status (200, or a documented redirect);
- whatever the status, the body never holds a marker of a record the role may
  not read (a supervisor's comment, an appeal, a citizen's comment or contact,
  a private file's bytes, an employee's name).

One world, built once, swept role after role (about a minute on SQLite).
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, RequestFactory
from django.urls import URLResolver, get_resolver
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from taggit.models import Tag
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    PageViewRestriction,
    Site,
    Task,
    Workflow,
)

from accesibilidad.services import registrar_comunicacion
from auditoria.models import AccesoDatos
from auditoria.services import registrar_acceso
from encuestas import services as encuestas_services
from encuestas.models import Alerta, Item, Respuesta
from evaluacion import pdf as evaluacion_pdf
from evaluacion import services as evaluacion_services
from evaluacion.models import Evaluacion
from formacion import services as formacion_services
from formacion.models import (
    Certificado,
    Intento,
    Matricula,
    ReglaAsignacion,
    TiempoExtra,
)
from mejora.models import (
    AccionMejora,
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
from organizacion.models import Canal, MarcoCompetencial
from organizacion.services.importacion import solicitar_importacion
from tests.comun.test_acceso_admin import CERRADO_A_TODOS, CMS_PUBLICAS, ESPERADO
from tests.evaluacion.conftest import enviada
from tests.factories import (
    CampanaFactory,
    EmpleadoFactory,
    OficinaFactory,
    ServicioFactory,
    UsuarioFactory,
    curso_con_lecciones,
)
from tests.factories.encuestas import invitar
from tests.factories.evaluacion import FestivoFactory

pytestmark = pytest.mark.django_db

# Organizacion's Rol choices, plus who holds no role: there is no trainer role.
ROLES = (
    "anonimo",
    "empleado",  # office A
    "supervisor",  # office A, supervises the employee above, not office B
    "direccion",
    "calidad",  # staff, as the demo makes it
    "dpd",
    "staff",  # is_staff alone: a technical administrator without groups
    "superusuario",
)
TODOS = frozenset(ROLES)
CON_SESION = TODOS - {"anonimo"}
CON_FICHA = CON_SESION - {"staff", "superusuario"}  # an Empleado of their own
SUPER = frozenset({"superusuario"})

# --- Markers: unique strings of office B's records, and who may read each ----------
MARCA_EVALUADOR = "Marca-comentario-evaluador-7Q2"
MARCA_ALEGACION = "Marca-alegacion-de-la-persona-4K8"
MARCA_COMENTARIO = "Marca-comentario-ciudadano-9W3"
MARCA_CONTACTO = "699887766"
MARCA_APELLIDO = "Zubeldia-Marcador"
MARCA_EVIDENCIA = "Marca-evidencia-privada-5T1"
MARCA_INFORME = "Marca-informe-privado-2H6"
MARCA_DOCUMENTO = "Marca-documento-de-calidad-8J4"
MARCA_ACCESIBILIDAD = "Marca-queja-de-accesibilidad-3M5"

# From the permissions: evaluacion.puede_ver, encuestas.ve_todo,
# encuestas.alertas_que_gestiona (dirección does not open an alert: it holds a
# contact), organizacion.puede_ver_empleado + calidad's staff records,
# formacion.puede_ver_evidencia_externa, mejora.puede_ver.
LECTORES = {
    MARCA_EVALUADOR: SUPER | {"direccion"},
    MARCA_ALEGACION: SUPER | {"direccion"},
    MARCA_COMENTARIO: SUPER | {"direccion", "calidad"},
    MARCA_CONTACTO: SUPER | {"calidad"},
    MARCA_APELLIDO: SUPER | {"direccion", "calidad", "dpd"},
    MARCA_EVIDENCIA: SUPER | {"direccion", "calidad"},
    MARCA_INFORME: SUPER | {"direccion", "calidad"},
    MARCA_DOCUMENTO: SUPER | {"calidad"},  # the collection's restriction
    MARCA_ACCESIBILIDAD: SUPER | {"calidad"},  # the accessibility unit
}
# Where a marker is public by design, whoever asks.
MARCAS_PUBLICAS = {
    # A certificate's verification page names its holder (that is its purpose).
    "verificar/<str:codigo>/": {MARCA_APELLIDO},
    "verificar/<str:codigo>/pdf/": {MARCA_APELLIDO},
}


@dataclass(frozen=True)
class Acceso:
    """Who may GET the address (filled with office B's record) and what they get."""

    admitidos: frozenset
    estado: int | None | tuple = 200  # None: any but a 5xx; a tuple: (role, status)…

    def esperado(self, rol) -> int | None:
        if isinstance(self.estado, tuple):
            return dict(self.estado)[rol]
        return self.estado


def _a(roles, estado=200):
    if isinstance(estado, dict):
        estado = tuple(sorted(estado.items()))
    return Acceso(frozenset(roles), estado)


# Nobody reads it through a GET: POST-only actions answer 405 (or refuse first).
SOLO_POST = _a(set(), 405)

# Not swept, and why.
EXCLUIDAS = {
    # Wagtail's deliberate error page (raises on purpose, for staff to test 500s).
    "cms/failwhale/",
}

# --- The table: every address outside /admin/ and /cms/ ----------------------------
# Object addresses hold office B's record (see _mundo): the roles below are the
# ones its rules admit for THAT record, not for their own.
DC = {"direccion", "calidad"}
DCS = DC | SUPER
EQUIPO = DCS | {"supervisor"}  # whole organisation, or her team's share
PUBLICA = _a(TODOS)
SESION = _a(CON_SESION)
FICHA = _a(CON_FICHA)
# A redirect for whoever has signed in; the anonymous one goes to sign in.
REDIRIGE = _a(CON_SESION, 302)

ACCESO: dict[str, Acceso] = {
    # The citizens' survey: the token (or the signed link) is the key.
    "e/sede/<str:codigo_dir3>/<slug:resultado>/": _a(set()),  # unsigned: 410
    "e/privacidad/": PUBLICA,
    "e/b/<token:token>/": PUBLICA,
    "e/<token:token>/": PUBLICA,
    "quiosco/<int:pk>/": _a(set()),  # a device not registered as the kiosk: 403
    "quiosco/<int:pk>/motivo/": SOLO_POST,
    "quiosco/<int:pk>/registrar/": PUBLICA,  # asks for the kiosk's secret
    "verificar/": PUBLICA,
    "verificar/<str:codigo>/": PUBLICA,  # the certificate's code is its key
    "verificar/<str:codigo>/pdf/": PUBLICA,
    # Sign-in, probes, language.
    "": _a(TODOS, 302),
    "inicio/": SESION,
    "health/": PUBLICA,
    "health/live/": PUBLICA,
    "health/ready/": PUBLICA,
    "metrics": PUBLICA,  # from this machine (loopback, no proxy header) only
    "cuenta/login/": _a(TODOS, {r: 302 if r != "anonimo" else 200 for r in ROLES}),
    "cuenta/password_reset/": PUBLICA,
    "cuenta/password_reset/done/": PUBLICA,
    "cuenta/reset/<uidb64>/<token>/": PUBLICA,  # a forged token: "invalid link"
    "cuenta/reset/done/": PUBLICA,
    "cuenta/segundo-factor/": REDIRIGE,  # nothing pending
    "cuenta/segundo-factor/alta/": SESION,
    "cuenta/logout/": SOLO_POST,
    "cuenta/password_change/": SESION,
    "cuenta/password_change/done/": SESION,
    "i18n/setlang/": _a(TODOS, 302),
    # organizacion.permissions
    "organizacion/oficinas/": _a(DCS),
    "organizacion/equipo/": _a({"supervisor"}),
    "organizacion/empleados/<int:pk>/": _a({"direccion", "superusuario"}),
    "organizacion/empleados/<int:pk>/datos-personales.zip": _a({"dpd", "superusuario"}),
    "organizacion/mis-datos/": FICHA,
    # The footer's language selector: a form's POST only.
    "organizacion/idioma/": SOLO_POST,
    "organizacion/datos-personales/": _a({"dpd", "superusuario"}),
    "organizacion/registro-de-tratamientos/": _a({"dpd", "direccion", "superusuario"}),
    "organizacion/registro-de-tratamientos/csv/": _a(
        {"dpd", "direccion", "superusuario"}
    ),
    # formacion.permissions
    "formacion/": FICHA,
    "formacion/catalogo/": REDIRIGE,  # to the course index in /contenidos/
    "formacion/expediente/generar/": SOLO_POST,
    "formacion/expedientes/<int:pk>/descargar/": _a({"direccion", "superusuario"}),
    "formacion/expedientes/<int:pk>/estado/": _a({"direccion", "superusuario"}),
    "formacion/cursos/<int:curso_id>/matricularme/": SOLO_POST,
    "formacion/cursos/<int:curso_id>/cuestionario/": SOLO_POST,
    "formacion/lecciones/<int:leccion_id>/completar/": SOLO_POST,
    "formacion/intentos/<int:intento_id>/": _a(set()),  # the person's own only
    "formacion/intentos/<int:intento_id>/resultado/": _a(set()),
    "formacion/certificados/<int:pk>/descargar/": _a(DCS),
    "formacion/certificados/<int:pk>/estado/": _a(DCS),
    "formacion/certificados/<int:pk>/revocar/": _a({"calidad", "superusuario"}),
    "formacion/equipo/": _a(EQUIPO),
    "formacion/equipo/exportar.<str:formato>": _a(EQUIPO),
    "formacion/asignar/": _a({"supervisor", "calidad", "superusuario"}),
    "formacion/externa/": _a({"supervisor", "calidad", "superusuario"}),
    "formacion/externa/<int:pk>/evidencia/": _a(DCS),
    "formacion/estadisticas/": _a(DCS),
    "contenidos/^((?:[\\w\\-]+/)*)$": SESION,  # a course page: staff only
    "contenidos/_util/login/": PUBLICA,
    "contenidos/_util/authenticate_with_password/<int:page_view_restriction_id>/"
    "<int:page_id>/": PUBLICA,  # the password form
    # evaluacion.permissions (office B's evaluation: sent, appealed)
    "evaluacion/": SESION,
    "evaluacion/evaluaciones/<int:pk>/": _a({"direccion", "superusuario"}),
    "evaluacion/evaluaciones/<int:pk>/pdf/": _a({"direccion", "superusuario"}),
    # Its evaluator's, its person's or its reviewer's (none of the roles here).
    "evaluacion/evaluaciones/<int:pk>/puntuar/": _a(set()),
    "evaluacion/evaluaciones/<int:pk>/autoevaluacion/": _a(set()),
    "evaluacion/evaluaciones/<int:pk>/revisar/": _a(set()),
    "evaluacion/evaluaciones/<int:pk>/plan/": _a(set()),
    "evaluacion/evaluaciones/<int:pk>/recibir/": SOLO_POST,
    "evaluacion/evaluaciones/<int:pk>/alegar/": SOLO_POST,
    "evaluacion/evaluaciones/<int:pk>/cerrar/": SOLO_POST,
    "evaluacion/campanas/": _a(EQUIPO),
    "evaluacion/campanas/<int:pk>/": _a(EQUIPO),
    "evaluacion/campanas/<int:pk>/mapa/": _a(EQUIPO),
    "evaluacion/campanas/<int:pk>/calibracion/": _a(EQUIPO),
    "evaluacion/campanas/<int:pk>/abrir/": SOLO_POST,
    "evaluacion/campanas/<int:pk>/cerrar/": SOLO_POST,
    "evaluacion/marcos/": _a({"calidad", "superusuario"}),
    "evaluacion/marcos/<int:pk>/nueva-version/": SOLO_POST,
    # encuestas.permissions
    "encuestas/": _a(EQUIPO),
    "encuestas/comentarios/": _a(EQUIPO),
    "encuestas/alertas/": _a(EQUIPO),
    "encuestas/alertas/<int:pk>/": _a({"calidad", "superusuario"}),
    "encuestas/exportar.csv": _a(EQUIPO),
    "encuestas/exportar.xlsx": _a(EQUIPO),
    "encuestas/mi-valoracion/": FICHA,
    "encuestas/invitar/": FICHA,
    "encuestas/respuestas/<int:pk>/queja/": SOLO_POST,
    # The QR of office B's invitation: who sees every office and invites.
    "encuestas/qr/<str:token>.<str:formato>": _a(DC),
    # The API: its key, never a session.
    "api/v1/openapi.json": PUBLICA,
    "api/v1/docs": PUBLICA,
    "api/v1/": _a(set()),
    "api/v1/atenciones": SOLO_POST,
    "api/v1/resultados": _a(set()),  # 401 without a key
    "^api/(?P<resto>.*)$": _a(set()),
    # mejora.permissions
    **{
        ruta: _a(DCS)
        for ruta in (
            "mejora/",
            "mejora/indicadores/<slug:codigo>/",
            "mejora/valores/",
            "mejora/hallazgos/",
            "mejora/plan/",
            "mejora/acciones/nueva/",
            "mejora/acciones/<int:pk>/",
            "mejora/cartas/",
            "mejora/cartas/<int:pk>/",
            "mejora/autoevaluaciones/",
            "mejora/autoevaluaciones/<int:pk>/",
            "mejora/informes/",
            "mejora/informes/<int:pk>/",
            "mejora/informes/<int:pk>/estado/",
            "mejora/informes/<int:pk>/pdf/",
        )
    },
    "mejora/recalcular/": SOLO_POST,
    "mejora/informes/<int:pk>/aprobar/": SOLO_POST,
    "mejora/informes/<int:pk>/regenerar/": SOLO_POST,
    # auditoria.permissions
    "auditoria/": _a({"dpd", "superusuario"}),
    "auditoria/exportar.csv": _a({"dpd", "superusuario"}),
    # The accessibility statement is public; its communications, calidad's.
    "accesibilidad/": PUBLICA,
    "accesibilidad/recibida/": _a(set()),  # without its signed id: 404
    "accesibilidad/comunicaciones/": _a({"calidad", "superusuario"}),
    "accesibilidad/comunicaciones/<int:pk>/": _a({"calidad", "superusuario"}),
    # The browser's CSP reports: POST only.
    "csp/informe/": SOLO_POST,
    # Files: Wagtail's documents by their collection's privacy (calidad's here);
    # Django serves /media/ images only (make run, the pilot).
    "documentos/^(\\d+)/(.*)$": _a({"calidad", "superusuario"}),
    "documentos/authenticate_with_password/<int:restriction_id>/": PUBLICA,
    "^media/(?P<path>(?:original_images|images)/[^/]+)$": PUBLICA,
}

# --- The world --------------------------------------------------------------------


def _mundo(settings) -> dict:
    """Offices A and B; every tested role in A; in B a supervisor, her report (the
    one whose records fill the addresses) and the citizens' answers."""
    oficina_a = OficinaFactory(canales=["presencial"])
    oficina_b = OficinaFactory(canales=["presencial"])
    jefa_b = EmpleadoFactory(
        oficina=oficina_b, usuario__roles=["empleado", "supervisor"]
    )
    ajena = EmpleadoFactory(
        oficina=oficina_b,
        supervisor=jefa_b,
        apellidos=MARCA_APELLIDO,
        usuario__last_name=MARCA_APELLIDO,
    )
    supervisora = EmpleadoFactory(
        oficina=oficina_a, usuario__roles=["empleado", "supervisor"]
    )
    empleado = EmpleadoFactory(oficina=oficina_a, supervisor=supervisora)

    def con_ficha(*roles, staff=False):
        usuario = EmpleadoFactory(oficina=oficina_a, usuario__roles=list(roles)).usuario
        if staff:
            usuario.is_staff = True
            usuario.save(update_fields=["is_staff"])
        return usuario

    usuarios = {
        "anonimo": None,
        "empleado": empleado.usuario,
        "supervisor": supervisora.usuario,
        "direccion": con_ficha("empleado", "direccion"),
        "calidad": con_ficha("empleado", "calidad", staff=True),
        "dpd": con_ficha("empleado", "dpd"),
        "staff": UsuarioFactory(is_staff=True),
        "superusuario": UsuarioFactory(is_superuser=True, is_staff=True),
    }

    # Evaluations in several states; office B's one sent, commented and appealed.
    campana = CampanaFactory(oficinas=[oficina_a, oficina_b])
    evaluacion_services.abrir_campana(campana=campana)
    ev = enviada(Evaluacion.objects.get(campana=campana, empleado=ajena))
    evaluacion_pdf.guardar_pdf_evaluacion(ev.pk)
    Evaluacion.objects.filter(pk=ev.pk).update(
        comentario_evaluador=MARCA_EVALUADOR,
        alegacion=MARCA_ALEGACION,
        estado=Evaluacion.Estado.ALEGADA,
        revisor=jefa_b,
    )
    enviada(Evaluacion.objects.get(campana=campana, empleado=empleado))

    # Surveys: office B's answer with a comment and a contact (an alert).
    encuestas_services.responder(
        token=invitar(oficina_b)[1],
        datos={"SAT": "1", "CONTACTO": "1"},
        contacto=MARCA_CONTACTO,
        comentario=MARCA_COMENTARIO,
    )
    respuesta = Respuesta.objects.get(comentario=MARCA_COMENTARIO)
    alerta = Alerta.objects.get()
    _registro, token = invitar(oficina_b)
    kiosco, _secreto = encuestas_services.crear_kiosco(
        oficina=oficina_b, canal=Canal.objects.get(codigo="presencial"), nombre="K"
    )
    _integracion, clave_api = encuestas_services.crear_integracion(
        nombre="Sede", oficinas=[oficina_b], canales=[]
    )

    # Training: a course page, office B's enrolment, attempt, certificate, record.
    curso, lecciones, _preguntas = curso_con_lecciones(
        n_lecciones=1, tipo_certificado="asistencia"
    )
    curso.save_revision()
    matricula = formacion_services.matricular(
        empleado=ajena, curso=curso, origen="propia"
    )
    con_cuestionario, _lecciones, _preguntas = curso_con_lecciones(n_lecciones=1)
    intento = formacion_services.iniciar_intento(
        matricula=formacion_services.matricular(
            empleado=ajena, curso=con_cuestionario, origen="propia"
        )
    )
    formacion_services.completar_leccion(matricula=matricula, leccion=lecciones[0])
    certificado = formacion_services.generar_pdf(
        certificado=Certificado.objects.get(matricula=matricula)
    )
    expediente = formacion_services.generar_pdf_expediente(
        expediente=formacion_services.solicitar_expediente(empleado=ajena)
    )
    externa = formacion_services.registrar_formacion_externa(
        empleado=ajena,
        por=jefa_b.usuario,
        titulo="Primeros auxilios",
        entidad="Cruz Roja",
        horas=8,
        modalidad="presencial",
        fecha_inicio="2026-03-02",
        fecha_fin="2026-03-03",
        evidencia=SimpleUploadedFile(
            "diploma.pdf", f"%PDF-1.4 {MARCA_EVIDENCIA}".encode()
        ),
    )

    ReglaAsignacion.objects.create(
        nombre="Presencial", curso=curso, canal=Canal.objects.get(codigo="presencial")
    )
    TiempoExtra.objects.create(empleado=ajena, porcentaje=25, motivo="Adaptación")

    # Improvement: an action, a charter, a self-assessment, a report with its PDF.
    modelo = ModeloCalidad.objects.get(codigo="EFQM")
    plan = PlanMejora.objects.create(nombre="Plan", anio=2026)
    accion = AccionMejora.objects.create(
        plan=plan,
        titulo="Acción",
        fecha_inicio=date(2026, 1, 1),
        fecha_fin=date(2026, 6, 30),
        impacto=3,
        viabilidad=3,
    )
    carta = CartaServicios.objects.create(
        codigo="carta", nombre="Carta", vigente_desde=date(2026, 1, 1)
    )
    autoevaluacion = Autoevaluacion.objects.create(
        modelo=modelo, titulo="Autoevaluación", periodo="2026"
    )
    informe = Informe.objects.create(
        tipo="trimestral", periodo="2026-Q2", modelo=modelo, estado="listo"
    )
    informe.archivo.save("informe.pdf", ContentFile(f"%PDF {MARCA_INFORME}".encode()))

    # Configuration rows of each admin.
    ServicioFactory()
    FestivoFactory(fecha=date(2026, 12, 25))
    indicador = Indicador.objects.order_by("pk").first()
    MetaIndicador.objects.create(indicador=indicador, anio=2026, objetivo=80)
    ValorManual.objects.create(indicador=indicador, periodo="2026-Q1", valor=1)
    Hallazgo.objects.create(tipo="fortaleza", texto="Acogida", periodo="2026-Q1")
    # A line of the access log (dirección read office B's evaluation).
    peticion = RequestFactory().get(f"/evaluacion/evaluaciones/{ev.pk}/")
    peticion.user = usuarios["direccion"]
    registrar_acceso(
        peticion,
        categoria=AccesoDatos.Categoria.EVALUACION,
        accion=AccesoDatos.Accion.VER,
        objeto=ev,
        sujeto=ajena,
    )

    # Wagtail's and third parties' own records. The document lies in a
    # collection only calidad reads; another collection and a page ask for a
    # password.
    raiz = Collection.get_first_root_node()
    privada = raiz.add_child(name="Calidad")
    restriccion = CollectionViewRestriction.objects.create(
        collection=privada, restriction_type=CollectionViewRestriction.GROUPS
    )
    restriccion.groups.set([Group.objects.get(name="calidad")])
    documento = Document.objects.create(
        title="Documento",
        collection=privada,
        file=ContentFile(f"%PDF {MARCA_DOCUMENTO}".encode(), name="doc.pdf"),
    )
    con_clave = CollectionViewRestriction.objects.create(
        collection=raiz.add_child(name="Con clave"),
        restriction_type=CollectionViewRestriction.PASSWORD,
        password="clave-de-prueba",
    )
    pagina_con_clave = PageViewRestriction.objects.create(
        page=con_cuestionario,
        restriction_type=PageViewRestriction.PASSWORD,
        password="clave-de-prueba",
    )
    Tag.objects.create(name="mostrador")
    AccessAttempt.objects.create(
        username="intruso", ip_address="203.0.113.9", failures_since_start=1
    )
    AccessLog.objects.create(username="intruso", ip_address="203.0.113.9")
    AccessFailureLog.objects.create(username="intruso", ip_address="203.0.113.9")
    StaticDevice.objects.create(user=ajena.usuario, name="copia")
    imagen = Image.objects.create(title="Imagen", file=get_test_image_file())
    redireccion = Redirect.objects.create(old_path="/viejo", redirect_link="/")
    dispositivo = TOTPDevice.objects.create(user=ajena.usuario, name="móvil")
    importacion = solicitar_importacion(
        contenido=b"identificador;nombre\nN1;Ana\n", nombre="plantilla.csv"
    )
    comunicacion = registrar_comunicacion(
        tipo="queja",
        descripcion=MARCA_ACCESIBILIDAD,
        correo="ciudadana@example.org",
    )
    return {
        "usuarios": usuarios,
        "comunicacion": comunicacion,
        "oficina_b": oficina_b,
        "ajena": ajena,
        "evaluacion": ev,
        "campana": campana,
        "respuesta": respuesta,
        "alerta": alerta,
        "token": token,
        "token_baja": encuestas_services.emitir_token_baja(contacto=MARCA_CONTACTO),
        "kiosco": kiosco,
        "clave_api": clave_api,
        "curso": curso,
        "leccion": lecciones[0],
        "intento": intento,
        "certificado": certificado,
        "expediente": expediente,
        "externa": externa,
        "accion": accion,
        "carta": carta,
        "autoevaluacion": autoevaluacion,
        "informe": informe,
        "documento": documento,
        "imagen": imagen,
        "redireccion": redireccion,
        "dispositivo": dispositivo,
        "importacion": importacion,
        "con_clave": con_clave,
        "pagina_con_clave": pagina_con_clave,
        # The record of each model to put in an admin's or the CMS's address.
        "preferidos": {
            Evaluacion: ev,
            Alerta: alerta,
            type(ajena): ajena,
            type(ajena.usuario): ajena.usuario,
            Matricula: matricula,
            Intento: intento,
            type(externa): externa,
            TiempoExtra: TiempoExtra.objects.get(empleado=ajena),
            Certificado: certificado,
        },
    }


# --- Filling the patterns ----------------------------------------------------------

PARAMETRO = re.compile(r"<(?:\w+:)?(?P<nombre>\w+)>|\(\?P<(?P<grupo>\w+)>")


def _parametros(ruta: str) -> list[str]:
    return [g["nombre"] or g["grupo"] for g in PARAMETRO.finditer(ruta)]


# The app's addresses: route -> {parameter: value from the world}.
VALORES_APP: dict[str, Callable[[dict], dict]] = {
    "e/sede/<str:codigo_dir3>/<slug:resultado>/": lambda m: {
        "codigo_dir3": m["oficina_b"].codigo_dir3,
        "resultado": "concedido",
    },
    "e/b/<token:token>/": lambda m: {"token": m["token_baja"]},
    "e/<token:token>/": lambda m: {"token": m["token"]},
    "cuenta/reset/<uidb64>/<token>/": lambda m: {
        "uidb64": "MQ",
        "token": "set-password",
    },
    "organizacion/empleados/<int:pk>/": lambda m: {"pk": m["ajena"].pk},
    "organizacion/empleados/<int:pk>/datos-personales.zip": lambda m: {
        "pk": m["ajena"].pk
    },
    "formacion/expedientes/<int:pk>/descargar/": lambda m: {"pk": m["expediente"].pk},
    "formacion/expedientes/<int:pk>/estado/": lambda m: {"pk": m["expediente"].pk},
    "formacion/cursos/<int:curso_id>/matricularme/": lambda m: {
        "curso_id": m["curso"].pk
    },
    "formacion/cursos/<int:curso_id>/cuestionario/": lambda m: {
        "curso_id": m["curso"].pk
    },
    "formacion/lecciones/<int:leccion_id>/completar/": lambda m: {
        "leccion_id": m["leccion"].pk
    },
    "formacion/intentos/<int:intento_id>/": lambda m: {"intento_id": m["intento"].pk},
    "formacion/intentos/<int:intento_id>/resultado/": lambda m: {
        "intento_id": m["intento"].pk
    },
    "formacion/certificados/<int:pk>/descargar/": lambda m: {"pk": m["certificado"].pk},
    "formacion/certificados/<int:pk>/estado/": lambda m: {"pk": m["certificado"].pk},
    "formacion/certificados/<int:pk>/revocar/": lambda m: {"pk": m["certificado"].pk},
    "formacion/equipo/exportar.<str:formato>": lambda m: {"formato": "csv"},
    "formacion/externa/<int:pk>/evidencia/": lambda m: {"pk": m["externa"].pk},
    "verificar/<str:codigo>/": lambda m: {"codigo": m["certificado"].codigo},
    "verificar/<str:codigo>/pdf/": lambda m: {"codigo": m["certificado"].codigo},
    "quiosco/<int:pk>/": lambda m: {"pk": m["kiosco"].pk},
    "quiosco/<int:pk>/motivo/": lambda m: {"pk": m["kiosco"].pk},
    "quiosco/<int:pk>/registrar/": lambda m: {"pk": m["kiosco"].pk},
    "encuestas/alertas/<int:pk>/": lambda m: {"pk": m["alerta"].pk},
    "encuestas/respuestas/<int:pk>/queja/": lambda m: {"pk": m["respuesta"].pk},
    "encuestas/qr/<str:token>.<str:formato>": lambda m: {
        "token": m["token"],
        "formato": "png",
    },
    "^api/(?P<resto>.*)$": lambda m: {"resto": "v2/resultados"},
    "mejora/indicadores/<slug:codigo>/": lambda m: {
        "codigo": Indicador.objects.order_by("pk").first().codigo
    },
    "mejora/acciones/<int:pk>/": lambda m: {"pk": m["accion"].pk},
    "mejora/cartas/<int:pk>/": lambda m: {"pk": m["carta"].pk},
    "mejora/autoevaluaciones/<int:pk>/": lambda m: {"pk": m["autoevaluacion"].pk},
    "accesibilidad/comunicaciones/<int:pk>/": lambda m: {"pk": m["comunicacion"].pk},
    "documentos/^(\\d+)/(.*)$": None,  # positional: see _url_de
    "^media/(?P<path>(?:original_images|images)/[^/]+)$": lambda m: {
        "path": m["imagen"].file.name
    },
    "contenidos/^((?:[\\w\\-]+/)*)$": None,  # positional: see _url_de
    "documentos/authenticate_with_password/<int:restriction_id>/": lambda m: {
        "restriction_id": m["con_clave"].pk
    },
    "contenidos/_util/authenticate_with_password/<int:page_view_restriction_id>/"
    "<int:page_id>/": lambda m: {
        "page_view_restriction_id": m["pagina_con_clave"].pk,
        "page_id": m["pagina_con_clave"].page_id,
    },
}
for _ruta in (
    "evaluacion/evaluaciones/<int:pk>/",
    "evaluacion/evaluaciones/<int:pk>/puntuar/",
    "evaluacion/evaluaciones/<int:pk>/autoevaluacion/",
    "evaluacion/evaluaciones/<int:pk>/recibir/",
    "evaluacion/evaluaciones/<int:pk>/alegar/",
    "evaluacion/evaluaciones/<int:pk>/revisar/",
    "evaluacion/evaluaciones/<int:pk>/cerrar/",
    "evaluacion/evaluaciones/<int:pk>/pdf/",
    "evaluacion/evaluaciones/<int:pk>/plan/",
):
    VALORES_APP[_ruta] = lambda m: {"pk": m["evaluacion"].pk}
for _ruta in (
    "evaluacion/campanas/<int:pk>/",
    "evaluacion/campanas/<int:pk>/mapa/",
    "evaluacion/campanas/<int:pk>/calibracion/",
    "evaluacion/campanas/<int:pk>/abrir/",
    "evaluacion/campanas/<int:pk>/cerrar/",
):
    VALORES_APP[_ruta] = lambda m: {"pk": m["campana"].pk}
VALORES_APP["evaluacion/marcos/<int:pk>/nueva-version/"] = lambda m: {
    "pk": MarcoCompetencial.objects.get(vigente=True).pk
}
for _ruta in (
    "mejora/informes/<int:pk>/",
    "mejora/informes/<int:pk>/estado/",
    "mejora/informes/<int:pk>/pdf/",
    "mejora/informes/<int:pk>/aprobar/",
    "mejora/informes/<int:pk>/regenerar/",
):
    VALORES_APP[_ruta] = lambda m: {"pk": m["informe"].pk}

# Ids of what the world does not build: an upload in progress, an editor's
# session, a workflow's running state, a settings model (none registered). The
# address is swept with an id that does not exist: its gate still answers.
NO_EXISTE = 999999
SIN_OBJETO = {
    "uploaded_file_id",
    "session_id",
    "task_state_id",
    "workflow_state_id",
}


def _objeto(m, modelo):
    preferido = m["preferidos"].get(modelo)
    if preferido is not None:
        return preferido
    return modelo._default_manager.order_by("pk").first()


def _valores_cms(m, nombre: str, parametros: list[str], vista) -> dict:
    """Wagtail's parameters, by name; `pk` by the view's model or namespace."""
    curso = m["curso"]
    por_nombre = {
        "page_id": curso.pk,
        "parent_page_id": curso.get_parent().pk,
        "page_to_move_id": curso.pk,
        "destination_id": curso.get_parent().pk,
        "page_pk": curso.pk,
        "revision_id": curso.latest_revision_id,
        "revision_id_a": "earliest",
        "revision_id_b": "latest",
        "image_id": m["imagen"].pk,
        "document_id": m["documento"].pk,
        "doc_id": m["documento"].pk,
        "redirect_id": m["redireccion"].pk,
        "collection_id": Collection.get_first_root_node().pk,
        "task_id": Task.objects.order_by("pk").first().pk,
        "workflow_pk": Workflow.objects.order_by("pk").first().pk,
        "content_type_app_name": "formacion",
        "content_type_model_name": "cursopage",
        "app_label": "formacion",
        "model_name": "cursopage",
        "app_name": "wagtaildocs",
        "object_id": curso.pk,
        "action": "delete",
        "action_name": "approve",
        "filter_spec": "original",
        "uidb64": "MQ",
        "token": "set-password",
        **{p: NO_EXISTE for p in SIN_OBJETO},
    }
    if nombre == "wagtailadmin_workflows:add_task":
        por_nombre |= {"app_label": "wagtailcore", "model_name": "groupapprovaltask"}
    if nombre == "wagtailadmin_api:pages:action":
        por_nombre["action_name"] = "copy"
    if nombre.startswith("wagtailsettings:"):
        # No settings model is registered: any name is unknown (404).
        por_nombre |= {"app_name": "wagtailcore", "model_name": "site", "pk": NO_EXISTE}
    modelo = getattr(vista, "view_initkwargs", {}).get("model")
    espacio = nombre.split(":")[0] if ":" in nombre else ""
    por_espacio = {
        "wagtailadmin_api": None,
        "wagtailadmin_collections": Collection.get_first_root_node().pk,
        "wagtailredirects": m["redireccion"].pk,
        "wagtaildocs_chooser": m["documento"].pk,
        "wagtailimages_chooser": m["imagen"].pk,
        "encuestas_editor": Item.objects.order_by("pk").first().pk,
        "wagtailusers_groups": Group.objects.get(name="empleado").pk,
    }
    if "pk" in parametros and "pk" not in por_nombre:
        if nombre.startswith("wagtailadmin_api:pages") or nombre.startswith(
            "wagtailadmin_pages:"
        ):
            por_nombre["pk"] = curso.pk
        elif nombre.startswith("wagtailadmin_api:documents"):
            por_nombre["pk"] = m["documento"].pk
        elif nombre.startswith("wagtailadmin_api:images"):
            por_nombre["pk"] = m["imagen"].pk
        elif nombre.startswith("wagtailadmin_workflows:") and "task" in nombre:
            por_nombre["pk"] = Task.objects.order_by("pk").first().pk
        elif nombre.startswith("wagtailadmin_workflows:"):
            por_nombre["pk"] = Workflow.objects.order_by("pk").first().pk
        elif nombre.startswith("wagtailsites:"):
            por_nombre["pk"] = Site.objects.order_by("pk").first().pk
        elif por_espacio.get(espacio) is not None:
            por_nombre["pk"] = por_espacio[espacio]
        else:
            if modelo is None and nombre.startswith("wagtailsnippetchoosers_"):
                app, modelo_nombre = nombre.split(":")[0].split("_", 2)[1:]
                modelo = apps.get_model(app, modelo_nombre)
            objeto = _objeto(m, modelo) if modelo is not None else None
            if objeto is not None:
                por_nombre["pk"] = objeto.pk
    return {p: por_nombre[p] for p in parametros if p in por_nombre}


def _valores_admin(m, nombre: str, parametros: list[str], vista) -> dict:
    modelo_admin = getattr(vista, "model_admin", None)
    valores = {}
    if "object_id" in parametros and modelo_admin is not None:
        objeto = _objeto(m, modelo_admin.model)
        if objeto is not None:
            valores["object_id"] = objeto.pk
    if nombre == "admin:view_on_site":
        from django.contrib.contenttypes.models import ContentType

        valores = {
            "content_type_id": ContentType.objects.get_for_model(Evaluacion).pk,
            "object_id": m["evaluacion"].pk,
        }
    elif nombre == "admin:app_list":
        valores = {"app_label": "evaluacion"}
    elif nombre == "admin:organizacion_empleado_importacion":
        valores = {"pk": m["importacion"].pk}
    elif nombre in (
        "admin:otp_totp_totpdevice_config",
        "admin:otp_totp_totpdevice_qrcode",
    ):
        valores = {"pk": m["dispositivo"].pk}
    elif nombre == "admin:auth_user_password_change":
        valores = {"id": m["ajena"].usuario.pk}
    elif nombre == "admin:" and "url" in parametros:
        valores = {"url": "no-existe/"}
    return valores


def _nombre(patron, espacios) -> str:
    return ":".join([*espacios, patron.name or ""])


def _direcciones(m) -> tuple[list[tuple[str, str, str]], list[str]]:
    """([(route, url name, url)], [routes it could not fill])."""
    direcciones, sin_valor = [], []

    def recorrer(patrones, prefijo, espacios):
        for p in patrones:
            if isinstance(p, URLResolver):
                recorrer(
                    p.url_patterns,
                    prefijo + str(p.pattern),
                    espacios + ([p.namespace] if p.namespace else []),
                )
                continue
            ruta = prefijo + str(p.pattern)
            nombre = _nombre(p, espacios)
            url = _url_de(m, ruta, nombre, p.callback)
            if url is None:
                sin_valor.append(f"{ruta} ({nombre})")
            else:
                direcciones.append((ruta, nombre, url, p.callback))

    recorrer(get_resolver().url_patterns, "", [])
    return direcciones, sin_valor


def _url_de(m, ruta: str, nombre: str, vista) -> str | None:
    if ruta == "documentos/^(\\d+)/(.*)$":
        documento = m["documento"]
        return f"/documentos/{documento.pk}/{documento.filename}"
    if ruta == "contenidos/^((?:[\\w\\-]+/)*)$":
        return m["curso"].url
    parametros = _parametros(ruta)
    if not parametros:
        valores = {}
    elif ruta.startswith("admin/"):
        valores = _valores_admin(m, nombre, parametros, vista)
    elif ruta.startswith("cms/"):
        valores = _valores_cms(m, nombre, parametros, vista)
    elif ruta in VALORES_APP and VALORES_APP[ruta] is not None:
        valores = VALORES_APP[ruta](m)
    else:
        return None
    if set(parametros) - set(valores):
        return None
    url = re.sub(
        r"\(\?P<(\w+)>(?:[^()]|\([^()]*\))*\)", lambda g: str(valores[g[1]]), ruta
    )
    url = re.sub(r"<(?:\w+:)?(\w+)>", lambda g: str(valores[g[1]]), url)
    url = url.replace("^", "").replace("$", "").replace("\\", "")
    return "/" + url


# --- What each role should get ----------------------------------------------------

ADMIN_ACCIONES = {
    "changelist": "lista",
    "add": "crear",
    "change": "ver",
    "history": "historia",
    "delete": "borrar",
}
STAFF_ADMIN = frozenset({"calidad", "staff", "superusuario"})
# The admin's own pages and the custom ones (who, status when admitted).
ADMIN_PROPIAS = {
    "admin:index": _a(STAFF_ADMIN),
    "admin:login": _a(TODOS - STAFF_ADMIN),  # staff is sent on to the index
    "admin:logout": SOLO_POST,
    "admin:password_change": _a(STAFF_ADMIN),
    "admin:password_change_done": _a(STAFF_ADMIN),
    "admin:jsi18n": _a(STAFF_ADMIN),
    # Without its query (app, model, field) the autocomplete refuses everyone.
    "admin:autocomplete": _a(set()),
    # Django's "view on site" redirects to the record's own page, which is
    # swept by itself; an evaluation has none (404).
    "admin:view_on_site": _a(STAFF_ADMIN, 302),
    "admin:app_list": _a({"calidad", "superusuario"}),  # calidad configures campaigns
    "admin:": _a(set()),  # an unknown admin address
    "admin:taggit_tag_merge_tags": _a(SUPER),
    "admin:organizacion_empleado_importar": _a({"calidad", "superusuario"}),
    # The world's import ends with refused cells: its report answers 422.
    "admin:organizacion_empleado_importacion": _a({"calidad", "superusuario"}, 422),
    "admin:auth_user_password_change": _a(SUPER),
    "admin:otp_totp_totpdevice_config": _a(SUPER),
    "admin:otp_totp_totpdevice_qrcode": _a(SUPER),
}


def _acceso_admin(ruta: str, nombre: str, vista) -> Acceso | None:
    if ruta.endswith("/<path:object_id>/") and nombre == "admin:":
        # The old address of a change page: a redirect to the new one.
        return _a(STAFF_ADMIN, 302)
    if nombre in ADMIN_PROPIAS:
        return ADMIN_PROPIAS[nombre]
    modelo_admin = getattr(vista, "model_admin", None)
    accion = nombre.rsplit("_", 1)[-1]
    if modelo_admin is None or accion not in ADMIN_ACCIONES:
        return None
    etiqueta = modelo_admin.model._meta.label_lower
    if etiqueta not in ESPERADO:
        return None
    lee, crea, borra = ESPERADO[etiqueta]
    accion = ADMIN_ACCIONES[accion]
    permitidos = {"lista": lee, "ver": lee, "historia": lee, "crear": crea}.get(
        accion, borra
    )
    admitidos = set(permitidos) & STAFF_ADMIN
    if (etiqueta, accion) not in CERRADO_A_TODOS:
        admitidos.add("superusuario")
    return _a(admitidos)


def _acceso_cms(ruta: str, nombre: str, url: str) -> Acceso:
    """Only calidad enters /cms/ (wagtailadmin.access_admin): for her and the
    superuser no 5xx and no marker they may not read (status is Wagtail's);
    everyone else is sent to its login."""
    if url in CMS_PUBLICAS or nombre == "wagtailadmin_password_reset_confirm":
        # Its sign-in and password pages (who has signed in is sent on).
        return _a(TODOS, None)
    return _a({"calidad", "superusuario"}, None)


def _acceso(ruta: str, nombre: str, url: str, vista) -> Acceso | None:
    if ruta.startswith("admin/"):
        return _acceso_admin(ruta, nombre, vista)
    if ruta.startswith("cms/"):
        return _acceso_cms(ruta, nombre, url)
    return ACCESO.get(ruta)


def _es_login(respuesta) -> bool:
    return respuesta.status_code == 302 and "login" in respuesta.get("Location", "")


def _cuerpo(respuesta) -> bytes:
    if getattr(respuesta, "streaming", False):
        return b"".join(respuesta.streaming_content)
    return respuesta.content


def _veredicto(rol, acceso: Acceso, respuesta) -> str | None:
    estado = respuesta.status_code
    if estado >= 500:
        return f"{estado}"
    if rol in acceso.admitidos:
        if acceso.esperado(rol) in (None, estado):
            return None
        return f"{estado}, se esperaba {acceso.esperado(rol)}"
    if estado in (401, 403, 404, 405, 410) or _es_login(respuesta):
        return None
    if estado == 302 and respuesta["Location"] == "/admin/":
        # The admin's "no such record" (a row its rule hides) and its logout.
        return None
    if estado == 400 and acceso is SOLO_POST:
        return None
    return f"{estado} sin permiso ({respuesta.get('Location', '')})"


def _zona(ruta: str) -> str:
    return (
        "admin"
        if ruta.startswith("admin/")
        else "cms"
        if ruta.startswith("cms/")
        else "app"
    )


@pytest.mark.parametrize("zona", ["app", "admin", "cms"])
def test_barrido_de_todas_las_direcciones_como_cada_rol(
    zona, media_servido, settings, django_capture_on_commit_callbacks
):
    """One zone per test (the app with /api/, /e/, /media/, /documentos/ and
    /contenidos/; Django's admin; Wagtail's): each a world of its own."""
    with django_capture_on_commit_callbacks(execute=True):
        m = _mundo(settings)
    settings.DEBUG = False  # the patterns stay; the answers are production's
    direcciones, sin_valor = _direcciones(m)
    fallos = [f"sin valores para rellenar {r}" for r in sin_valor if _zona(r) == zona]
    casos = []
    for ruta, nombre, url, vista in direcciones:
        if ruta in EXCLUIDAS or _zona(ruta) != zona:
            continue
        acceso = _acceso(ruta, nombre, url, vista)
        if acceso is None:
            fallos.append(f"{ruta} ({nombre}) no está en la tabla de accesos")
        else:
            casos.append((ruta, url, acceso))
    # HEAD runs the view as GET does: asked where it must be refused too (a
    # view that checks only on GET would answer it), in the app, whose views
    # decide by themselves (the admins' gate is one decorator, swept by GET).
    cabeza = zona == "app"
    vistas = set()
    for rol in ROLES:
        cliente = Client()
        usuario = m["usuarios"][rol]
        for ruta, url, acceso in casos:
            if usuario is not None and "_auth_user_id" not in cliente.session:
                cliente.force_login(usuario)
            metodos = (
                ("get", "head") if cabeza and rol not in acceso.admitidos else ("get",)
            )
            for metodo in metodos:
                try:
                    respuesta = getattr(cliente, metodo)(url)
                except Exception as exc:  # the view raised: a 500
                    fallos.append(f"{rol} {metodo.upper()} {url}: {exc!r:.200}")
                    continue
                veredicto = _veredicto(rol, acceso, respuesta)
                if veredicto:
                    fallos.append(f"{rol} {metodo.upper()} {url}: {veredicto}")
                if metodo == "head":
                    continue
                cuerpo = _cuerpo(respuesta)
                for marca, lectores in LECTORES.items():
                    if marca.encode() not in cuerpo:
                        continue
                    vistas.add(marca)
                    if rol not in lectores and marca not in MARCAS_PUBLICAS.get(
                        ruta, ()
                    ):
                        fallos.append(f"{rol} GET {url}: muestra {marca!r}")
    if zona == "app":
        # The markers are there to be found: each shows to a reader somewhere
        # (else the check above would pass on an empty page).
        fallos += [f"ningún lector vio {x!r}" for x in set(LECTORES) - vistas]
    assert fallos == [], f"{len(fallos)} fallos:\n" + "\n".join(fallos)


def test_fusionar_etiquetas_pide_el_permiso_de_cambiarlas(client):
    """Found by the sweep: taggit's «merge tags» page answered any staff member
    (calidad, a technical account without groups), and its POST created the new
    tag before failing, with no permission on tags (config/admin.py)."""
    client.force_login(UsuarioFactory(is_staff=True))
    assert client.get("/admin/taggit/tag/merge-tags/").status_code == 403
    respuesta = client.post(
        "/admin/taggit/tag/merge-tags/", {"new_tag_name": "fusionada"}
    )
    assert respuesta.status_code == 403
    assert not Tag.objects.filter(name="fusionada").exists()
