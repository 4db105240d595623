"""The root of /contenidos/ is called «Contenidos», not Wagtail's English
«Welcome to your new Wagtail site!» (renamed only while it keeps that default title)."""

from django.db import migrations

TITULO_DE_WAGTAIL = "Welcome to your new Wagtail site!"


def renombrar(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Page.objects.filter(depth=2, title=TITULO_DE_WAGTAIL).update(
        title="Contenidos", draft_title="Contenidos"
    )


def deshacer(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Page.objects.filter(depth=2, slug="home", title="Contenidos").update(
        title=TITULO_DE_WAGTAIL, draft_title=TITULO_DE_WAGTAIL
    )


class Migration(migrations.Migration):
    dependencies = [
        ("organizacion", "0002_datos_iniciales"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(renombrar, deshacer)]
