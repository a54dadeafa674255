from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"

    def ready(self) -> None:
        # The SQLite function that search.folding.Folded calls, on every new connection.
        from search import folding  # noqa: F401
