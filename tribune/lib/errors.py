"""Errors an action raises for bad input or forbidden requests.

`check_*` functions raise these; front ends turn them into a 4xx with the message
(translated where the message is marked for translation). Anything else an
action raises is a bug.
"""


class ActionError(Exception):
    status = 422

    def __init__(self, message: str, *, status: int | None = None, field: str | None = None) -> None:
        super().__init__(message)
        self.message = str(message)
        self.field = field
        if status is not None:
            self.status = status


class BadRequest(ActionError):
    status = 400


class Forbidden(ActionError):
    status = 403


class NotFound(ActionError):
    status = 404


class Gone(ActionError):
    status = 410


class RateLimited(ActionError):
    status = 429
