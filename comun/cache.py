"""What the shared cache raises when it is out of reach.

In production the cache is Redis: a restart or a network cut makes every cache
call raise. The cache only ever holds copies and counters here, so the callers
that catch these carry on without it (the database answers, a limit lets the
request through) instead of answering 500.
"""

from redis.exceptions import RedisError

ERRORES_DE_CACHE = (RedisError, OSError)
