"""The staff file the import benches read: a CSV as Spanish Excel writes it, with
one head per office and everyone else reporting to their office's head. No Django:
each bench sets its own environment before importing the project."""

import csv

CABECERA = [
    "Identificador",
    "Nombre",
    "Apellidos",
    "Correo electrónico",
    "Oficina",
    "Puesto",
    "Supervisor",
    "Canales",
    "Fecha de alta",
]


def escribir_plantilla(salida, n: int, oficinas: int, digitos: int = 5) -> None:
    """Write the header and `n` people to the text stream `salida`, row by row."""
    escritor = csv.writer(salida, delimiter=";", lineterminator="\r\n")
    escritor.writerow(CABECERA)
    for i in range(n):
        oficina = i % oficinas
        jefe = "" if i < oficinas else f"P{oficina:0{digitos}d}"
        escritor.writerow(
            [
                f"P{i:0{digitos}d}",
                "Persona",
                f"Número {i}",
                f"p{i}@bench.example",
                f"O{10000000 + oficina:08d}",
                "informador",
                jefe,
                "presencial, telefónico",
                "01/09/2015",
            ]
        )
