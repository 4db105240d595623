"""Tokens, keyed hashes and short-lived rate limits.

Nothing here stores a secret in clear: tokens, API keys, kiosk secrets,
contacts and IP addresses are kept (if at all) as HMAC-SHA256 with keys
derived from SECRET_KEY, one key per purpose, except contacts: their key is
ENCUESTAS_CLAVE_CONTACTO, a secret of its own, so that SECRET_KEY alone does not
turn the stored hashes back into phone numbers (all Spanish mobiles are a few
hundred million: a brute force of minutes).
"""

import hashlib
import hmac
import logging
import secrets

from django.conf import settings
from django.core.cache import DEFAULT_CACHE_ALIAS, caches
from django.core.cache.backends.redis import RedisCache

from comun.cache import ERRORES_DE_CACHE

logger = logging.getLogger("ventanilla.limites")

# Crockford-style base32 without look-alikes (no i, l, o, u): 13 chars = 65 bits.
ALFABETO = "0123456789abcdefghjkmnpqrstvwxyz"
LONGITUD_TOKEN = 13


def _clave(proposito: str) -> bytes:
    return hashlib.sha256(
        f"ventanilla.encuestas.{proposito}:{settings.SECRET_KEY}".encode()
    ).digest()


def hmac_hex(proposito: str, valor: str) -> str:
    return hmac.new(_clave(proposito), valor.encode(), hashlib.sha256).hexdigest()


def _base32(datos: bytes, longitud: int) -> str:
    numero = int.from_bytes(datos, "big")
    letras = []
    for _ in range(longitud):
        numero, resto = divmod(numero, 32)
        letras.append(ALFABETO[resto])
    return "".join(letras)


def nuevo_token() -> str:
    return "".join(secrets.choice(ALFABETO) for _ in range(LONGITUD_TOKEN))


def nueva_semilla() -> str:
    return secrets.token_hex(16)


def token_de_semilla(semilla: str) -> str:
    """Tokens the server must be able to re-issue (idempotent API replays, SMS
    sending by a worker) derive from a stored random seed with a secret key:
    neither the database nor the key alone reveals them."""
    return _base32(
        hmac.new(_clave("semilla"), semilla.encode(), hashlib.sha256).digest(),
        LONGITUD_TOKEN,
    )


def normalizar_token(token: str) -> str:
    return (token or "").strip().lower()


def hash_token(token: str) -> str:
    return hmac_hex("token", normalizar_token(token))


def hash_token_baja(token: str) -> str:
    """The unsubscribe link's token: a key of its own, so it never matches a survey
    token's hash."""
    return hmac_hex("baja", normalizar_token(token))


def token_valido(token: str) -> bool:
    token = normalizar_token(token)
    return len(token) == LONGITUD_TOKEN and all(c in ALFABETO for c in token)


def normalizar_contacto(contacto: str) -> str:
    contacto = (contacto or "").strip().lower()
    if "@" in contacto:
        return contacto
    digitos = "".join(c for c in contacto if c.isdigit())
    if digitos.startswith("0034"):
        digitos = digitos[4:]
    elif digitos.startswith("34") and len(digitos) == 11:
        digitos = digitos[2:]
    return digitos


def hash_contacto(contacto: str) -> str:
    return hmac.new(
        settings.ENCUESTAS_CLAVE_CONTACTO.encode(),
        normalizar_contacto(contacto).encode(),
        hashlib.sha256,
    ).hexdigest()


def hash_contacto_antiguo(contacto: str) -> str:
    """The derivation from SECRET_KEY used before ENCUESTAS_CLAVE_CONTACTO: only to
    find and rewrite opt-outs stored with it (ContactoHash.clave_antigua)."""
    return hmac_hex("contacto", normalizar_contacto(contacto))


def nueva_clave(prefijo: str = "vt") -> tuple[str, str, str]:
    """(clave completa, prefijo visible, hash)."""
    visible = secrets.token_hex(4)
    clave = f"{prefijo}_{visible}_{secrets.token_urlsafe(24)}"
    return clave, visible, hmac_hex("clave", clave)


def hash_clave(clave: str) -> str:
    return hmac_hex("clave", (clave or "").strip())


def clave_cache_integracion(clave_hash: str) -> str:
    """Cache key of an API key's integration and scope (encuestas.api)."""
    return f"enc:api:{clave_hash}"


def hash_ip(ip: str) -> str:
    # Only for a few minutes in the cache; never written to the database.
    return hmac_hex("ip", ip or "")[:32]


def limite_superado(espacio: str, sujeto: str, maximo: int, segundos: int) -> bool:
    """Fixed-window counter in the cache: True once `maximo` is exceeded.

    With the cache down the limit lets the request through (and logs it): it is
    defence in depth, tokens stay single-use, and a 500 would lose the answer."""
    if maximo <= 0:
        return False
    try:
        return _limite_superado(espacio, sujeto, maximo, segundos)
    except ERRORES_DE_CACHE as error:
        logger.warning(
            "Límite «%s» sin comprobar: caché no disponible (%s)", espacio, error
        )
        return False


def _limite_superado(espacio: str, sujeto: str, maximo: int, segundos: int) -> bool:
    clave = f"enc:lim:{espacio}:{sujeto}"
    backend = caches[DEFAULT_CACHE_ALIAS]
    if isinstance(backend, RedisCache):
        return _contar_en_redis(backend, clave, segundos) > maximo
    if backend.add(clave, 1, segundos):
        return False
    try:
        valor = backend.incr(clave)
    except ValueError:
        backend.set(clave, 1, segundos)
        return False
    return valor > maximo


# Create the counter with its window if absent, then add one: atomic in Redis, so
# the counter cannot expire between the two and live on without a window.
_CONTAR = (
    "redis.call('SET', KEYS[1], 0, 'EX', ARGV[1], 'NX') "
    "return redis.call('INCR', KEYS[1])"
)


def _contar_en_redis(backend: RedisCache, clave: str, segundos: int) -> int:
    """The counter after this request, in one round trip and one command: the
    cache's add + incr cost three round trips, and a MULTI/EXEC pipeline four
    commands to send and parse. EVAL, not EVALSHA: the script is tiny, Redis keeps
    it compiled, and there is no first NOSCRIPT round trip after a restart."""
    clave = backend.make_and_validate_key(clave)
    return _cliente_redis(backend).eval(_CONTAR, 1, clave, segundos)


def _cliente_redis(backend: RedisCache):
    """The Redis client of the cache's connection pool, built once: Django's cache
    builds one per operation, with its table of some 170 reply callbacks, which
    cost more CPU than the round trip. The cache backend is per thread."""
    conexiones = backend._cache
    cliente = getattr(conexiones, "_cliente_del_limite", None)
    if cliente is None:
        cliente = conexiones._cliente_del_limite = conexiones.get_client(write=True)
    return cliente
