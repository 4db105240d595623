"""Authentication backends for the organisation's directory.

Both find the user through the imported Empleado's identifier (never by
username or e-mail, which directories reuse) and set the roles their groups map
to on every login. A refusal is told to the person through the messages
framework, since a backend can only answer "no user".
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django_auth_ldap.backend import LDAPBackend
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from .services.acceso import AccesoRechazado, sincronizar_roles, usuario_del_directorio


def _avisar(request, error: AccesoRechazado) -> None:
    if request is not None and hasattr(request, "_messages"):
        messages.error(request, str(error))


def _roles(grupos, mapa: dict[str, str]) -> set[str]:
    return {mapa[g] for g in grupos if g in mapa}


class DirectorioLDAPBackend(LDAPBackend):
    """LDAP / Active Directory (django-auth-ldap)."""

    def get_or_build_user(self, username, ldap_user):
        # attrs is case-insensitive (django-auth-ldap decodes it into a cidict).
        atributo = settings.ACCESO_LDAP_ATRIBUTO_IDENTIFICADOR
        valores = (ldap_user.attrs or {}).get(atributo) or [""]
        try:
            usuario = usuario_del_directorio(
                identificador=valores[0],
                username=username,
                exigir_empleado=settings.ACCESO_EXIGIR_EMPLEADO,
            )
        except AccesoRechazado as error:
            _avisar(ldap_user._request, error)
            raise ldap_user.AuthenticationFailed(str(error)) from None
        return usuario, False

    def authenticate_ldap_user(self, ldap_user, password):
        usuario = super().authenticate_ldap_user(ldap_user, password)
        if usuario is not None:
            mapa = settings.ACCESO_LDAP_GRUPOS_ROL
            sincronizar_roles(
                usuario=usuario,
                roles=_roles(ldap_user.group_dns, mapa),
                gestionados=set(mapa.values()),
            )
        return usuario


class DirectorioOIDCBackend(OIDCAuthenticationBackend):
    """OpenID Connect (mozilla-django-oidc), authorization code flow with PKCE."""

    def verify_claims(self, claims):
        return bool(claims.get("sub"))

    def filter_users_by_claims(self, claims):
        usuario = self._usuario(claims)
        return [usuario] if usuario is not None else []

    def create_user(self, claims):
        # Only reached when _usuario found nobody and already told why.
        return None

    def update_user(self, user, claims):
        cambios = {
            "first_name": claims.get("given_name"),
            "last_name": claims.get("family_name"),
            "email": claims.get("email"),
        }
        cambios = {k: v for k, v in cambios.items() if v and getattr(user, k) != v}
        if cambios:
            for campo, valor in cambios.items():
                setattr(user, campo, valor)
            user.save(update_fields=list(cambios))
        mapa = settings.ACCESO_OIDC_GRUPOS_ROL
        grupos = claims.get(settings.ACCESO_OIDC_CLAIM_GRUPOS) or []
        if isinstance(grupos, str):
            grupos = [grupos]
        sincronizar_roles(
            usuario=user, roles=_roles(grupos, mapa), gestionados=set(mapa.values())
        )
        return user

    def _usuario(self, claims):
        try:
            return usuario_del_directorio(
                identificador=str(
                    claims.get(settings.ACCESO_OIDC_CLAIM_IDENTIFICADOR) or ""
                ),
                username=str(claims.get("preferred_username") or claims["sub"])[:150],
                exigir_empleado=settings.ACCESO_EXIGIR_EMPLEADO,
            )
        except AccesoRechazado as error:
            _avisar(self.request, error)
            return None
