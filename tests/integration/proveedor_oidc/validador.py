"""The claims an administration's provider sends: names, e-mail, the staff
number and the groups (as Active Directory or Keycloak would)."""

from oauth2_provider.oauth2_validators import OAuth2Validator

from .usuarios import USUARIOS


class Validador(OAuth2Validator):
    # Every claim for every scope: the test is about Ventanilla's side.
    oidc_claim_scope = None

    def get_additional_claims(self, request):
        usuario = request.user
        datos = USUARIOS.get(usuario.username, {})
        return {
            "preferred_username": usuario.username,
            "given_name": usuario.first_name,
            "family_name": usuario.last_name,
            "email": usuario.email,
            "employee_number": datos.get("employee_number", ""),
            "groups": list(usuario.groups.values_list("name", flat=True)),
        }
