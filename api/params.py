"""Request parameters as real Mastodon clients send them.

Bodies come as JSON, form-urlencoded or multipart (on POST, PUT and PATCH alike),
with Rails-style keys: `media_ids[]=1&media_ids[]=2`, `poll[options][]=a`,
`fields_attributes[0][name]=x`. `Params` turns all of these into one nested
structure; query-string parameters are read too (clients put some there).
"""

import json
import re
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest, QueryDict
from django.http.multipartparser import MultiPartParser, MultiPartParserError

from tribune.lib import jsonbody
from tribune.lib.errors import ActionError, BadRequest

KEY_PART = re.compile(r"\[([^\]]*)\]")
TRUE = {"true", "1", "on", "yes", "t"}


def _insert(target: dict, key: str, values: list[Any]) -> None:
    head, _, rest = key.partition("[")
    parts = [head] + (KEY_PART.findall("[" + rest) if rest else [])
    node: Any = target
    for i, part in enumerate(parts):
        last = i == len(parts) - 1
        if last:
            if part == "" and isinstance(node, list):
                node.extend(values)
            elif isinstance(node, dict):
                node[part] = values[-1] if len(values) == 1 else values
            return
        following = parts[i + 1]
        if isinstance(node, dict):
            if part not in node or not isinstance(node[part], dict | list):
                node[part] = [] if following == "" else {}
            node = node[part]
        else:
            return


def _nest(data: QueryDict) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, values in data.lists():
        _insert(out, key, list(values))
    return out


def _body(request: HttpRequest) -> tuple[dict[str, Any], dict[str, Any]]:
    content_type = request.content_type or ""
    if content_type == "application/json":
        if not request.body:
            return {}, {}
        try:
            data = jsonbody.loads(request.body)
        except jsonbody.JSONBodyError:
            raise BadRequest("The request body is not valid JSON") from None
        if not isinstance(data, dict):
            raise ActionError("The request body must be a JSON object", status=422)
        return data, {}
    if content_type == "multipart/form-data":
        if request.method == "POST":
            return _nest(request.POST), dict(request.FILES.items())
        try:
            post, files = MultiPartParser(request.META, request, request.upload_handlers, request.encoding).parse()
        except MultiPartParserError:
            raise BadRequest("The multipart body cannot be read") from None
        return _nest(post), dict(files.items())
    if content_type == "application/x-www-form-urlencoded":
        if request.method == "POST":
            return _nest(request.POST), {}
        try:
            return _nest(QueryDict(request.body, encoding=request.encoding)), {}
        except (UnicodeDecodeError, ValueError):
            raise BadRequest("The form body cannot be read") from None
    return {}, {}


class Params:
    """The merged parameters of one request: body over query string."""

    def __init__(self, request: HttpRequest) -> None:
        cached = getattr(request, "_api_params", None)
        if cached is not None:
            self.data, self.files = cached
            return
        body, files = _body(request)
        data = _nest(request.GET)
        data.update(body)
        self.data, self.files = data, files
        request._api_params = (data, files)  # type: ignore[attr-defined]  # parsed once per request

    def has(self, name: str) -> bool:
        return name in self.data or name in self.files

    def raw(self, name: str, default: Any = None) -> Any:
        return self.data.get(name, default)

    def text(self, name: str, default: str | None = None) -> str | None:
        value = self.data.get(name)
        if value is None:
            return default
        if isinstance(value, list):
            value = value[-1] if value else ""
        if isinstance(value, dict):
            raise ActionError(f"{name} must be a string", status=422)
        return value if isinstance(value, str) else (json.dumps(value) if isinstance(value, bool) else str(value))

    def flag(self, name: str, default: bool | None = None) -> bool | None:
        value = self.data.get(name)
        if value is None or value == "":
            return default
        if isinstance(value, list):
            value = value[-1] if value else ""
        if isinstance(value, bool):
            return value
        return str(value).strip().lower() in TRUE

    def number(self, name: str, default: int | None = None) -> int | None:
        value = self.text(name)
        if value is None or value == "":
            return default
        try:
            return int(value)
        except ValueError:
            raise ActionError(f"{name} must be a number", status=422) from None

    def items(self, name: str) -> list[Any]:
        value = self.data.get(name)
        if value is None:
            value = self.data.get(name + "[]")
        if value is None or value == "":
            return []
        if isinstance(value, dict):
            return [value[k] for k in sorted(value, key=lambda k: (len(str(k)), str(k)))]
        return value if isinstance(value, list) else [value]

    def mapping(self, name: str) -> dict[str, Any]:
        value = self.data.get(name)
        return value if isinstance(value, dict) else {}

    def file(self, name: str) -> UploadedFile | None:
        value = self.files.get(name)
        return value if isinstance(value, UploadedFile) else None


def id_list(values: list[Any], name: str) -> list[int]:
    out = []
    for value in values:
        try:
            number = int(str(value))
        except ValueError:
            raise ActionError(f"{name} must hold ids", status=422) from None
        if not 0 < number < 2**63:
            raise ActionError(f"{name} must hold ids", status=422)
        out.append(number)
    return out
