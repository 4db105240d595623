"""The supervisor's training screens show only what she may act on and the result
of every action (issue 11, "Recorridos sin tropiezos")."""

import re
from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from formacion import services
from formacion.models import Matricula, ReglaAsignacion
from tests.factories import EmpleadoFactory, OficinaFactory, curso_con_lecciones

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
