"""factory_boy factories, one module per app; re-exported here for convenience."""

from .encuestas import *  # noqa: F401,F403
from .evaluacion import *  # noqa: F401,F403
from .formacion import *  # noqa: F401,F403
from .organizacion import *  # noqa: F401,F403
