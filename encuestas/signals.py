"""Signals encuestas sends for apps that keep figures derived from its results
(mejora's indicators): encuestas never imports them."""

from django.dispatch import Signal

# Sent by `resumenes.consolidar` inside each batch's transaction, with
# `fechas`: the set of response dates the batch added to the rollups.
fechas_consolidadas = Signal()
