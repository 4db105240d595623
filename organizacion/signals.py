"""Signals organizacion sends for the apps above it (auditoria's access log):
organizacion never imports them."""

from django.dispatch import Signal

# Sent by the view that serves an employee's personal-data ZIP, once it is
# written, with `request` and `empleado` (whose data it holds).
datos_exportados = Signal()
