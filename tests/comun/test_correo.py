"""The e-mail backend of development and the pilot: readable files under
var/correo/, an index, and one log line per batch instead of the messages."""

import logging

from django.core import mail
from django.core.mail import EmailMessage


def test_cada_correo_es_un_fichero_legible_con_indice_y_una_linea_de_registro(
    settings, tmp_path, caplog
):
    settings.EMAIL_BACKEND = "comun.correo.CorreoEnArchivo"
    settings.EMAIL_FILE_PATH = str(tmp_path)
    mensajes = [
        EmailMessage(
            f"Evaluación nº {n}",
            f"Hola, Lucía:\n\nSu evaluación {n} está disponible.",
            "Ventanilla <no-responder@ventanilla.local>",
            [f"persona{n}@ventanilla.example"],
        )
        for n in range(3)
    ]
    with caplog.at_level(logging.INFO, logger="comun.correo"):
        with mail.get_connection() as conexion:
            assert conexion.send_messages(mensajes) == 3

    ficheros = sorted(tmp_path.glob("*/*.eml"))
    assert len(ficheros) == 3
    texto = ficheros[0].read_text(encoding="utf-8")
    assert "To: persona" in texto and "Hola, Lucía:" in texto  # 8-bit UTF-8 body
    indice = (ficheros[0].parent / "indice.txt").read_text(encoding="utf-8")
    lineas = indice.splitlines()
    assert len(lineas) == 3
    assert all("Evaluación nº" in linea for linea in lineas)  # subject decoded
    assert {linea.split("\t")[-1] for linea in lineas} == {f.name for f in ficheros}
    registros = [r for r in caplog.records if r.name == "comun.correo"]
    assert len(registros) == 1 and "3 correo(s)" in registros[0].getMessage()
