"""The staff's sign-in, read from the environment: local passwords, the
organisation's LDAP / Active Directory, its OpenID Connect provider, and the
TOTP second factor.

Everything is off unless configured, so `make run` and the tests without a
directory behave as local-password sign-in always did. `configurar(env)` returns
the settings to merge into config/settings.py.
"""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured

ROLES = ("empleado", "supervisor", "direccion", "calidad", "dpd")
TIPOS_DE_GRUPO = {
    "groupofnames": "GroupOfNamesType",
    "activedirectory": "NestedActiveDirectoryGroupType",
    "posix": "PosixGroupType",
}


def mapa_de_roles(texto: str, variable: str) -> dict[str, str]:
    """`grupo=rol;grupo=rol` -> {grupo: rol}. A group may be an LDAP DN, which
    has its own `=` and `,`: the role is what follows the last `=`."""
    mapa = {}
    for par in filter(None, (p.strip() for p in texto.split(";"))):
        grupo, separador, rol = par.rpartition("=")
        grupo, rol = grupo.strip(), rol.strip()
        if not separador or not grupo:
            raise ImproperlyConfigured(
                f"{variable}: «{par}» no tiene la forma grupo=rol (pares separados por ;)."
            )
        if rol not in ROLES:
            raise ImproperlyConfigured(
                f"{variable}: «{rol}» no es un rol; los roles son {', '.join(ROLES)}."
            )
        mapa[grupo] = rol
    return mapa


def _ldap(env) -> dict:
    import ldap
    from django_auth_ldap import config as ldap_config

    uri = env.str("ACCESO_LDAP_URI")
    usuarios_base = env.str("ACCESO_LDAP_USUARIOS_BASE", default="")
    grupos_base = env.str("ACCESO_LDAP_GRUPOS_BASE", default="")
    if not usuarios_base or not grupos_base:
        raise ImproperlyConfigured(
            "ACCESO_LDAP_URI necesita ACCESO_LDAP_USUARIOS_BASE y "
            "ACCESO_LDAP_GRUPOS_BASE (dónde buscar personas y grupos)."
        )
    tipo = env.str("ACCESO_LDAP_GRUPOS_TIPO", default="groupofnames").lower()
    if tipo not in TIPOS_DE_GRUPO:
        raise ImproperlyConfigured(
            f"ACCESO_LDAP_GRUPOS_TIPO: «{tipo}» no es uno de {', '.join(TIPOS_DE_GRUPO)}."
        )
    grupos_rol = mapa_de_roles(
        env.str("ACCESO_LDAP_GRUPOS_ROL", default=""), "ACCESO_LDAP_GRUPOS_ROL"
    )
    return {
        "AUTH_LDAP_SERVER_URI": uri,
        "AUTH_LDAP_BIND_DN": env.str("ACCESO_LDAP_BIND_DN", default=""),
        "AUTH_LDAP_BIND_PASSWORD": env.str("ACCESO_LDAP_BIND_PASSWORD", default=""),
        "AUTH_LDAP_START_TLS": env.bool("ACCESO_LDAP_STARTTLS", default=False),
        # A directory that does not answer must not hang the login page.
        "AUTH_LDAP_CONNECTION_OPTIONS": {
            ldap.OPT_NETWORK_TIMEOUT: 5,
            ldap.OPT_TIMEOUT: 10,
            ldap.OPT_REFERRALS: 0,
        },
        "AUTH_LDAP_USER_SEARCH": ldap_config.LDAPSearch(
            usuarios_base,
            ldap.SCOPE_SUBTREE,
            env.str("ACCESO_LDAP_USUARIOS_FILTRO", default="(uid=%(user)s)"),
        ),
        "AUTH_LDAP_GROUP_SEARCH": ldap_config.LDAPSearch(
            grupos_base, ldap.SCOPE_SUBTREE, "(objectClass=*)"
        ),
        "AUTH_LDAP_GROUP_TYPE": getattr(ldap_config, TIPOS_DE_GRUPO[tipo])(),
        "AUTH_LDAP_USER_ATTR_MAP": {
            "first_name": "givenName",
            "last_name": "sn",
            "email": "mail",
        },
        # Roles come from ACCESO_LDAP_GRUPOS_ROL only, never from mirroring
        # every directory group into Django.
        "AUTH_LDAP_MIRROR_GROUPS": False,
        "ACCESO_LDAP_ATRIBUTO_IDENTIFICADOR": env.str(
            "ACCESO_LDAP_ATRIBUTO_IDENTIFICADOR", default="employeeNumber"
        ),
        "ACCESO_LDAP_GRUPOS_ROL": {dn.lower(): rol for dn, rol in grupos_rol.items()},
    }


def _oidc(env) -> dict:
    requeridas = {
        "OIDC_RP_CLIENT_ID": "ACCESO_OIDC_CLIENTE_ID",
        "OIDC_OP_AUTHORIZATION_ENDPOINT": "ACCESO_OIDC_AUTORIZACION_URL",
        "OIDC_OP_TOKEN_ENDPOINT": "ACCESO_OIDC_TOKEN_URL",
        "OIDC_OP_USER_ENDPOINT": "ACCESO_OIDC_USUARIO_URL",
        "OIDC_OP_JWKS_ENDPOINT": "ACCESO_OIDC_JWKS_URL",
    }
    valores = {
        "OIDC_RP_CLIENT_ID": env.str("ACCESO_OIDC_CLIENTE_ID", default=""),
        "OIDC_OP_AUTHORIZATION_ENDPOINT": env.str(
            "ACCESO_OIDC_AUTORIZACION_URL", default=""
        ),
        "OIDC_OP_TOKEN_ENDPOINT": env.str("ACCESO_OIDC_TOKEN_URL", default=""),
        "OIDC_OP_USER_ENDPOINT": env.str("ACCESO_OIDC_USUARIO_URL", default=""),
        "OIDC_OP_JWKS_ENDPOINT": env.str("ACCESO_OIDC_JWKS_URL", default=""),
    }
    faltan = [requeridas[k] for k, v in valores.items() if not v]
    if faltan:
        raise ImproperlyConfigured(
            "ACCESO_OIDC_EMISOR necesita también: " + ", ".join(faltan) + "."
        )
    return {
        **valores,
        "OIDC_RP_CLIENT_SECRET": env.str("ACCESO_OIDC_CLIENTE_SECRETO", default=""),
        "OIDC_RP_SIGN_ALGO": "RS256",
        "OIDC_RP_SCOPES": env.str("ACCESO_OIDC_SCOPES", default="openid email profile"),
        "OIDC_USE_PKCE": True,
        "OIDC_CREATE_USER": True,
        "LOGIN_REDIRECT_URL_FAILURE": "/cuenta/login/",
        "ACCESO_OIDC_EMISOR": env.str("ACCESO_OIDC_EMISOR"),
        "ACCESO_OIDC_CLAIM_IDENTIFICADOR": env.str(
            "ACCESO_OIDC_CLAIM_IDENTIFICADOR", default="employee_number"
        ),
        "ACCESO_OIDC_CLAIM_GRUPOS": env.str(
            "ACCESO_OIDC_CLAIM_GRUPOS", default="groups"
        ),
        "ACCESO_OIDC_GRUPOS_ROL": mapa_de_roles(
            env.str("ACCESO_OIDC_GRUPOS_ROL", default=""), "ACCESO_OIDC_GRUPOS_ROL"
        ),
    }


def configurar(env) -> dict:
    """The sign-in settings: backends, LDAP and OIDC settings, TOTP policy."""
    ajustes: dict = {
        "ACCESO_LDAP": bool(env.str("ACCESO_LDAP_URI", default="")),
        "ACCESO_OIDC": bool(env.str("ACCESO_OIDC_EMISOR", default="")),
        # A directory identity with no imported Empleado is refused unless the
        # administration allows people outside the staff list.
        "ACCESO_EXIGIR_EMPLEADO": env.bool("ACCESO_EXIGIR_EMPLEADO", default=True),
        "TOTP_OBLIGATORIO": env.bool("TOTP_OBLIGATORIO", default=False),
        "OTP_TOTP_ISSUER": env.str("TOTP_EMISOR", default="Ventanilla"),
    }
    # Axes first, as it asks: it refuses a locked-out username before any
    # backend (and the directory) is asked.
    backends = ["axes.backends.AxesStandaloneBackend"]
    if ajustes["ACCESO_LDAP"]:
        ajustes.update(_ldap(env))
        backends.append("organizacion.directorio.DirectorioLDAPBackend")
    if ajustes["ACCESO_OIDC"]:
        ajustes.update(_oidc(env))
        backends.append("organizacion.directorio.DirectorioOIDCBackend")
    if env.bool("ACCESO_LOCAL", default=True) or len(backends) == 1:
        backends.append("django.contrib.auth.backends.ModelBackend")
    ajustes["AUTHENTICATION_BACKENDS"] = backends
    return ajustes
