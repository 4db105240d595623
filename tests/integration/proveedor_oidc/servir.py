"""Start the provider: `python -m tests.integration.proveedor_oidc.servir PUERTO
REDIRECT_URI` creates its database, people and client, then serves on
127.0.0.1:PUERTO until terminated (one request at a time is enough here)."""

import os
import sys
from wsgiref.simple_server import WSGIRequestHandler, make_server


class _Silencioso(WSGIRequestHandler):
    def log_message(self, *args):
        pass


def main(puerto: int, redirect_uri: str) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.integration.proveedor_oidc.settings"
    os.environ["PROVEEDOR_OIDC_EMISOR"] = f"http://127.0.0.1:{puerto}/o"
    import django

    django.setup()
    from django.contrib.auth.models import Group, User
    from django.core.management import call_command
    from django.core.wsgi import get_wsgi_application
    from oauth2_provider.models import get_application_model

    from .usuarios import CLIENTE_ID, CLIENTE_SECRETO, USUARIOS

    call_command("migrate", verbosity=0)
    for username, datos in USUARIOS.items():
        usuario = User.objects.create_user(
            username,
            email=f"{username}@ventanilla.test",
            password=datos["clave"],
            first_name=datos["nombre"],
            last_name=datos["apellidos"],
        )
        for nombre in datos["grupos"]:
            usuario.groups.add(Group.objects.get_or_create(name=nombre)[0])
    Application = get_application_model()
    Application.objects.create(
        name="Ventanilla",
        client_id=CLIENTE_ID,
        client_secret=CLIENTE_SECRETO,
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris=redirect_uri,
        algorithm=Application.RS256_ALGORITHM,
        skip_authorization=True,
    )
    servidor = make_server(
        "127.0.0.1", puerto, get_wsgi_application(), handler_class=_Silencioso
    )
    print("listo", flush=True)
    servidor.serve_forever()


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2])
