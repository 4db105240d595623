"""What a data migration's function uses of the schema editor, without the
schema editor (SQLite's refuses to open inside the test's transaction): the
function runs on the current schema, in the test's transaction."""

from django.db import connection


class Editor:
    quote_name = staticmethod(connection.ops.quote_name)
    connection = connection

    def execute(self, sql, params=()):
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
