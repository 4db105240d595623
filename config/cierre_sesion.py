"""Signing out only by POST, on every logout address.

Django's LogoutView (/cuenta/logout/, /admin/logout/) already answers GET with
405 and keeps the session. Wagtail's (/cms/logout/) answers 405 too but deletes
the session cookie on the way out, so any third-party page could sign staff out
with an <img>: its view is wrapped so that only a POST reaches it.
"""

from django.views.decorators.http import require_POST
from wagtail.admin.views.account import LogoutView

cerrar_sesion_cms = require_POST(LogoutView.as_view())
