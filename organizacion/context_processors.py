from .models import IDIOMAS_PERSONAL
from .navegacion import menu_para
from .permissions import tiene_rol
from .selectors import roles_de


def navegacion(request):
    usuario = getattr(request, "user", None)
    if usuario is None or not usuario.is_authenticated:
        return {
            "menu": [],
            "roles_usuario": set(),
            "idiomas_personal": IDIOMAS_PERSONAL,
        }
    roles = roles_de(usuario)
    return {
        "idiomas_personal": IDIOMAS_PERSONAL,
        "menu": menu_para(roles, usuario.is_superuser),
        "roles_usuario": roles,
        "puede_cms": usuario.is_superuser or tiene_rol(usuario, "calidad"),
    }
