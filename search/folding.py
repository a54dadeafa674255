"""`Folded(expr)`: lower case without accents inside the database, the same on both engines, so
that "lefevre" finds "Lefèvre" and "cafe" finds "#café" (and the other way round).

SQLite runs search.text.fold itself (registered on each connection); PostgreSQL translates the
accented letters of the Latin alphabets that French, English and their neighbours use, with plain
SQL (the `unaccent` extension is not always installable). Ligatures (œ, æ) fold to one letter in
SQL: a query folds them the same way through `fold_for_sql`."""

from typing import Any

from django.db.backends.signals import connection_created
from django.db.models import CharField, Func

from search.text import fold

ACCENTED = "àáâãäåāăąçćčďèéêëēĕėęěìíîïĩīĭįłñńňòóôõöøōŏőŕřśšşťţùúûüũūŭůűųýÿźżžœæ"
PLAIN = "aaaaaaaaacccdeeeeeeeeeiiiiiiiilnnnooooooooorrsssttuuuuuuuuuuyyzzzoa"
TABLE = str.maketrans(ACCENTED, PLAIN)  # raises if the two differ in length


def fold_for_sql(text: str) -> str:
    """What Folded() makes of `text`, on either engine."""
    return fold(text.lower().translate(TABLE))


def _sqlite_fold(value: str | None) -> str | None:
    return None if value is None else fold_for_sql(value)


class Folded(Func):
    output_field = CharField()
    function = "tribune_fold"

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(
            compiler, connection, template=f"translate(lower(%(expressions)s), '{ACCENTED}', '{PLAIN}')", **extra
        )


def register(sender: Any, connection: Any, **kwargs: Any) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_function("tribune_fold", 1, _sqlite_fold, deterministic=True)


connection_created.connect(register, dispatch_uid="search.folding")
