"""Demo and seed data for development, kept out of the apps.

One module per app it fills (`organizacion`, `formacion`, `evaluacion`,
`encuestas`, `mejora`), each with a deterministic, idempotent
`sembrar(stdout=None)`, loaded in that order by `manage.py seed_demo`. Only the
development settings install this app; production neither lists nor ships it.
"""
