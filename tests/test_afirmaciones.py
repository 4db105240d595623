"""tests/afirmaciones.py fails the tests that check nothing, and only those: a
small suite run in its own pytest process, on its own SQLite file."""

from django.conf import settings

pytest_plugins = ["pytester"]

SUITE = """
import unittest

import pytest


@pytest.fixture
def comprobada():
    assert True


def test_con_assert():
    assert 1 + 1 == 2


def test_sin_nada():
    1 + 1


def test_assert_solo_en_la_fixture(comprobada):
    pass


def test_con_raises():
    with pytest.raises(ZeroDivisionError):
        1 / 0


def test_con_warns():
    with pytest.warns(UserWarning):
        import warnings

        warnings.warn("aviso", UserWarning, stacklevel=1)


def test_con_consultas(db, django_assert_num_queries):
    with django_assert_num_queries(0):
        pass


def test_con_maximo_de_consultas(db, django_assert_max_num_queries):
    with django_assert_max_num_queries(1):
        pass


class TestUnittest(unittest.TestCase):
    def test_con_assert_equal(self):
        self.assertEqual(1, 1)

    def test_sin_nada(self):
        pass
"""


def test_falla_solo_las_pruebas_que_no_comprueban_nada(pytester, monkeypatch):
    monkeypatch.setenv("PYTHONPATH", str(settings.BASE_DIR))
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{pytester.path / 'db.sqlite3'}")
    monkeypatch.setenv("SQLITE_TEST_NAME", str(pytester.path / "test.sqlite3"))
    pytester.makeini(
        """
        [pytest]
        DJANGO_SETTINGS_MODULE = config.settings
        enable_assertion_pass_hook = true
        """
    )
    pytester.makeconftest('pytest_plugins = ["tests.afirmaciones"]')
    pytester.makepyfile(test_suite=SUITE)
    resultado = pytester.runpytest_subprocess(
        "--no-migrations", "-p", "no:cacheprovider"
    )
    resultado.assert_outcomes(passed=6, failed=3)
    fallidas = {
        r.split(" - ")[0].removeprefix("FAILED ")
        for r in resultado.outlines
        if r.startswith("FAILED ")
    }
    assert fallidas == {
        "test_suite.py::test_sin_nada",
        "test_suite.py::test_assert_solo_en_la_fixture",
        "test_suite.py::TestUnittest::test_sin_nada",
    }
    resultado.stdout.fnmatch_lines(["*La prueba pasa sin comprobar nada*"])
