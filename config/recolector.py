"""Garbage-collector settings for the long-lived processes (gunicorn workers,
Celery workers), applied once everything is loaded.

Django, Wagtail and the apps leave a few hundred thousand long-lived objects.
With Python's defaults, every full collection walks all of them, and a page
that builds many short-lived containers (the whole organisation's training
matrix: 5,000 people × 10 courses) pays several such walks: about a third of a
one-second export. `gc.freeze()` moves what is loaded to a permanent generation
the collector no longer walks (and, before a fork, keeps those pages shared),
and a larger first threshold collects the young objects less often. Cycles
are still collected."""

import gc

UMBRAL = (50_000, 20, 100)


def ajustar() -> None:
    gc.collect()
    gc.freeze()
    gc.set_threshold(*UMBRAL)
