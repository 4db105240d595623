"""Installs that granted calidad `view_evaluacion` lose it (and any permission
on scores, audit, reminders and recommendations); fresh installs never grant it."""

from importlib import import_module

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission

from evaluacion import datos_iniciales

pytestmark = pytest.mark.django_db

migracion = import_module("evaluacion.migrations.0005_calidad_sin_ver_evaluaciones")


def _permisos_de_calidad():
    return set(
        Group.objects.get(name="calidad")
        .permissions.filter(content_type__app_label="evaluacion")
        .values_list("codename", flat=True)
    )


def test_la_migracion_quita_a_calidad_los_permisos_sobre_evaluaciones():
    calidad = Group.objects.get(name="calidad")
    calidad.permissions.add(
        *Permission.objects.filter(
            codename__in=["view_evaluacion", "view_puntuacion", "change_evaluacion"]
        )
    )
    migracion.quitar(apps, None)
    permisos = _permisos_de_calidad()
    assert not permisos & {"view_evaluacion", "view_puntuacion", "change_evaluacion"}
    # What calidad configures stays.
    assert {"change_campana", "view_festivo"} <= permisos


def test_una_instalacion_nueva_no_concede_ver_evaluaciones():
    datos_iniciales.cargar(apps)
    assert "view_evaluacion" not in _permisos_de_calidad()
    assert "view_evaluacion" not in {
        p.split(".")[1] for p in datos_iniciales.PERMISOS["calidad"]
    }
