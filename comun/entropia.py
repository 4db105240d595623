"""A conservative estimate of a secret's entropy, in bits.

Counting distinct characters lets "abcdefgh" repeated pass; counting length lets
any word repeated pass. The estimate here is the number of symbols the secret
really carries (its length after DEFLATE removes the repetition) times the bits
of one symbol drawn from the character classes it uses: a repeated word is worth
about one copy of it, a random token about its full length.
"""

import math
import string
import zlib

# Brute-force alphabet of each character class present (the usual estimate of
# password meters); anything else (accented letters, other scripts) as one more of 32.
_CLASES = (
    (frozenset(string.ascii_lowercase), 26),
    (frozenset(string.ascii_uppercase), 26),
    (frozenset(string.digits), 10),
    (frozenset(string.punctuation + " "), 33),
)
_OTRAS = 32


def _alfabeto(secreto: str) -> int:
    caracteres = set(secreto)
    tamano = sum(n for clase, n in _CLASES if caracteres & clase)
    if any(all(c not in clase for clase, _n in _CLASES) for c in caracteres):
        tamano += _OTRAS
    return tamano


def _simbolos_efectivos(secreto: str) -> int:
    """Raw DEFLATE length without its fixed cost: literals cost about a byte, a
    repetition a few bytes however long it is."""
    datos = secreto.encode()
    compresor = zlib.compressobj(9, zlib.DEFLATED, -15)
    comprimido = compresor.compress(datos) + compresor.flush()
    vacio = zlib.compressobj(9, zlib.DEFLATED, -15)
    fijo = len(vacio.compress(b"") + vacio.flush())
    return max(0, min(len(secreto), len(comprimido) - fijo))


def bits_de_entropia(secreto: str) -> float:
    """Estimated bits of entropy of `secreto` (0 for the empty string)."""
    if not secreto:
        return 0.0
    alfabeto = _alfabeto(secreto)
    if alfabeto < 2:
        return 0.0
    return _simbolos_efectivos(secreto) * math.log2(alfabeto)
