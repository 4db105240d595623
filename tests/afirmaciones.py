"""Fail every test that passes without checking anything: such a test passes
whatever the code does.

While the test function runs (its fixtures do not count), these are checks: a
passing `assert` (pytest's assertion-rewriting hook, `enable_assertion_pass_hook`
in pyproject.toml), `pytest.raises` and `pytest.warns`,
`django_assert_num_queries` and `django_assert_max_num_queries`, Playwright's
`expect(...)` assertions, and unittest's `self.assert…` methods.
"""

import functools
import unittest
from contextlib import contextmanager

import pytest
import pytest_django.fixtures
from _pytest.assertion import rewrite
from playwright.sync_api import (
    APIResponseAssertions,
    LocatorAssertions,
    PageAssertions,
)

# Modules rewritten before the pass hook was enabled are cached without the call
# to it and would count nothing: this mode keeps its own cache files.
rewrite.PYC_TAIL = f".{rewrite.PYTEST_TAG}-afirmaciones{rewrite.PYC_EXT}"


class _Recuento:
    activo = False
    n = 0


def _contar() -> None:
    if _Recuento.activo:
        _Recuento.n += 1


def _contando(funcion):
    @functools.wraps(funcion)
    def envoltura(*args, **kwargs):
        resultado = funcion(*args, **kwargs)
        _contar()
        return resultado

    return envoltura


pytest.raises = _contando(pytest.raises)
pytest.warns = _contando(pytest.warns)

for _clase in (LocatorAssertions, PageAssertions, APIResponseAssertions):
    for _nombre, _metodo in list(vars(_clase).items()):
        if _nombre.startswith(("to_", "not_to_")) and callable(_metodo):
            setattr(_clase, _nombre, _contando(_metodo))

for _nombre, _metodo in list(vars(unittest.TestCase).items()):
    if _nombre.startswith("assert") and callable(_metodo):
        setattr(unittest.TestCase, _nombre, _contando(_metodo))

_contar_consultas = pytest_django.fixtures._assert_num_queries


@contextmanager
def _consultas_contadas(*args, **kwargs):
    with _contar_consultas(*args, **kwargs) as contexto:
        yield contexto
    _contar()


# Both fixtures look this helper up when called (functools.partial of the name).
pytest_django.fixtures._assert_num_queries = _consultas_contadas


def pytest_configure(config):
    if config.getoption("assertmode") != "rewrite" or not config.getini(
        "enable_assertion_pass_hook"
    ):
        raise pytest.UsageError(
            "tests/afirmaciones.py cuenta los assert con el gancho de reescritura: "
            "hace falta --assert=rewrite y enable_assertion_pass_hook = true."
        )


def pytest_assertion_pass(item, lineno, orig, expl):
    _contar()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    _Recuento.activo, _Recuento.n = True, 0
    try:
        resultado = yield
    finally:
        _Recuento.activo = False
    if _Recuento.n == 0:
        pytest.fail(
            "La prueba pasa sin comprobar nada (ni assert, ni pytest.raises, ni "
            "django_assert_*, ni expect): pasaría hiciera lo que hiciera el código.",
            pytrace=False,
        )
    return resultado
