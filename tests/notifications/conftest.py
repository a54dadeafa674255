"""The API's app and token fixtures: push subscriptions are made through the API, as apps make them."""

from tests.api.conftest import anon, api_as, app, token_for  # noqa: F401  # fixtures, found by name
