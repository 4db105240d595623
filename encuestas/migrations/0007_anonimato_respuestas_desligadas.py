"""Unlinkable responses: a response keeps its invitation's medium, not the
invitation; answered invitations lose their event link, seed, contact and exact
times; contact hashes keep a day, and only opt-outs survive the change of key.
Going back restores the columns, not the links it cut: those are what it exists
to forget (and a database with responses cannot go back: the old foreign key is
mandatory)."""

from django.db import migrations, models
from django.db.models import OuterRef, Subquery
from django.utils import timezone


def _dia(momento):
    if momento is None:
        return None
    return timezone.localtime(momento).replace(
        hour=0, minute=0, second=0, microsecond=0
    )


def copiar_medio(apps, schema_editor):
    Invitacion = apps.get_model("encuestas", "Invitacion")
    Respuesta = apps.get_model("encuestas", "Respuesta")
    Respuesta.objects.update(
        medio=Subquery(
            Invitacion.objects.filter(pk=OuterRef("invitacion_id")).values("medio")[:1]
        )
    )


def marcar_invitadas(apps, schema_editor):
    """Before the links are cut: which events got an invitation, so that a replay
    of an answered one never mints another."""
    Atencion = apps.get_model("encuestas", "Atencion")
    Atencion.objects.filter(invitacion__isnull=False).update(invitada=True)


def borrar_enlaces(apps, schema_editor):
    """Kiosk invitations existed only for the response's foreign key; answered
    ones are scrubbed as a submit now does."""
    Invitacion = apps.get_model("encuestas", "Invitacion")
    Invitacion.objects.filter(medio="quiosco").delete()
    respondidas = Invitacion.objects.filter(estado="respondida").only(
        "creada_en", "caduca_en", "abierta_en", "enviada_en"
    )
    lote = []
    for invitacion in respondidas.iterator(chunk_size=2000):
        invitacion.atencion_id = None
        invitacion.semilla = ""
        invitacion.contacto = ""
        for campo in ("creada_en", "caduca_en", "abierta_en", "enviada_en"):
            setattr(invitacion, campo, _dia(getattr(invitacion, campo)))
        lote.append(invitacion)
        if len(lote) == 2000:
            _guardar(Invitacion, lote)
            lote = []
    _guardar(Invitacion, lote)


def _guardar(Invitacion, lote):
    Invitacion.objects.bulk_update(
        lote,
        [
            "atencion",
            "semilla",
            "contacto",
            "creada_en",
            "caduca_en",
            "abierta_en",
            "enviada_en",
        ],
    )


def rehacer_hashes(apps, schema_editor):
    """The old hashes were keyed from SECRET_KEY and cannot be rehashed without the
    contact. Fatigue entries are dropped (the rule is relaxed for at most one
    window); opt-outs are kept, marked, and rewritten with the new key when their
    contact next appears."""
    ContactoHash = apps.get_model("encuestas", "ContactoHash")
    ContactoHash.objects.filter(baja=False).delete()
    ContactoHash.objects.update(clave_antigua=True)


class Migration(migrations.Migration):
    dependencies = [
        ("encuestas", "0006_token_unico_sin_like"),
    ]

    operations = [
        migrations.AddField(
            model_name="respuesta",
            name="medio",
            field=models.CharField(
                choices=[
                    ("qr", "Código QR"),
                    ("sms", "SMS"),
                    ("email", "Correo electrónico"),
                    ("enlace", "Enlace incrustado"),
                    ("quiosco", "Quiosco"),
                ],
                default="enlace",
                max_length=10,
                verbose_name="medio",
            ),
            preserve_default=False,
        ),
        migrations.RunPython(copiar_medio, migrations.RunPython.noop),
        migrations.RemoveField(model_name="respuesta", name="invitacion"),
        migrations.AddField(
            model_name="atencion",
            name="invitada",
            field=models.BooleanField(default=False, verbose_name="invitada"),
        ),
        migrations.RunPython(marcar_invitadas, migrations.RunPython.noop),
        migrations.RunPython(borrar_enlaces, migrations.RunPython.noop),
        migrations.RemoveField(model_name="invitacion", name="usada_en"),
        migrations.AddField(
            model_name="contactohash",
            name="clave_antigua",
            field=models.BooleanField(default=False),
        ),
        migrations.RunPython(rehacer_hashes, migrations.RunPython.noop),
        migrations.RemoveField(model_name="contactohash", name="ultima_invitacion"),
        migrations.AddField(
            model_name="contactohash",
            name="ultima_invitacion_el",
            field=models.DateField(
                blank=True, null=True, verbose_name="última invitación (día)"
            ),
        ),
    ]
