"""What every installation needs for training: the course index page under the
site's home page, and the calidad role's model and page permissions.

Idempotent; works with the historical registry (data migration) and with the
real one (tests reload it after a transactional flush, which also empties
Wagtail's own tables, so the root page, locale and site are restored here too).
"""

from django.conf import settings

from organizacion.roles import asegurar_permisos, conceder

ALFABETO_TREEBEARD = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"

MODELOS_CALIDAD = (
    "pregunta",
    "opcion",
    "reglaasignacion",
    "tiempoextra",
    "formacionexterna",
    "matricula",
)
PERMISOS = {
    "calidad": [
        f"formacion.{accion}_{modelo}"
        for modelo in MODELOS_CALIDAD
        for accion in ("add", "change", "delete", "view")
    ]
    + [
        "formacion.view_certificado",
        "formacion.change_certificado",
        "wagtailadmin.access_admin",
    ],
    "supervisor": ["formacion.add_formacionexterna", "formacion.view_formacionexterna"],
}
PERMISOS_PAGINA = (
    "add_page",
    "change_page",
    "publish_page",
    "lock_page",
    "unlock_page",
)


def _ruta_hija(Page, padre) -> str:
    ultimo = (
        Page.objects.filter(path__startswith=padre.path, depth=padre.depth + 1)
        .order_by("-path")
        .values_list("path", flat=True)
        .first()
    )
    if ultimo is None:
        return padre.path + "0001"
    numero = int(ultimo[-4:], 36) + 1
    sufijo = ""
    for _i in range(4):
        numero, resto = divmod(numero, 36)
        sufijo = ALFABETO_TREEBEARD[resto] + sufijo
    return padre.path + sufijo


def _tipo(ContentType, app_label, modelo):
    return ContentType.objects.get_or_create(app_label=app_label, model=modelo)[0]


def _asegurar_raiz(apps):
    Page = apps.get_model("wagtailcore", "Page")
    Locale = apps.get_model("wagtailcore", "Locale")
    Site = apps.get_model("wagtailcore", "Site")
    ContentType = apps.get_model("contenttypes", "ContentType")
    idioma = settings.LANGUAGE_CODE.split("-")[0]
    locale = Locale.objects.order_by("pk").first() or Locale.objects.create(
        language_code=idioma
    )
    tipo_pagina = _tipo(ContentType, "wagtailcore", "page")
    raiz = Page.objects.filter(depth=1).first()
    if raiz is None:
        raiz = Page.objects.create(
            title="Root",
            draft_title="Root",
            slug="root",
            content_type=tipo_pagina,
            path="0001",
            depth=1,
            numchild=0,
            url_path="/",
            locale=locale,
            live=True,
        )
    sitio = Site.objects.filter(is_default_site=True).first()
    if sitio is not None:
        return Page.objects.get(pk=sitio.root_page_id), locale
    inicio = Page.objects.filter(depth=2).order_by("path").first()
    if inicio is None:
        inicio = Page.objects.create(
            title="Ventanilla",
            draft_title="Ventanilla",
            slug="inicio",
            content_type=tipo_pagina,
            path=_ruta_hija(Page, raiz),
            depth=2,
            numchild=0,
            url_path="/inicio/",
            locale=locale,
            live=True,
        )
        Page.objects.filter(pk=raiz.pk).update(numchild=raiz.numchild + 1)
    Site.objects.create(
        hostname="localhost",
        port=80,
        root_page_id=inicio.pk,
        is_default_site=True,
        site_name="Ventanilla",
    )
    return inicio, locale


def cargar(apps, schema_editor=None):
    Page = apps.get_model("wagtailcore", "Page")
    CursosIndexPage = apps.get_model("formacion", "CursosIndexPage")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")

    inicio, locale = _asegurar_raiz(apps)
    indice = CursosIndexPage.objects.first()
    if indice is None:
        inicio = Page.objects.get(pk=inicio.pk)
        indice = CursosIndexPage.objects.create(
            title="Cursos",
            draft_title="Cursos",
            slug="cursos",
            content_type=_tipo(ContentType, "formacion", "cursosindexpage"),
            path=_ruta_hija(Page, inicio),
            depth=inicio.depth + 1,
            numchild=0,
            url_path=f"{inicio.url_path}cursos/",
            locale=locale,
            live=True,
            has_unpublished_changes=False,
            introduccion=(
                "<p>Cursos de atención a la ciudadanía: presencial, telefónica y "
                "telemática.</p>"
            ),
        )
        Page.objects.filter(pk=inicio.pk).update(numchild=inicio.numchild + 1)

    asegurar_permisos(apps, ["formacion", "wagtailcore"])
    conceder(apps, PERMISOS)
    calidad, _creado = Group.objects.get_or_create(name="calidad")
    for codename in PERMISOS_PAGINA:
        permiso = Permission.objects.filter(
            content_type__app_label="wagtailcore", codename=codename
        ).first()
        if permiso is not None:
            GroupPagePermission.objects.get_or_create(
                group=calidad, page_id=indice.pk, permission=permiso
            )
