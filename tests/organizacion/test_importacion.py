"""Importing the staff from files as Excel writes them: every error reported by
line and column, all or nothing, re-import updates, Excel's quirks."""

import csv as csvlib
import io
from datetime import date, datetime

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from openpyxl import Workbook

from organizacion.models import Empleado, Oficina, Servicio
from organizacion.services import importar_plantilla
from tests.factories import EmpleadoFactory, OficinaFactory, PuestoFactory

pytestmark = pytest.mark.django_db


CAB_EMPLEADOS = [
    "Identificador",
    "Nombre",
    "Apellidos",
    "Correo electrónico",
    "Oficina",
    "Puesto",
    "Supervisor",
    "Canales",
    "Fecha de alta",
    "Fecha de baja",
]


def csv(filas, sep=";", encoding="utf-8-sig", fin="\r\n") -> bytes:
    """As Excel writes it: quotes only around cells holding the separator."""
    salida = io.StringIO()
    csvlib.writer(salida, delimiter=sep, lineterminator=fin).writerows(filas)
    return salida.getvalue().encode(encoding)


def xlsx(hojas: dict[str, list[list]]) -> bytes:
    libro = Workbook()
    libro.remove(libro.active)
    for titulo, filas in hojas.items():
        hoja = libro.create_sheet(titulo)
        for fila in filas:
            hoja.append(fila)
    salida = io.BytesIO()
    libro.save(salida)
    return salida.getvalue()


def importar(contenido, nombre="plantilla.csv", tipo="auto", simular=False):
    return importar_plantilla(
        fichero=contenido, nombre=nombre, tipo=tipo, por=None, simular=simular
    )


def posiciones(informe):
    return {(e.linea, e.columna.split(" ")[0]) for e in informe.errores}


@pytest.fixture
def base(db):
    """An office and a job profile already in the database."""
    return {
        "oficina": OficinaFactory(codigo_dir3="O00000001", nombre="OAC Centro"),
        "puesto": PuestoFactory(codigo="informador", nombre="Informador/a"),
    }


def fila_empleado(
    ident,
    nombre="Ana",
    apellidos="López Gil",
    oficina="O00000001",
    puesto="informador",
    supervisor="",
    canales="presencial",
    alta="01/09/2015",
    baja="",
    email=None,
):
    return [
        ident,
        nombre,
        apellidos,
        email if email is not None else f"{ident.lower()}@x.example",
        oficina,
        puesto,
        supervisor,
        canales,
        alta,
        baja,
    ]


def test_oficinas_csv_de_excel_con_bom_y_punto_y_coma(db):
    contenido = csv(
        [
            [
                "Código DIR3",
                "Nombre",
                "Provincia",
                "Municipio",
                "Canales",
                "Unidad superior",
                "Activa",
            ],
            [
                "o00000011",
                "OAC Triana",
                "Sevilla",
                "Sevilla",
                "presencial, telefónico",
                "A00000010",
                "sí",
            ],
            [
                "A00000010",
                "Dirección Territorial",
                "41",
                "Sevilla",
                "Presencial; Telemático",
                "",
                "SI",
            ],
        ]
    )
    assert contenido.startswith(b"\xef\xbb\xbf")
    informe = importar(contenido, "oficinas.csv")
    assert informe.ok, informe.lineas()
    triana = Oficina.objects.get(codigo_dir3="O00000011")
    assert triana.provincia == "41"
    assert triana.unidad_superior.codigo_dir3 == "A00000010"  # a row further down
    assert {c.codigo for c in triana.canales.all()} == {"presencial", "telefonico"}
    sede = Oficina.objects.get(codigo_dir3="A00000010")
    assert {c.codigo for c in sede.canales.all()} == {"presencial", "telematico"}
    assert informe.recuentos["oficinas"].creados == 2


def test_csv_en_windows_1252_con_comas_y_cabeceras_sin_tildes_ni_mayusculas(db):
    contenido = csv(
        [
            ["CODIGO DIR3", "nombre", "PROVINCIA", "municipio"],
            ["O00000021", "Oficina de Écija", "Sevilla", "Écija"],
            ["O00000022", "Oficina de Alcalá, Henares", "28", "Alcalá de Henares"],
        ],
        sep=",",
        encoding="cp1252",
    )
    informe = importar(contenido, "oficinas.csv")
    assert informe.ok, informe.lineas()
    assert Oficina.objects.get(codigo_dir3="O00000021").municipio == "Écija"
    assert (
        Oficina.objects.get(codigo_dir3="O00000022").nombre
        == "Oficina de Alcalá, Henares"
    )


def test_servicios_con_sia_y_canales(db):
    contenido = csv(
        [
            ["Código", "Nombre", "Código SIA", "Canales"],
            ["padron", "Empadronamiento", "201001", "presencial, telemático"],
            ["cita", "Cita previa", "", "teléfono"],
        ]
    )
    informe = importar(contenido, "servicios.csv")
    assert informe.ok, informe.lineas()
    assert Servicio.objects.get(codigo="padron").codigo_sia == "201001"
    assert [c.codigo for c in Servicio.objects.get(codigo="cita").canales.all()] == [
        "telefonico"
    ]


def test_xlsx_con_numeros_como_decimales_fechas_como_celdas_y_filas_vacias_al_final(
    base,
):
    contenido = xlsx(
        {
            "Oficinas": [
                ["Código DIR3", "Nombre", "Provincia", "Municipio"],
                ["O00000031", "OAC Getafe", 28.0, "Getafe"],
                ["O00000032", "OAC Vitoria", 1.0, "Vitoria-Gasteiz"],
                [None, None, None, None],
                ["", None, "", None],
            ],
            "Empleados": [
                CAB_EMPLEADOS,
                [
                    1234.0,
                    "Marta",
                    "Ruiz Gil",
                    "marta@x.example",
                    "O00000031",
                    "informador",
                    None,
                    "presencial",
                    datetime(2015, 9, 1),
                    None,
                ],
                [
                    "E2",
                    "Pablo",
                    "Sanz",
                    None,
                    "o00000032",
                    "Informador/a",
                    1234.0,
                    "presencial",
                    42248,
                    datetime(2030, 1, 31, 0, 0),
                ],
                [None] * 10,
                [None] * 10,
            ],
        }
    )
    informe = importar(contenido, "plantilla.xlsx")
    assert informe.ok, informe.lineas()
    assert Oficina.objects.get(codigo_dir3="O00000031").provincia == "28"
    assert Oficina.objects.get(codigo_dir3="O00000032").provincia == "01"
    marta = Empleado.objects.get(identificador="1234")
    assert marta.fecha_alta == date(2015, 9, 1)
    assert marta.oficina.codigo_dir3 == "O00000031"
    pablo = Empleado.objects.get(identificador="E2")
    assert pablo.supervisor == marta
    assert pablo.fecha_alta == date(2015, 9, 1)  # Excel serial 42248
    assert pablo.fecha_baja == date(2030, 1, 31)
    assert informe.recuentos["empleados"].filas == 2


def test_fechas_en_dd_mm_aaaa_e_iso(base):
    contenido = csv(
        [
            CAB_EMPLEADOS,
            fila_empleado("F1", alta="1/9/2015", baja="31/12/2030"),
            fila_empleado("F2", alta="2015-09-01", baja="2030-12-31 00:00:00"),
        ]
    )
    informe = importar(contenido, "empleados.csv")
    assert informe.ok, informe.lineas()
    for ident in ("F1", "F2"):
        persona = Empleado.objects.get(identificador=ident)
        assert (persona.fecha_alta, persona.fecha_baja) == (
            date(2015, 9, 1),
            date(2030, 12, 31),
        )


def test_los_csv_con_lineas_finales_vacias_o_solo_separadores(base):
    contenido = (
        csv([CAB_EMPLEADOS, fila_empleado("G1"), [""] * 10, [""] * 10]) + b"\r\n\r\n"
    )
    informe = importar(contenido, "empleados.csv")
    assert informe.ok, informe.lineas()
    assert informe.recuentos["empleados"].filas == 1


def test_todos_los_errores_con_su_linea_y_columna_y_nada_se_guarda(base):
    antes = (Empleado.objects.count(), get_user_model().objects.count())
    contenido = csv(
        [
            CAB_EMPLEADOS,
            fila_empleado("OK1"),  # 2: good
            fila_empleado("M1", email="sin-arroba", oficina="O99999999"),  # 3: D, E
            fila_empleado("M2", nombre="", puesto="no-existe"),  # 4: B, F
            fila_empleado(
                "M3", canales="presencial, fax", alta="31/02/2020"
            ),  # 5: H, I
            fila_empleado(
                "M4", supervisor="NADIE", alta="01/01/2020", baja="01/01/2019"
            ),  # 6: G, J
            fila_empleado("M5", supervisor="M5"),  # 7: G
            fila_empleado("OK1", apellidos="Repetida"),  # 8: A
            fila_empleado("M6", alta="01/09/15"),  # 9: I (two-digit year)
        ]
    )
    informe = importar(contenido, "empleados.csv")
    assert not informe.ok
    assert posiciones(informe) == {
        (3, "D"),
        (3, "E"),
        (4, "B"),
        (4, "F"),
        (5, "H"),
        (5, "I"),
        (6, "G"),
        (6, "J"),
        (7, "G"),
        (8, "A"),
        (9, "I"),
    }
    textos = [str(e) for e in informe.errores]
    assert (
        "empleados.csv, línea 3, columna E (Oficina): No hay ninguna oficina"
        in textos[1]
    )
    assert any("«fax»" in t for t in textos)
    assert any("31/02/2020" in t for t in textos)
    assert (Empleado.objects.count(), get_user_model().objects.count()) == antes


def test_una_sola_fila_mala_impide_guardar_las_buenas(
    base, django_capture_on_commit_callbacks
):
    filas = [CAB_EMPLEADOS] + [fila_empleado(f"B{i}") for i in range(5)]
    filas.append(fila_empleado("B9", oficina="O00000999"))
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        informe = importar(csv(filas), "empleados.csv")
    assert posiciones(informe) == {(7, "E")}
    assert not Empleado.objects.filter(identificador__startswith="B").exists()
    assert not get_user_model().objects.filter(username__startswith="b").exists()
    assert callbacks == [] and mail.outbox == []


def test_faltan_columnas_obligatorias_y_se_avisa_de_las_desconocidas(base):
    contenido = csv(
        [
            ["Identificador", "Nombre", "Oficina", "Color favorito"],
            ["X1", "Ana", "O00000001", "azul"],
        ]
    )
    informe = importar(contenido, "empleados.csv", tipo="empleados")
    faltan = {e.mensaje for e in informe.errores if e.linea == 1}
    assert any("Apellidos" in m for m in faltan) and any("Puesto" in m for m in faltan)
    assert any("Color favorito" in a for a in informe.avisos)


@pytest.mark.parametrize(
    "contenido,nombre,texto",
    [
        (b"", "vacio.csv", "vacío"),
        (b"\xd0\xcf\x11\xe0 viejo formato", "antiguo.xls", ".xlsx"),
        (b"PK\x03\x04roto", "roto.xlsx", "No se puede leer el libro"),
        (b"\xef\xbb\xbfa;b\r\n1;2\r\n", "raro.csv", "No se reconoce"),
    ],
)
def test_ficheros_ilegibles_dan_un_error_claro(db, contenido, nombre, texto):
    informe = importar(contenido, nombre)
    assert not informe.ok
    assert texto in informe.errores[0].mensaje
    assert informe.errores[0].linea == 1


def test_ciclo_de_supervisores_dentro_del_fichero(base):
    contenido = csv(
        [
            CAB_EMPLEADOS,
            fila_empleado("C1", supervisor="C3"),
            fila_empleado("C2", supervisor="C1"),
            fila_empleado("C3", supervisor="C2"),
            fila_empleado("C4", supervisor="C1"),
        ]
    )
    informe = importar(contenido, "empleados.csv")
    assert posiciones(informe) == {(2, "G"), (3, "G"), (4, "G")}
    assert all("ciclo" in e.mensaje for e in informe.errores)
    assert not Empleado.objects.filter(identificador__startswith="C").exists()


def test_ciclo_entre_el_fichero_y_la_base_de_datos(base):
    jefa = EmpleadoFactory(identificador="J1")
    EmpleadoFactory(identificador="J2", supervisor=jefa)
    contenido = csv([CAB_EMPLEADOS, fila_empleado("J1", supervisor="J2")])
    informe = importar(contenido, "empleados.csv")
    assert posiciones(informe) == {(2, "G")}
    assert "J1 → J2 → J1" in informe.errores[0].mensaje


def test_una_reorganizacion_que_invierte_la_jerarquia_no_es_un_ciclo(base):
    jefa = EmpleadoFactory(identificador="R1")
    EmpleadoFactory(identificador="R2", supervisor=jefa)
    contenido = csv(
        [
            CAB_EMPLEADOS,
            fila_empleado("R1", supervisor="R2"),
            fila_empleado("R2", supervisor=""),
        ]
    )
    informe = importar(contenido, "empleados.csv")
    assert informe.ok, informe.lineas()
    assert Empleado.objects.get(identificador="R1").supervisor.identificador == "R2"
    assert Empleado.objects.get(identificador="R2").supervisor is None


def test_oficina_que_depende_de_una_inexistente_o_de_si_misma(db):
    contenido = csv(
        [
            ["Código DIR3", "Nombre", "Provincia", "Municipio", "Unidad superior"],
            ["O00000041", "A", "28", "Madrid", "O00000049"],
            ["O00000042", "B", "Marte", "Madrid", "O00000042"],
            ["X1", "C", "28", "Madrid", ""],
        ]
    )
    informe = importar(contenido, "oficinas.csv")
    assert posiciones(informe) == {(2, "E"), (3, "C"), (3, "E"), (4, "A")}
    assert Oficina.objects.count() == 0


def test_reimportar_actualiza_sin_duplicar(base, django_capture_on_commit_callbacks):
    filas = [CAB_EMPLEADOS, fila_empleado("P1"), fila_empleado("P2", supervisor="P1")]
    with django_capture_on_commit_callbacks(execute=True):
        primera = importar(csv(filas), "empleados.csv")
    assert primera.recuentos["empleados"].creados == 2
    assert len(mail.outbox) == 2  # the welcome e-mails, once committed
    usuarios = get_user_model().objects.count()

    filas[2] = fila_empleado(
        "P2", apellidos="Nuevo Apellido", supervisor="P1", canales="telefónico"
    )
    with django_capture_on_commit_callbacks(execute=True):
        segunda = importar(csv(filas), "empleados.csv")
    assert segunda.ok, segunda.lineas()
    r = segunda.recuentos["empleados"]
    assert (r.creados, r.actualizados, r.sin_cambios) == (0, 1, 1)
    assert Empleado.objects.filter(identificador__in=["P1", "P2"]).count() == 2
    assert get_user_model().objects.count() == usuarios
    p2 = Empleado.objects.get(identificador="P2")
    assert p2.apellidos == "Nuevo Apellido"
    assert p2.usuario.last_name == "Nuevo Apellido"
    assert [c.codigo for c in p2.canales.all()] == ["telefonico"]
    assert len(mail.outbox) == 2  # no second welcome


def test_reimportar_oficinas_por_dir3_actualiza(db):
    OficinaFactory(codigo_dir3="O00000051", nombre="Nombre viejo", municipio="Madrid")
    contenido = csv(
        [
            ["DIR3", "Nombre", "Provincia", "Municipio"],
            ["o00000051", "Nombre nuevo", "28", "Madrid"],
        ]
    )
    informe = importar(contenido, "oficinas.csv")
    assert informe.recuentos["oficinas"].actualizados == 1
    assert (
        Oficina.objects.filter(codigo_dir3="O00000051").get().nombre == "Nombre nuevo"
    )
    assert Oficina.objects.count() == 1


def test_las_columnas_ausentes_no_cambian_lo_guardado(base):
    persona = EmpleadoFactory(
        identificador="K1",
        oficina=base["oficina"],
        puesto=base["puesto"],
        canales=["telefonico"],
    )
    contenido = csv(
        [
            ["Identificador", "Nombre", "Apellidos", "Oficina", "Puesto"],
            ["K1", persona.nombre, persona.apellidos, "O00000001", "informador"],
        ]
    )
    informe = importar(contenido, "empleados.csv")
    assert informe.recuentos["empleados"].sin_cambios == 1
    assert [c.codigo for c in persona.canales.all()] == ["telefonico"]


def test_nuevos_tienen_usuario_sin_contrasena_y_perfiles(base):
    contenido = csv(
        [
            CAB_EMPLEADOS + ["Perfiles"],
            fila_empleado("N1") + ["calidad"],
            fila_empleado("N2", supervisor="N1") + [""],
        ]
    )
    informe = importar(contenido, "empleados.csv")
    assert informe.ok, informe.lineas()
    n1 = Empleado.objects.get(identificador="N1").usuario
    assert n1.username == "n1" and n1.email == "n1@x.example"
    assert not n1.has_usable_password()
    # Everyone is an employee; whoever has a team becomes a supervisor.
    assert set(n1.groups.values_list("name", flat=True)) == {
        "empleado",
        "supervisor",
        "calidad",
    }
    n2 = Empleado.objects.get(identificador="N2").usuario
    assert set(n2.groups.values_list("name", flat=True)) == {"empleado"}


def test_un_usuario_de_otra_persona_no_se_reutiliza(base):
    EmpleadoFactory(identificador="OTRA", usuario__username="u1")
    contenido = csv([CAB_EMPLEADOS + ["Usuario"], fila_empleado("U1") + ["u1"]])
    informe = importar(contenido, "empleados.csv")
    assert posiciones(informe) == {(2, "K")}
    assert "OTRA" in informe.errores[0].mensaje


def test_simular_comprueba_y_cuenta_sin_guardar(
    base, django_capture_on_commit_callbacks
):
    contenido = csv([CAB_EMPLEADOS, fila_empleado("S1"), fila_empleado("S2")])
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        informe = importar(contenido, "empleados.csv", simular=True)
    assert informe.ok and informe.simulado and not informe.guardado
    assert informe.recuentos["empleados"].creados == 2
    assert not Empleado.objects.filter(identificador__in=["S1", "S2"]).exists()
    assert callbacks == [] and mail.outbox == []


def test_no_se_apropia_de_una_cuenta_existente_sin_ficha(base):
    admin = get_user_model().objects.create_superuser("admin", "admin@x.example", "x")
    contenido = csv([CAB_EMPLEADOS, fila_empleado("ADMIN", email="atacante@x.example")])
    informe = importar(contenido, "empleados.csv")
    assert posiciones(informe) == {(2, "A")}
    assert "ya existe" in informe.errores[0].mensaje
    admin.refresh_from_db()
    assert admin.email == "admin@x.example"


def test_reimportar_no_cambia_el_correo_ni_el_usuario_de_una_cuenta(base):
    persona = EmpleadoFactory(
        identificador="Z1", usuario__email="z1@x.example", oficina=base["oficina"]
    )
    contenido = csv(
        [
            CAB_EMPLEADOS + ["Usuario"],
            fila_empleado("Z1", email="otro@x.example") + ["otro-login"],
        ]
    )
    informe = importar(contenido, "empleados.csv")
    assert informe.ok, informe.lineas()
    persona.usuario.refresh_from_db()
    assert persona.usuario.email == "z1@x.example"
    assert persona.usuario.username != "otro-login"
    assert len(informe.avisos) == 2
    assert "línea 2, columna D (Correo electrónico)" in informe.avisos[0]


def test_solo_un_superusuario_concede_perfiles_de_direccion_o_calidad(
    base, usuario_calidad
):
    filas = [CAB_EMPLEADOS + ["Perfiles"], fila_empleado("Y1") + ["direccion"]]
    informe = importar_plantilla(
        fichero=csv(filas), nombre="e.csv", tipo="auto", por=usuario_calidad
    )
    assert posiciones(informe) == {(2, "K")}
    superusuario = get_user_model().objects.create_superuser("raiz", "r@x.example", "x")
    informe = importar_plantilla(
        fichero=csv(filas), nombre="e.csv", tipo="auto", por=superusuario
    )
    assert informe.ok, informe.lineas()
    assert (
        Empleado.objects.get(identificador="Y1")
        .usuario.groups.filter(name="direccion")
        .exists()
    )


def test_un_libro_con_una_hoja_de_instrucciones_la_ignora_con_aviso(base):
    contenido = xlsx(
        {
            "Instrucciones": [["Rellene la hoja Empleados"]],
            "Empleados": [CAB_EMPLEADOS, fila_empleado("H1")],
        }
    )
    informe = importar(contenido, "libro.xlsx")
    assert informe.ok, informe.lineas()
    assert any("Instrucciones" in a for a in informe.avisos)
    assert Empleado.objects.filter(identificador="H1").exists()


# --- short write transactions (SQLite has a single write lock) ----------------------


def _commits_con_escrituras(monkeypatch, funcion):
    """Runs `funcion` counting the INSERT/UPDATE statements of each committed
    transaction (outside a test transaction, so atomic blocks really commit)."""
    from django.db import connection

    por_transaccion, actual = [], [0]

    def contar(execute, sql, params, many, context):
        if sql.lstrip().upper().startswith(("INSERT", "UPDATE")):
            actual[0] += 1
        return execute(sql, params, many, context)

    commit = connection.commit

    def commit_contado():
        commit()
        if actual[0]:
            por_transaccion.append(actual[0])
            actual[0] = 0

    monkeypatch.setattr(connection, "commit", commit_contado)
    with connection.execute_wrapper(contar):
        resultado = funcion()
    return resultado, por_transaccion, actual[0]


@pytest.mark.django_db(transaction=True)
def test_una_importacion_grande_escribe_en_transacciones_cortas(base, monkeypatch):
    from organizacion.services.importacion import FILAS_POR_TRANSACCION

    n = 2 * FILAS_POR_TRANSACCION + 7
    contenido = csv([CAB_EMPLEADOS] + [fila_empleado(f"T{i:04d}") for i in range(n)])
    informe, por_transaccion, sin_commit = _commits_con_escrituras(
        monkeypatch, lambda: importar(contenido, "empleados.csv")
    )
    assert informe.guardado, informe.lineas()
    assert Empleado.objects.filter(identificador__startswith="T").count() == n
    assert sin_commit == 0
    # Each new person is a handful of statements; no transaction holds them all.
    assert len(por_transaccion) >= 3
    assert max(por_transaccion) < 10 * FILAS_POR_TRANSACCION


@pytest.mark.django_db(transaction=True)
def test_simular_no_escribe_nada(base, monkeypatch):
    contenido = csv([CAB_EMPLEADOS, fila_empleado("S1"), fila_empleado("S2")])
    informe, por_transaccion, sin_commit = _commits_con_escrituras(
        monkeypatch, lambda: importar(contenido, "empleados.csv", simular=True)
    )
    assert informe.ok and informe.recuentos["empleados"].creados == 2
    assert por_transaccion == [] and sin_commit == 0


def test_un_csv_mal_formado_mas_abajo_de_la_cabecera_da_un_solo_error(base):
    """The rows are read as they are checked: a broken line far down still
    leaves one clear error, and nothing is written."""
    filas = [CAB_EMPLEADOS] + [fila_empleado(f"E{i:03d}") for i in range(50)]
    filas.append(fila_empleado("E999", nombre="x" * 200_000))  # over csv's limit
    informe = importar(csv(filas))
    assert len(informe.errores) == 1
    assert "mal formado" in informe.errores[0].mensaje
    assert not Empleado.objects.exists()


def test_los_errores_guardados_tienen_un_tope_y_se_cuentan_los_demas(base):
    """A file of wrong rows keeps the first MAX_ERRORES errors, not one per cell
    of every row in memory, and says how many more there are."""
    from organizacion.importacion.validacion import MAX_ERRORES

    filas = [CAB_EMPLEADOS] + [
        fila_empleado(f"E{i:04d}", puesto="inexistente") for i in range(MAX_ERRORES + 5)
    ]
    informe = importar(csv(filas), simular=True)
    assert len(informe.errores) == MAX_ERRORES
    assert any("5 errores más" in aviso for aviso in informe.avisos)
