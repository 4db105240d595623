"""organizacion/proteccion_datos.py: the declarations against the models, and
an employee's export ZIP read back (CSV rows and PDF text)."""

import csv
import io
import zipfile
from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import connection, models
from django.test.utils import CaptureQueriesContext, isolate_apps
from pypdf import PdfReader

from encuestas.models import Alerta, Atencion
from evaluacion import services as evaluacion_services
from evaluacion.models import AuditoriaEvaluacion, Evaluacion
from formacion import services as formacion_services
from formacion.models import FormacionExterna, Matricula
from organizacion import proteccion_datos
from organizacion.models import Empleado
from tests.factories import (
    SAT_ALTA,
    CampanaFactory,
    EmpleadoFactory,
    curso_con_lecciones,
    responder_con,
)

# --- The declarations against the models -------------------------------------


def test_cada_campo_con_datos_personales_esta_en_una_actividad_del_registro():
    assert proteccion_datos.campos_sin_tratamiento() == []


def test_cada_enlace_a_una_persona_esta_en_la_exportacion_o_omitido_con_motivo():
    assert proteccion_datos.enlaces_sin_exportar() == []


def test_ninguna_declaracion_nombra_un_campo_que_no_existe():
    assert proteccion_datos.declaraciones_rotas() == []


def test_un_campo_quitado_del_registro_se_detecta(monkeypatch):
    reales = proteccion_datos.tratamientos()
    sin_email = tuple(
        t.__class__(
            **{
                **t.__dict__,
                "campos": tuple(c for c in t.campos if c != "auth.User.email"),
            }
        )
        for t in reales
    )
    monkeypatch.setattr(proteccion_datos, "tratamientos", lambda: sin_email)
    assert proteccion_datos.campos_sin_tratamiento() == ["auth.User.email"]


@isolate_apps("organizacion")
def test_un_modelo_nuevo_enlazado_a_empleado_o_usuario_se_detecta():
    class Vacaciones(models.Model):
        empleado = models.ForeignKey(Empleado, on_delete=models.CASCADE)
        telefono_contacto = models.CharField(max_length=20)
        aprobadas_por = models.ForeignKey(
            get_user_model(), on_delete=models.PROTECT, related_name="+"
        )

        class Meta:
            app_label = "organizacion"

        def __str__(self):
            return str(self.empleado)

    esperados = [
        "organizacion.Vacaciones.aprobadas_por",
        "organizacion.Vacaciones.empleado",
    ]
    assert proteccion_datos.enlaces_sin_exportar([Vacaciones]) == esperados
    assert proteccion_datos.campos_sin_tratamiento([Vacaciones]) == sorted(
        [*esperados, "organizacion.Vacaciones.telefono_contacto"]
    )


def test_las_respuestas_de_encuesta_constan_como_anonimas_y_no_como_datos_personales():
    declarados = {c for t in proteccion_datos.tratamientos() for c in t.campos}
    assert "encuestas.Respuesta.comentario" not in declarados
    motivo = str(proteccion_datos.no_personales()["encuestas.Respuesta.comentario"])
    assert "anónimas" in motivo
    assert not any(c.startswith("encuestas.RespuestaItem.") for c in declarados)


# --- The export ZIP read back ---------------------------------------------------


def _zip(empleado) -> zipfile.ZipFile:
    destino = io.BytesIO()
    proteccion_datos.escribir_exportacion(empleado, destino)
    destino.seek(0)
    return zipfile.ZipFile(destino)


def _csv(zf: zipfile.ZipFile, nombre: str) -> list[list[str]]:
    texto = zf.read(nombre).decode("utf-8").removeprefix("\ufeff")
    return list(csv.reader(io.StringIO(texto), delimiter=";"))


def _texto_pdf(contenido: bytes) -> str:
    return " ".join(
        " ".join(p.extract_text().split())
        for p in PdfReader(io.BytesIO(contenido)).pages
    )


@pytest.fixture
def lucia(db):
    # A second level above the supervisor reviews appeals.
    coordinador = EmpleadoFactory(usuario__roles=["empleado", "supervisor"])
    jefa = EmpleadoFactory(
        nombre="Rosa",
        apellidos="Jefa Prieto",
        usuario__roles=["empleado", "supervisor"],
        oficina=coordinador.oficina,
        supervisor=coordinador,
    )
    return EmpleadoFactory(
        identificador="E-7788",
        nombre="Lucía",
        apellidos="Martín Gómez",
        usuario__username="lmartin",
        usuario__email="lucia@ventanilla.example",
        oficina=jefa.oficina,
        supervisor=jefa,
    )


@pytest.mark.django_db
def test_el_zip_trae_perfil_y_formacion_con_el_pdf_del_certificado(lucia):
    curso, lecciones, _p = curso_con_lecciones(
        n_lecciones=1, tipo_certificado="asistencia", title="Atención telefónica"
    )
    matricula = formacion_services.matricular(
        empleado=lucia, curso=curso, origen="propia"
    )
    formacion_services.completar_leccion(matricula=matricula, leccion=lecciones[0])
    certificado = formacion_services.generar_pdf(
        certificado=matricula.certificados.get()
    )
    externa = FormacionExterna(
        empleado=lucia,
        titulo="Lengua de signos",
        entidad="INAP",
        horas=Decimal("20"),
        modalidad="presencial",
        fecha_inicio=date(2025, 3, 1),
        fecha_fin=date(2025, 3, 31),
    )
    externa.evidencia.save("diploma.pdf", ContentFile(b"%PDF-1.4 evidencia"))
    # Someone else's course must not leak in.
    otra = EmpleadoFactory(oficina=lucia.oficina)
    formacion_services.matricular(empleado=otra, curso=curso, origen="propia")

    zf = _zip(lucia)

    perfil = dict(_csv(zf, "organizacion/perfil.csv")[1:])
    assert perfil["Identificador"] == "E-7788"
    assert perfil["Nombre"] == "Lucía" and perfil["Apellidos"] == "Martín Gómez"
    assert perfil["Usuario"] == "lmartin"
    assert perfil["Correo electrónico"] == "lucia@ventanilla.example"
    assert perfil["Supervisor/a"] == "Rosa Jefa Prieto"
    assert perfil["Oficina"] == str(lucia.oficina)

    matriculas = _csv(zf, "formacion/matriculas.csv")
    assert matriculas[0][:3] == ["Matrícula", "Curso", "Origen"]
    assert [(f[0], f[1], f[5]) for f in matriculas[1:]] == [
        (str(matricula.pk), "Atención telefónica", "Completada")
    ]
    progreso = _csv(zf, "formacion/progreso_lecciones.csv")[1:]
    assert [(f[0], f[2]) for f in progreso] == [(str(matricula.pk), lecciones[0].title)]

    certificados = _csv(zf, "formacion/certificados.csv")[1:]
    nombre_pdf = f"formacion/certificados/certificado-{certificado.pk}.pdf"
    assert [(f[0], f[1], f[2], f[3], f[-1]) for f in certificados] == [
        (
            certificado.codigo,
            "Atención telefónica",
            "Lucía Martín Gómez",
            "E-7788",
            nombre_pdf,
        )
    ]
    texto = _texto_pdf(zf.read(nombre_pdf))
    assert "Lucía Martín Gómez" in texto and "Atención telefónica" in texto

    externas = _csv(zf, "formacion/formacion_externa.csv")[1:]
    evidencia = f"formacion/externa/evidencia-{externa.pk}.pdf"
    assert len(externas) == 1 and Decimal(externas[0][2]) == 20
    assert externas[0][:2] + externas[0][3:] == [
        "Lengua de signos",
        "INAP",
        "Presencial",
        "2025-03-01",
        "2025-03-31",
        "",
        evidencia,
    ]
    assert zf.read(evidencia) == b"%PDF-1.4 evidencia"
    assert "LEEME.txt" in zf.namelist()
    assert "Lucía Martín Gómez (E-7788)" in zf.read("LEEME.txt").decode()


@pytest.mark.django_db
def test_el_zip_trae_evaluacion_enviada_alegacion_y_valoraciones(lucia):
    campana = CampanaFactory(oficinas=[lucia.oficina], nombre="Evaluación 2025")
    evaluacion_services.abrir_campana(campana=campana)
    ev = Evaluacion.objects.get(campana=campana, empleado=lucia)
    datos = {
        p.competencia_id: {"nivel": 2, "evidencia": "Observación directa"}
        for p in ev.puntuaciones.all()
    }
    ev = evaluacion_services.guardar_puntuaciones(
        evaluacion=ev, version=ev.version, datos=datos, por=ev.evaluador.usuario
    )
    ev = evaluacion_services.enviar_evaluacion(
        evaluacion=ev, version=ev.version, por=ev.evaluador.usuario
    )
    ev = evaluacion_services.alegar_evaluacion(
        evaluacion=ev,
        version=ev.version,
        texto="No estoy de acuerdo",
        por=lucia.usuario,
    )
    respuesta = responder_con(
        lucia.oficina, SAT_ALTA, comentario="Muy amable", empleado=lucia
    )

    zf = _zip(lucia)

    evaluaciones = _csv(zf, "evaluacion/evaluaciones.csv")[1:]
    assert [(f[0], f[1], f[6], f[7]) for f in evaluaciones] == [
        (str(ev.pk), "Evaluación 2025", "Rosa Jefa Prieto", "Alegada")
    ]
    puntuaciones = _csv(zf, "evaluacion/puntuaciones.csv")[1:]
    assert len(puntuaciones) == ev.puntuaciones.count() > 0
    assert {(f[4], f[5]) for f in puntuaciones} == {("2", "Observación directa")}
    alegaciones = _csv(zf, "evaluacion/alegaciones.csv")[1:]
    assert [(f[0], f[3]) for f in alegaciones] == [(str(ev.pk), "No estoy de acuerdo")]
    assert [f[1] for f in _csv(zf, "encuestas/comentarios.csv")[1:]] == [
        respuesta.canal.nombre
    ]
    assert _csv(zf, "encuestas/comentarios.csv")[1][2] == "Muy amable"
    assert _csv(zf, "encuestas/valoraciones_por_mes.csv")[1:] == [
        [respuesta.fecha.strftime("%Y-%m"), "1"]
    ]
    assert Atencion.objects.filter(empleado=lucia).count() == len(
        _csv(zf, "encuestas/atenciones.csv")[1:]
    )
    # Records that name Lucía as the actor: only her appeal in the audit log;
    # her supervisor's zip names the evaluation she scored, without Lucía's data.
    apelacion = AuditoriaEvaluacion.objects.get(usuario=lucia.usuario)
    referencias = _csv(zf, proteccion_datos.FICHERO_REFERENCIAS)[1:]
    assert referencias == [["registro de auditoría", str(apelacion.pk), "usuario"]]
    jefa = _zip(ev.evaluador)
    assert [r[0] for r in _csv(jefa, proteccion_datos.FICHERO_REFERENCIAS)[1:]].count(
        "evaluación"
    ) == 1
    assert not any(b"No estoy de acuerdo" in jefa.read(n) for n in jefa.namelist())


@pytest.mark.django_db
def test_el_contacto_de_una_alerta_no_sale_en_el_zip_de_quien_la_atiende(lucia):
    respuesta = responder_con(lucia.oficina, {**SAT_ALTA, "SAT": "1"}, empleado=lucia)
    Alerta.objects.create(
        respuesta=respuesta,
        oficina=lucia.oficina,
        responsable=lucia,
        plazo=respuesta.hora,
        contacto="600123123",
        puntuacion=1,
    )
    zf = _zip(lucia)
    alertas = _csv(zf, "encuestas/alertas_a_su_cargo.csv")[1:]
    assert len(alertas) == 1
    assert not any(
        "600123123" in zf.read(n).decode("utf-8", "replace") for n in zf.namelist()
    )


@pytest.mark.django_db
def test_un_fichero_perdido_en_el_almacen_se_anota_y_no_rompe_la_exportacion(lucia):
    externa = FormacionExterna(
        empleado=lucia,
        titulo="Primeros auxilios",
        entidad="Cruz Roja",
        horas=Decimal("4"),
        modalidad="presencial",
        fecha_inicio=date(2025, 5, 1),
        fecha_fin=date(2025, 5, 1),
    )
    externa.evidencia.save("perdido.pdf", ContentFile(b"x"))
    externa.evidencia.storage.delete(externa.evidencia.name)
    zf = _zip(lucia)
    nombre = f"formacion/externa/evidencia-{externa.pk}.pdf"
    assert nombre not in zf.namelist()
    assert nombre in zf.read("LEEME.txt").decode()


def _consultas(empleado) -> int:
    with CaptureQueriesContext(connection) as contexto:
        _zip(empleado)
    return len(contexto.captured_queries)


@pytest.mark.django_db
def test_las_consultas_no_crecen_con_el_historial(lucia):
    curso, lecciones, _p = curso_con_lecciones(
        n_lecciones=1, tipo_certificado="asistencia"
    )
    m = formacion_services.matricular(empleado=lucia, curso=curso, origen="propia")
    formacion_services.completar_leccion(matricula=m, leccion=lecciones[0])
    responder_con(lucia.oficina, SAT_ALTA, comentario="Bien", empleado=lucia)
    una_vez = _consultas(lucia)
    for _ in range(4):
        curso, lecciones, _p = curso_con_lecciones(
            n_lecciones=2, tipo_certificado="asistencia"
        )
        m = formacion_services.matricular(empleado=lucia, curso=curso, origen="propia")
        for leccion in lecciones:
            formacion_services.completar_leccion(matricula=m, leccion=leccion)
        responder_con(lucia.oficina, SAT_ALTA, comentario="Bien", empleado=lucia)
    assert Matricula.objects.filter(empleado=lucia).count() == 5
    assert _consultas(lucia) == una_vez
