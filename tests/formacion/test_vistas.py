import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from formacion import services
from formacion.models import Intento, Matricula
from tests.factories import EmpleadoFactory, curso_con_lecciones

pytestmark = pytest.mark.django_db


@pytest.fixture
def escenario(db):
    jefa = EmpleadoFactory(usuario__roles=["empleado", "supervisor"])
    empleada = EmpleadoFactory(supervisor=jefa)
    otro = EmpleadoFactory()
    curso, lecciones, _p = curso_con_lecciones(
        n_lecciones=2, tipo_certificado="asistencia", obligatorio=True, validez_meses=12
    )
    matricula = services.matricular(empleado=empleada, curso=curso, origen="asignacion")
    for leccion in lecciones:
        services.completar_leccion(matricula=matricula, leccion=leccion)
    certificado = matricula.certificados.get()
    services.generar_pdf(certificado=certificado)
    certificado.refresh_from_db()
    return {
        "jefa": jefa,
        "empleada": empleada,
        "otro": otro,
        "curso": curso,
        "lecciones": lecciones,
        "matricula": matricula,
        "certificado": certificado,
    }


def test_curso_y_leccion_exigen_sesion(client, escenario):
    respuesta = client.get(escenario["curso"].url)
    assert respuesta.status_code == 302 and "/cuenta/login/" in respuesta["Location"]
    respuesta = client.get(escenario["lecciones"][0].url)
    assert respuesta.status_code == 302


def test_pagina_de_curso_muestra_progreso_y_certificado(client, escenario):
    client.force_login(escenario["empleada"].usuario)
    respuesta = client.get(escenario["curso"].url)
    assert respuesta.status_code == 200
    texto = respuesta.content.decode()
    assert "2 de 2 lecciones completadas" in texto
    assert "Descargar el certificado" in texto


def test_leccion_marca_completada_y_reanuda_donde_lo_dejo(client, escenario):
    empleado = EmpleadoFactory()
    curso, lecciones, _p = curso_con_lecciones(
        n_lecciones=3, tipo_certificado="asistencia"
    )
    services.matricular(empleado=empleado, curso=curso, origen="propia")
    client.force_login(empleado.usuario)
    respuesta = client.get(lecciones[1].url)
    assert "Marcar como completada" in respuesta.content.decode()
    respuesta = client.get(curso.url)
    assert "Empezar el curso</a>" not in respuesta.content.decode()
    assert lecciones[1].title in respuesta.context["progreso"]["siguiente"].title
    respuesta = client.post(
        reverse("formacion:completar_leccion", args=[lecciones[0].pk])
    )
    assert respuesta.status_code == 302
    assert Matricula.objects.get(empleado=empleado).progresos.count() == 1


def test_cuestionario_sin_js_con_plazo_del_servidor(client):
    empleado = EmpleadoFactory()
    curso, lecciones, _p = curso_con_lecciones(
        n_lecciones=1, n_preguntas=2, preguntas_por_intento=2, tiempo_limite_minutos=15
    )
    services.matricular(empleado=empleado, curso=curso, origen="propia")
    client.force_login(empleado.usuario)
    respuesta = client.post(reverse("formacion:iniciar_cuestionario", args=[curso.pk]))
    intento = Intento.objects.get()
    assert respuesta["Location"] == reverse("formacion:intento", args=[intento.pk])
    pagina = client.get(respuesta["Location"]).content.decode()
    assert "Envía tus respuestas antes de las" in pagina
    assert 'aria-live="polite"' in pagina
    datos = {}
    for r in intento.respuestas.select_related("version"):
        datos[f"p{r.pk}"] = [o.pk for o in r.version.opciones.all() if o.correcta]
    respuesta = client.post(reverse("formacion:intento", args=[intento.pk]), datos)
    assert respuesta.status_code == 302
    intento.refresh_from_db()
    assert intento.aprobado
    # The same form posted again is not scored twice.
    client.post(reverse("formacion:intento", args=[intento.pk]), {})
    intento.refresh_from_db()
    assert intento.nota == 100


def test_opcion_manipulada_da_400_con_mensaje(client):
    empleado = EmpleadoFactory()
    curso, _l, _p = curso_con_lecciones(
        n_lecciones=1, n_preguntas=2, preguntas_por_intento=2
    )
    matricula = services.matricular(empleado=empleado, curso=curso, origen="propia")
    intento = services.iniciar_intento(matricula=matricula)
    r1, r2 = intento.respuestas.select_related("version")
    client.force_login(empleado.usuario)
    url = reverse("formacion:intento", args=[intento.pk])
    ajena = r2.version.opciones.first().pk
    respuesta = client.post(url, {f"p{r1.pk}": ajena})
    assert respuesta.status_code == 400
    assert "no pertenece a la pregunta" in respuesta.content.decode()
    assert client.post(url, {f"p{r1.pk}": "abc"}).status_code == 400


def test_intento_ajeno_prohibido(client, escenario):
    curso, _l, _p = curso_con_lecciones(n_lecciones=1)
    matricula = services.matricular(
        empleado=escenario["empleada"], curso=curso, origen="propia"
    )
    intento = services.iniciar_intento(matricula=matricula)
    client.force_login(escenario["otro"].usuario)
    assert (
        client.get(reverse("formacion:intento", args=[intento.pk])).status_code == 403
    )


@pytest.mark.parametrize(
    "quien,esperado",
    [
        ("empleada", 200),
        ("jefa", 200),
        ("otro", 403),
        ("calidad", 200),
        ("direccion", 200),
    ],
)
def test_matriz_permisos_descarga_certificado(
    client, escenario, usuario_calidad, usuario_direccion, quien, esperado
):
    usuarios = {
        "empleada": escenario["empleada"].usuario,
        "jefa": escenario["jefa"].usuario,
        "otro": escenario["otro"].usuario,
        "calidad": usuario_calidad,
        "direccion": usuario_direccion,
    }
    client.force_login(usuarios[quien])
    url = reverse("formacion:descargar_certificado", args=[escenario["certificado"].pk])
    assert client.get(url).status_code == esperado


@pytest.mark.parametrize(
    "nombre,roles,esperado",
    [
        ("formacion:equipo", ["empleado"], 403),
        ("formacion:equipo", ["empleado", "supervisor"], 200),
        ("formacion:equipo", ["empleado", "direccion"], 200),
        ("formacion:asignar", ["empleado"], 403),
        ("formacion:asignar", ["empleado", "supervisor"], 200),
        ("formacion:asignar", ["empleado", "calidad"], 200),
        ("formacion:estadisticas", ["empleado", "supervisor"], 403),
        ("formacion:estadisticas", ["empleado", "calidad"], 200),
        ("formacion:mi_formacion", ["empleado"], 200),
    ],
)
def test_matriz_permisos_pantallas(client, nombre, roles, esperado):
    client.force_login(EmpleadoFactory(usuario__roles=roles).usuario)
    assert client.get(reverse(nombre)).status_code == esperado


def test_anonimo_va_al_login_en_pantallas_internas(client):
    for nombre in (
        "formacion:mi_formacion",
        "formacion:equipo",
        "formacion:estadisticas",
    ):
        respuesta = client.get(reverse(nombre))
        assert (
            respuesta.status_code == 302 and "/cuenta/login/" in respuesta["Location"]
        )


def test_revocar_solo_calidad(client, escenario, usuario_calidad):
    url = reverse("formacion:revocar", args=[escenario["certificado"].pk])
    client.force_login(escenario["jefa"].usuario)
    assert (
        client.post(url, {"motivo": "No procede", "accion": "revocar"}).status_code
        == 403
    )
    client.force_login(usuario_calidad)
    assert client.post(url, {"motivo": "", "accion": "revocar"}).status_code == 400
    respuesta = client.post(url, {"motivo": "Emitido por error", "accion": "revocar"})
    assert respuesta.status_code == 302
    pagina = client.get(respuesta["Location"]).content.decode()
    assert "Revocado" in pagina and "Emitido por error" in pagina


def test_verificacion_publica_muestra_todo_y_sirve_el_original(client, escenario):
    c = escenario["certificado"]
    respuesta = client.get(reverse("formacion:verificar", args=[c.codigo]))
    assert respuesta.status_code == 200
    texto = respuesta.content.decode()
    for dato in (
        c.nombre_persona,
        c.titulo_curso,
        c.codigo,
        c.sha256,
        "Válido",
        c.fecha_inicio.strftime("%d/%m/%Y"),
        c.valido_hasta.strftime("%d/%m/%Y"),
    ):
        assert dato in texto
    pdf = client.get(reverse("formacion:verificar_pdf", args=[c.codigo]))
    contenido = b"".join(pdf.streaming_content)
    import hashlib

    assert hashlib.sha256(contenido).hexdigest() == c.sha256


def test_verificacion_caducado_y_codigo_desconocido(client, escenario):
    c = escenario["certificado"]
    type(c).objects.filter(pk=c.pk).update(
        valido_hasta=timezone.localdate() - timedelta(days=1)
    )
    assert (
        "Caducado"
        in client.get(reverse("formacion:verificar", args=[c.codigo])).content.decode()
    )
    respuesta = client.get(
        reverse("formacion:verificar", args=["AAAA-BBBB-CCCC-DDDD-EEEE-FFFF"])
    )
    assert respuesta.status_code == 404
    assert c.nombre_persona not in respuesta.content.decode()
    assert (
        client.get(reverse("formacion:verificar_pdf", args=["NOPE"])).status_code == 404
    )


def test_exportaciones_del_equipo(client, escenario):
    client.force_login(escenario["jefa"].usuario)
    csv = client.get(reverse("formacion:equipo_exportar", args=["csv"]))
    texto = csv.content.decode("utf-8-sig")
    assert escenario["empleada"].apellidos in texto and "Al día" in texto
    assert escenario["otro"].apellidos not in texto
    xlsx = client.get(reverse("formacion:equipo_exportar", args=["xlsx"]))
    hoja = load_workbook(io.BytesIO(xlsx.content)).active
    assert hoja.cell(1, 6).value == escenario["curso"].title
    assert hoja.cell(2, 1).value == escenario["empleada"].apellidos
    assert (
        client.get(reverse("formacion:equipo_exportar", args=["pdf"])).status_code
        == 404
    )


def test_mi_formacion_y_expediente(client, escenario):
    client.force_login(escenario["empleada"].usuario)
    respuesta = client.get(reverse("formacion:mi_formacion"))
    assert respuesta.context["horas_este_anio"] == 10
    assert escenario["certificado"].codigo in respuesta.content.decode()
    pdf = client.get(reverse("formacion:expediente_pdf"))
    assert pdf["Content-Type"] == "application/pdf"
    from pypdf import PdfReader

    texto = " ".join(
        " ".join(p.extract_text().split())
        for p in PdfReader(io.BytesIO(pdf.content)).pages
    )
    assert escenario["curso"].title in texto
    assert escenario["certificado"].codigo in texto.replace(" ", "")


def test_supervisor_asigna_solo_a_su_equipo(client, escenario):
    client.force_login(escenario["jefa"].usuario)
    curso, _l, _p = curso_con_lecciones(n_lecciones=1)
    plazo = (timezone.localdate() + timedelta(days=20)).isoformat()
    respuesta = client.post(
        reverse("formacion:asignar"),
        {
            "curso": curso.pk,
            "oficina": escenario["otro"].oficina_id,
            "plazo": plazo,
            "obligatoria": "1",
        },
    )
    assert respuesta.status_code == 302
    assert not Matricula.objects.filter(
        curso=curso, empleado=escenario["otro"]
    ).exists()
    respuesta = client.post(reverse("formacion:asignar"), {"curso": "x"})
    assert respuesta.status_code == 400
