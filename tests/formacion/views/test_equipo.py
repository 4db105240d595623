"""The supervisor's training screens show only what she may act on and the result
of every action (issue 11, "Recorridos sin tropiezos")."""

import csv
import io
import re
from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from formacion import services
from formacion.models import (
    CursosIndexPage,
    FormacionExterna,
    Matricula,
    ProgresoLeccion,
    ReglaAsignacion,
)
from tests.factories import (
    EmpleadoFactory,
    OficinaFactory,
    crear_curso,
    crear_leccion,
    curso_con_lecciones,
)
from tests.organizacion.test_views import MAXIMO_INICIO

pytestmark = pytest.mark.django_db


@pytest.fixture
def equipo(db):
    mia = OficinaFactory(nombre="OAC Centro")
    ajena = OficinaFactory(nombre="OAC Norte")
    jefa = EmpleadoFactory(
        usuario__roles=["empleado", "supervisor"],
        oficina=mia,
        apellidos="Ortega Ruiz",
        nombre="Carmen",
    )
    lucia = EmpleadoFactory(
        supervisor=jefa, oficina=mia, apellidos="Martín Gómez", nombre="Lucía"
    )
    pedro = EmpleadoFactory(
        supervisor=jefa, oficina=mia, apellidos="Sanz Gil", nombre="Pedro"
    )
    otro = EmpleadoFactory(oficina=ajena, apellidos="Ajeno Pérez")
    return {
        "mia": mia,
        "ajena": ajena,
        "jefa": jefa,
        "lucia": lucia,
        "pedro": pedro,
        "otro": otro,
    }


def _asignar(client, curso, oficina, obligatoria=False):
    datos = {
        "curso": curso.pk,
        "oficina": oficina.pk,
        "plazo": (timezone.localdate() + timedelta(days=20)).isoformat(),
    }
    if obligatoria:
        datos["obligatoria"] = "1"
    return client.post(reverse("formacion:asignar"), datos)


@pytest.mark.parametrize("obligatoria", [True, False])
def test_curso_asignado_por_la_supervisora_aparece_en_la_matriz_del_equipo(
    client, equipo, obligatoria
):
    curso, _l, _p = curso_con_lecciones(n_lecciones=1, title="Lenguaje claro")
    client.force_login(equipo["jefa"].usuario)
    assert _asignar(client, curso, equipo["mia"], obligatoria).status_code == 302
    html = client.get(reverse("formacion:equipo")).content.decode()
    assert '<th scope="col">Lenguaje claro</th>' in html
    assert "Pendiente" in html


def test_la_lista_de_oficinas_solo_ofrece_las_de_su_equipo(client, equipo):
    client.force_login(equipo["jefa"].usuario)
    html = client.get(reverse("formacion:asignar")).content.decode()
    assert "OAC Centro" in html
    assert "OAC Norte" not in html


def test_oficina_fuera_de_su_equipo_da_400_con_mensaje_y_no_matricula(client, equipo):
    curso, _l, _p = curso_con_lecciones(n_lecciones=1)
    client.force_login(equipo["jefa"].usuario)
    respuesta = _asignar(client, curso, equipo["ajena"], obligatoria=True)
    assert respuesta.status_code == 400
    assert "no tiene personas de tu equipo" in respuesta.content.decode()
    assert not Matricula.objects.filter(curso=curso).exists()


def test_asignar_dice_cuantas_son_nuevas_y_quien_ya_estaba_matriculado(client, equipo):
    curso, _l, _p = curso_con_lecciones(n_lecciones=1)
    services.matricular(empleado=equipo["pedro"], curso=curso, origen="propia")
    client.force_login(equipo["jefa"].usuario)
    respuesta = _asignar(client, curso, equipo["mia"], obligatoria=True)
    assert respuesta.status_code == 302
    mensajes = [str(m) for m in get_messages(respuesta.wsgi_request)]
    assert mensajes == [
        f"«{curso.title}»: 1 matrícula nueva; 1 persona ya estaba matriculada "
        "o lo tiene al día: Pedro Sanz Gil."
    ], mensajes


@pytest.mark.parametrize(
    "datos, mensaje",
    [
        ({"curso": ""}, "Elige un curso."),
        ({"curso": "x"}, "Valor no válido en curso."),
        ({"curso": "999999"}, "No existe el elemento elegido en curso."),
        ({"oficina": "x"}, "Valor no válido en oficina."),
        ({"canal": "999999"}, "No existe el elemento elegido en canal."),
        ({"plazo": "el lunes"}, "La fecha límite no es una fecha válida."),
    ],
)
def test_asignar_con_datos_no_validos_da_400_con_el_mensaje_y_no_matricula(
    client, equipo, datos, mensaje
):
    curso, _l, _p = curso_con_lecciones(n_lecciones=1)
    client.force_login(equipo["jefa"].usuario)
    respuesta = client.post(reverse("formacion:asignar"), {"curso": curso.pk, **datos})
    assert respuesta.status_code == 400
    assert mensaje in respuesta.content.decode()
    assert not Matricula.objects.exists()


def test_asignar_como_regla_permanente_la_crea_con_el_plazo_en_dias_para_su_equipo(
    client, equipo
):
    curso, _l, _p = curso_con_lecciones(n_lecciones=1, title="Lenguaje claro")
    client.force_login(equipo["jefa"].usuario)
    respuesta = client.post(
        reverse("formacion:asignar"),
        {
            "curso": curso.pk,
            "plazo": (timezone.localdate() + timedelta(days=20)).isoformat(),
            "obligatoria": "1",
            "permanente": "1",
        },
    )
    assert respuesta.status_code == 302
    regla = ReglaAsignacion.objects.get()
    assert regla.nombre == "Asignación de Lenguaje claro"
    assert (regla.plazo_dias, regla.obligatoria, regla.activa) == (20, True, True)
    assert regla.equipo_de == equipo["jefa"]
    assert set(
        Matricula.objects.filter(regla=regla).values_list("empleado_id", flat=True)
    ) == {equipo["lucia"].pk, equipo["pedro"].pk}
    mensajes = [str(m) for m in get_messages(respuesta.wsgi_request)]
    assert mensajes == ["«Lenguaje claro»: 2 matrículas nuevas."], mensajes


def test_formacion_externa_registrada_se_ve_en_la_pagina_del_equipo(client, equipo):
    client.force_login(equipo["jefa"].usuario)
    respuesta = client.post(
        reverse("formacion:formacion_externa"),
        {
            "empleado": equipo["lucia"].pk,
            "titulo": "Jornada de accesibilidad",
            "entidad": "INAP",
            "horas": "6",
            "modalidad": "presencial",
            "fecha_inicio": "2026-03-02",
            "fecha_fin": "2026-03-03",
            "evidencia": SimpleUploadedFile("d.pdf", b"%PDF-1.4", "application/pdf"),
        },
    )
    assert respuesta.status_code == 302
    html = client.get(reverse("formacion:equipo")).content.decode()
    assert "Formación externa registrada" in html
    seccion = html.split("Formación externa registrada", 1)[1]
    texto = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", seccion))
    assert "Martín Gómez, Lucía" in texto
    assert "Jornada de accesibilidad" in texto
    assert "6,0 h" in texto or "6.0 h" in texto
    assert "03/03/2026" in texto
    # The evidence through its view (private storage, no /media/ link).
    externa = FormacionExterna.objects.get()
    enlace = reverse("formacion:evidencia_externa", args=[externa.pk])
    assert enlace in seccion and "/media/" not in seccion
    descarga = client.get(enlace)
    assert descarga.status_code == 200
    assert b"".join(descarga.streaming_content) == b"%PDF-1.4"
    assert descarga["Content-Disposition"].startswith("attachment")
    client.force_login(equipo["pedro"].usuario)  # a colleague, not her supervisor
    assert client.get(enlace).status_code == 403
    client.logout()
    assert client.get(enlace).status_code == 302
    assert (
        client.get(reverse("formacion:evidencia_externa", args=[999])).status_code
        == 302
    )


def test_panel_de_inicio_muestra_el_numero_de_matriculas_fuera_de_plazo(client, equipo):
    curso, _l, _p = curso_con_lecciones(n_lecciones=1)
    m = services.matricular(
        empleado=equipo["lucia"], curso=curso, origen="asignacion", obligatoria=True
    )
    Matricula.objects.filter(pk=m.pk).update(
        plazo=timezone.localdate() - timedelta(days=3)
    )
    client.force_login(equipo["jefa"].usuario)
    html = client.get(reverse("inicio")).content.decode()
    texto = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
    assert "1 matrículas fuera de plazo" in texto, texto
    assert reverse("formacion:equipo") + "?fuera_de_plazo=1" in html


def test_panel_de_inicio_muestra_cero_matriculas_fuera_de_plazo(client, equipo):
    client.force_login(equipo["jefa"].usuario)
    html = client.get(reverse("inicio")).content.decode()
    texto = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
    assert "0 matrículas fuera de plazo" in texto, texto


def test_el_filtro_fuera_de_plazo_muestra_solo_quien_tiene_algo_vencido(client, equipo):
    curso, _l, _p = curso_con_lecciones(n_lecciones=1, title="Atención telefónica")
    services.asignar(
        curso=curso,
        por=equipo["jefa"].usuario,
        equipo_de=equipo["jefa"],
        obligatoria=False,
    )
    Matricula.objects.filter(empleado=equipo["lucia"]).update(
        plazo=timezone.localdate() - timedelta(days=3)
    )
    client.force_login(equipo["jefa"].usuario)
    html = client.get(reverse("formacion:equipo") + "?fuera_de_plazo=1").content
    html = html.decode()
    assert "Martín Gómez, Lucía" in html
    assert "Sanz Gil, Pedro" not in html


@pytest.mark.parametrize(
    "roles, ve_acciones",
    [
        (["empleado", "supervisor"], True),
        (["empleado", "calidad"], True),
        (["empleado", "direccion"], False),
    ],
)
def test_la_pagina_del_equipo_solo_ofrece_las_acciones_que_se_pueden_hacer(
    client, equipo, roles, ve_acciones
):
    # Dirección reads the team matrix; a link to assign or to record external
    # training would lead it to a 403.
    usuario = (
        equipo["jefa"].usuario
        if "supervisor" in roles
        else EmpleadoFactory(usuario__roles=roles).usuario
    )
    client.force_login(usuario)
    html = client.get(reverse("formacion:equipo")).content.decode()
    for nombre in ("formacion:asignar", "formacion:formacion_externa"):
        url = reverse(nombre)
        assert (f'href="{url}"' in html) is ve_acciones, nombre
        assert client.get(url).status_code == (200 if ve_acciones else 403)


def _filas_csv(respuesta) -> list[list[str]]:
    texto = b"".join(respuesta.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(texto), delimiter=";"))


def _hoja_xlsx(respuesta):
    return load_workbook(io.BytesIO(b"".join(respuesta.streaming_content))).active


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


def test_exportaciones_del_equipo(client, escenario):
    client.force_login(escenario["jefa"].usuario)
    respuesta = client.get(reverse("formacion:equipo_exportar", args=["csv"]))
    filas = _filas_csv(respuesta)
    # Compare whole rows by the unique identifier, not substrings of the file.
    assert [f[2] for f in filas[1:]] == [escenario["empleada"].identificador]
    assert filas[1][0] == escenario["empleada"].apellidos
    assert filas[1][5] == "Al día"
    xlsx = client.get(reverse("formacion:equipo_exportar", args=["xlsx"]))
    hoja = _hoja_xlsx(xlsx)
    assert hoja.cell(1, 6).value == escenario["curso"].title
    assert hoja.cell(2, 1).value == escenario["empleada"].apellidos
    # The header in bold and in view, with the person's five columns.
    assert hoja.title == "Formación del equipo" and hoja.freeze_panes == "F2"
    assert hoja.cell(1, 1).font.bold and not hoja.cell(2, 1).font.bold
    hoy = f"{timezone.localdate():%Y%m%d}"
    assert respuesta["Content-Type"] == "text/csv; charset=utf-8"
    assert respuesta["Content-Disposition"] == (
        f'attachment; filename="formacion-equipo-{hoy}.csv"'
    )
    assert xlsx["Content-Disposition"] == (
        f'attachment; filename="formacion-equipo-{hoy}.xlsx"'
    )
    assert (
        client.get(reverse("formacion:equipo_exportar", args=["pdf"])).status_code
        == 404
    )


def test_la_exportacion_del_equipo_no_deja_pasar_formulas_a_la_hoja(client, escenario):
    # A cell starting with = + - @ would run as a formula in a spreadsheet.
    type(escenario["empleada"]).objects.filter(pk=escenario["empleada"].pk).update(
        apellidos='=HYPERLINK("http://ejemplo.invalid","Ver")',
        nombre="+34 600 000 000",
        identificador="-N000001",
    )
    type(escenario["curso"]).objects.filter(pk=escenario["curso"].pk).update(
        title="@SUMA(A1:A9)"
    )
    client.force_login(escenario["jefa"].usuario)
    respuesta = client.get(reverse("formacion:equipo_exportar", args=["csv"]))
    filas = _filas_csv(respuesta)
    assert filas[0][5] == "'@SUMA(A1:A9)"
    assert filas[1][:3] == [
        """'=HYPERLINK("http://ejemplo.invalid","Ver")""",
        "'+34 600 000 000",
        "'-N000001",
    ]
    assert filas[1][5] == "Al día"
    xlsx = client.get(reverse("formacion:equipo_exportar", args=["xlsx"]))
    hoja = _hoja_xlsx(xlsx)
    celda = hoja.cell(2, 1)
    assert celda.data_type == "s"
    assert celda.value == """'=HYPERLINK("http://ejemplo.invalid","Ver")"""
    assert hoja.cell(1, 6).value == "'@SUMA(A1:A9)"


def test_calidad_filtra_el_equipo_por_oficina_y_se_ignora_una_oficina_no_valida(
    client, escenario, usuario_calidad
):
    client.force_login(usuario_calidad)
    url = reverse("formacion:equipo")

    def personas(consulta):
        respuesta = client.get(url + consulta)
        return respuesta, {f["persona"].pk for f in respuesta.context["filas"]}

    oficina = escenario["otro"].oficina_id
    respuesta, filtradas = personas(f"?oficina={oficina}")
    assert filtradas == {escenario["otro"].pk}
    html = respuesta.content.decode()
    assert (
        reverse("formacion:equipo_exportar", args=["csv"]) + f"?oficina={oficina}"
        in html
    )
    _respuesta, todas = personas("?oficina=la-mia")
    assert {escenario["otro"].pk, escenario["empleada"].pk} <= todas


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
    # An office outside her team is refused with a message, not "0 new enrolments".
    assert respuesta.status_code == 400
    assert not Matricula.objects.filter(
        curso=curso, empleado=escenario["otro"]
    ).exists()
    respuesta = client.post(reverse("formacion:asignar"), {"curso": "x"})
    assert respuesta.status_code == 400


def test_supervisor_registra_formacion_externa_de_su_equipo(client, escenario):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from formacion.models import FormacionExterna

    client.force_login(escenario["jefa"].usuario)
    url = reverse("formacion:formacion_externa")
    assert client.get(url).status_code == 200
    datos = {
        "titulo": "Jornada de lenguaje claro",
        "entidad": "INAP",
        "horas": "6",
        "modalidad": "presencial",
        "fecha_inicio": "2026-03-02",
        "fecha_fin": "2026-03-03",
    }
    ajena = dict(
        datos,
        empleado=escenario["otro"].pk,
        evidencia=SimpleUploadedFile("d.pdf", b"%PDF-1.4", "application/pdf"),
    )
    assert client.post(url, ajena).status_code == 400
    propia = dict(
        datos,
        empleado=escenario["empleada"].pk,
        evidencia=SimpleUploadedFile("d.pdf", b"%PDF-1.4", "application/pdf"),
    )
    assert client.post(url, propia).status_code == 302
    externa = FormacionExterna.objects.get()
    assert externa.reconocida_por == escenario["jefa"].usuario and externa.reconocida_en
    client.force_login(escenario["otro"].usuario)
    assert client.get(url).status_code == 403


@pytest.fixture
def volumen(db, settings):
    """A 200-person team × 20 mandatory courses, with enrolments and progress."""
    # 200 users: a fast hasher keeps the fixture quick (passwords are not under test).
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    jefa = EmpleadoFactory(usuario__roles=["empleado", "supervisor"])
    equipo = [
        EmpleadoFactory(supervisor=jefa, oficina=jefa.oficina) for _ in range(200)
    ]
    cursos = [crear_curso(obligatorio=True, validez_meses=12) for _ in range(20)]
    lecciones = [crear_leccion(cursos[0]) for _ in range(15)]
    ahora = timezone.now()
    filas = []
    for i, persona in enumerate(equipo):
        for j, curso in enumerate(cursos):
            if (i + j) % 3 == 0:
                filas.append(
                    Matricula(
                        empleado=persona,
                        curso=curso,
                        origen="asignacion",
                        estado="completada",
                        completada_en=ahora - timedelta(days=(i * j) % 400),
                        iniciada_en=ahora - timedelta(days=400),
                        caduca_en=(
                            ahora + timedelta(days=((i + j) % 500) - 100)
                        ).date(),
                        obligatoria=True,
                    )
                )
            elif (i + j) % 3 == 1:
                filas.append(
                    Matricula(
                        empleado=persona,
                        curso=curso,
                        origen="asignacion",
                        estado="pendiente",
                        plazo=timezone.localdate() + timedelta(days=(i % 40) - 20),
                        obligatoria=True,
                    )
                )
    Matricula.objects.bulk_create(filas)
    yo = equipo[1]
    mia = Matricula.objects.get(empleado=yo, curso=cursos[0])
    ProgresoLeccion.objects.bulk_create(
        ProgresoLeccion(matricula=mia, leccion=le) for le in lecciones[:7]
    )
    return {"jefa": jefa, "yo": yo, "cursos": cursos, "lecciones": lecciones}


@pytest.mark.django_db
def test_consultas_acotadas_con_200_personas_y_20_cursos(
    client, volumen, django_assert_max_num_queries
):
    client.force_login(volumen["jefa"].usuario)
    with django_assert_max_num_queries(25):
        respuesta = client.get(reverse("formacion:equipo"))
    # The totals count all 200; the matrix shows a page of them (issue 14).
    assert respuesta.status_code == 200 and respuesta.context["n_personas"] == 200
    assert len(respuesta.context["filas"]) == 50
    with django_assert_max_num_queries(25):
        assert (
            client.get(reverse("formacion:equipo_exportar", args=["csv"])).status_code
            == 200
        )
    client.force_login(volumen["yo"].usuario)
    with django_assert_max_num_queries(20):
        respuesta = client.get(reverse("formacion:mi_formacion"))
    assert (
        respuesta.status_code == 200
        and len(respuesta.context["asignadas"]) + len(respuesta.context["completadas"])
        > 5
    )
    with django_assert_max_num_queries(20):
        respuesta = client.get(volumen["cursos"][0].url)
    assert respuesta.status_code == 200 and len(respuesta.context["lecciones"]) == 15
    with django_assert_max_num_queries(25):
        respuesta = client.get(volumen["lecciones"][9].url)
    assert (
        respuesta.status_code == 200 and respuesta.context["progreso"]["n_hechas"] == 7
    )
    with django_assert_max_num_queries(20):
        respuesta = client.get(CursosIndexPage.objects.get().url)
    assert len(respuesta.context["cursos"]) == 20
    # The home page carries every app's panels: the shared ceiling applies
    # (tests/organizacion/test_views.py also checks it does not grow with volume).
    with django_assert_max_num_queries(MAXIMO_INICIO):
        assert client.get(reverse("inicio")).status_code == 200


# Issue 14: the staff pages at 5,000 people. The same ceiling at N and 3N
# people (the `personal` fixture), for the role that sees the most.
MAXIMO_PERSONAL = 30


@pytest.mark.parametrize(
    "rol,nombre,args,consulta",
    [
        ("supervisor", "formacion:equipo", [], ""),
        ("supervisor", "formacion:equipo_exportar", ["xlsx"], ""),
        ("supervisor", "formacion:formacion_externa", [], ""),
        ("supervisor", "formacion:asignar", [], ""),
        ("calidad", "formacion:equipo", [], ""),
        ("calidad", "formacion:equipo", [], "?pagina=2"),
        ("calidad", "formacion:equipo", [], "?fuera_de_plazo=1"),
        ("calidad", "formacion:equipo", [], "?oficina={oficina}"),
        ("calidad", "formacion:equipo_exportar", ["csv"], ""),
        ("calidad", "formacion:equipo_exportar", ["xlsx"], ""),
        ("calidad", "formacion:estadisticas", [], ""),
        ("calidad", "formacion:asignar", [], ""),
        ("direccion", "formacion:equipo", [], ""),
    ],
)
def test_paginas_de_formacion_con_consultas_acotadas_a_n_y_3n(
    client, personal, django_assert_max_num_queries, rol, nombre, args, consulta
):
    client.force_login(personal["usuarios"][rol])
    url = reverse(nombre, args=args) + consulta.format(
        oficina=personal["org"].oficinas[0]
    )
    with django_assert_max_num_queries(MAXIMO_PERSONAL):
        respuesta = client.get(url)
        if respuesta.streaming:
            b"".join(respuesta.streaming_content)
    assert respuesta.status_code == 200


def test_la_matriz_de_toda_la_organizacion_va_por_paginas(client, personal):
    """Calidad sees everyone: a page of people at a time, the totals of all."""
    from formacion.views.equipo import POR_PAGINA

    client.force_login(personal["usuarios"]["calidad"])
    respuesta = client.get(reverse("formacion:equipo"))
    total = len(personal["org"].empleados)
    assert respuesta.context["n_personas"] == total
    assert len(respuesta.context["filas"]) == min(total, POR_PAGINA)
    if total > POR_PAGINA:
        segunda = client.get(reverse("formacion:equipo") + "?pagina=2")
        nombres = {f["persona"].pk for f in respuesta.context["filas"]}
        assert nombres.isdisjoint(f["persona"].pk for f in segunda.context["filas"])
        assert "pagina=2" in respuesta.content.decode()
    # The export is the whole scope, not a page.
    filas = list(
        csv.reader(
            io.StringIO(
                b"".join(
                    client.get(
                        reverse("formacion:equipo_exportar", args=["csv"])
                    ).streaming_content
                ).decode("utf-8-sig")
            ),
            delimiter=";",
        )
    )
    assert len(filas) == total + 1


def test_un_nombre_guardado_con_caracteres_de_control_no_rompe_la_exportacion(
    client, escenario
):
    # Imported before the edges checked them: openpyxl refused the whole sheet (500).
    type(escenario["empleada"]).objects.filter(pk=escenario["empleada"].pk).update(
        apellidos="\x01=Núñez\x0b"
    )
    client.force_login(escenario["jefa"].usuario)
    xlsx = client.get(reverse("formacion:equipo_exportar", args=["xlsx"]))
    assert xlsx.status_code == 200
    assert _hoja_xlsx(xlsx).cell(2, 1).value == "'=Núñez"
    filas = _filas_csv(client.get(reverse("formacion:equipo_exportar", args=["csv"])))
    assert filas[1][0] == "'=Núñez"
