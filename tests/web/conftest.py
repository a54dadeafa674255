import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Instance settings are cached; each test starts and ends without them."""
    cache.clear()
    yield
    cache.clear()
