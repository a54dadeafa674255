from collections.abc import Iterator

import pytest

from tests.federation.peer import Peer


@pytest.fixture
def peer() -> Iterator[Peer]:
    server = Peer()
    yield server
    server.close()
