"""The provider's people: password, staff number and groups."""

CLIENTE_ID = "ventanilla"
CLIENTE_SECRETO = "secreto-del-cliente-ventanilla"

USUARIOS = {
    "ana": {
        "clave": "clave-de-ana",
        "nombre": "Ana",
        "apellidos": "Ruiz",
        "employee_number": "E-001",
        "grupos": ["ventanilla-personal", "ventanilla-calidad"],
    },
    "luis": {
        "clave": "clave-de-luis",
        "nombre": "Luis",
        "apellidos": "Gil",
        "employee_number": "E-002",
        "grupos": ["ventanilla-personal", "ventanilla-direccion"],
    },
    "sinficha": {
        "clave": "clave-sin-ficha",
        "nombre": "Sin",
        "apellidos": "Ficha",
        "employee_number": "E-999",
        "grupos": ["ventanilla-personal"],
    },
}
