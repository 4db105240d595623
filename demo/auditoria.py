"""A few rows of the personal-data access log, so the DPD's page shows
something on first sign-in. Idempotent: only into an empty log."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from auditoria.models import AccesoDatos
from evaluacion.models import Evaluacion
from organizacion.models import Empleado
from organizacion.selectors import roles_de

C, A = AccesoDatos.Categoria, AccesoDatos.Accion


def sembrar(stdout=None) -> dict:
    if AccesoDatos.objects.exists():
        return {"accesos": 0}
    usuarios = {
        u.username: u
        for u in get_user_model().objects.filter(
            username__in=["supervisor", "direccion"]
        )
    }
    empleada = Empleado.objects.filter(usuario__username="empleada").first()
    if empleada is None or "supervisor" not in usuarios:
        return {"accesos": 0}
    ev = Evaluacion.objects.filter(empleado=empleada).order_by("-pk").first()
    ahora = timezone.now()
    # (hours ago, who, category, action, path, object, subject)
    pasos = [
        (26, "supervisor", C.EXPEDIENTE, A.VER, "/formacion/equipo/", None, None),
        (
            25,
            "supervisor",
            C.EXPORTACION,
            A.EXPORTAR,
            "/formacion/equipo/exportar.csv",
            None,
            None,
        ),
        (6, "direccion", C.COMENTARIOS, A.VER, "/encuestas/comentarios/", None, None),
        (
            5,
            "direccion",
            C.EXPORTACION,
            A.EXPORTAR,
            "/encuestas/exportar.csv",
            None,
            None,
        ),
    ]
    if ev is not None:
        ruta = f"/evaluacion/evaluaciones/{ev.pk}/"
        pasos += [
            (50, "supervisor", C.EVALUACION, A.VER, ruta, ev, empleada),
            (49, "supervisor", C.EVALUACION, A.DESCARGAR, ruta + "pdf/", ev, empleada),
            (30, "direccion", C.EVALUACION, A.VER, ruta, ev, empleada),
        ]
    filas = [
        AccesoDatos(
            fecha=ahora - timedelta(hours=horas),
            usuario=usuarios[nombre],
            usuario_nombre=nombre,
            roles=",".join(sorted(roles_de(usuarios[nombre]))),
            accion=accion,
            categoria=categoria,
            objeto_tipo=objeto._meta.label_lower if objeto else "",
            objeto_id=str(objeto.pk) if objeto else "",
            sujeto=sujeto,
            sujeto_identificador=sujeto.identificador if sujeto else "",
            ruta=ruta,
            metodo="GET",
        )
        for horas, nombre, categoria, accion, ruta, objeto, sujeto in sorted(pasos)
        if nombre in usuarios
    ]
    AccesoDatos.objects.bulk_create(filas)
    if stdout is not None:
        stdout.write(f"Registro de accesos: {len(filas)} accesos de ejemplo.")
    return {"accesos": len(filas)}
