# English for citizens of a Spanish administration: British dates (1/12/2026 is
# the first of December), not Django's American default.
from django.conf.locale.en_GB.formats import *  # noqa: F403
