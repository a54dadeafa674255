"""Checking Tribune's answers against an outside description of Mastodon's API.

`mastodon_openapi/schema.json` (abraham/mastodon-openapi, generated from Mastodon's documentation)
describes 210 operations. `Run` sends requests through a test client, remembers each answer with
the operation it belongs to, and `Run.report()` validates every JSON body against the schema of
that operation's status code and says which operations were answered."""

import json
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

SCHEMA_PATH = Path(__file__).parent / "mastodon_openapi" / "schema.json"
BASE = "urn:mastodon-openapi"
METHODS = ("get", "post", "put", "patch", "delete")


@cache
def schema() -> dict[str, Any]:
    return json.loads(SCHEMA_PATH.read_text())


@cache
def registry() -> Registry:
    return Registry().with_resource(BASE, Resource(contents=schema(), specification=DRAFT202012))


@cache
def operations() -> list[tuple[str, str, re.Pattern[str]]]:
    """(METHOD, template, regex), the templates with the fewest parameters first, so that
    `/api/v1/accounts/lookup` is matched before `/api/v1/accounts/{id}`."""
    out = []
    for template, methods in schema()["paths"].items():
        pattern = re.compile("^" + re.sub(r"\\{[^}]+\\}", "[^/]+", re.escape(template)) + "$")
        for method in methods:
            if method in METHODS:
                out.append((method.upper(), template, pattern))
    return sorted(out, key=lambda o: (o[1].count("{"), -len(o[1])))


def operation_of(method: str, path: str) -> str | None:
    for op_method, template, pattern in operations():
        if op_method == method and pattern.match(path):
            return f"{method} {template}"
    return None


@cache
def _validator(operation: str, status: str) -> Draft202012Validator | None:
    method, template = operation.split(" ", 1)
    responses = schema()["paths"][template][method.lower()].get("responses", {})
    if status not in responses:
        return None
    content = responses[status].get("content", {})
    if "application/json" not in content:
        return None
    pointer = "/".join(p.replace("~", "~0").replace("/", "~1") for p in ("paths", template, method.lower(),
                       "responses", status, "content", "application/json", "schema"))  # fmt: skip
    return Draft202012Validator({"$ref": f"{BASE}#/{quote(pointer, safe='/~')}"}, registry=registry())


@dataclass
class Answer:
    operation: str
    path: str
    status: int
    body: Any


@dataclass
class Report:
    answered: set[str] = field(default_factory=set)
    validated: set[str] = field(default_factory=set)
    problems: list[str] = field(default_factory=list)
    excused: list[str] = field(default_factory=list)


class Run:
    """Requests through `client` (tests.api.conftest.Api), each answer remembered."""

    def __init__(self, client: Any, differences: dict[tuple[str, str], str]) -> None:
        self.client = client
        self.answers: list[Answer] = []
        self.differences = differences

    def as_(self, client: Any) -> "Run":
        other = Run(client, self.differences)
        other.answers = self.answers  # one record for every person in the run
        return other

    def call(self, method: str, path: str, data: Any = None, *, expect: int | tuple[int, ...] = 200, **kw: Any) -> Any:
        response = getattr(self.client, method.lower())(path, data, **kw)
        wanted = (expect,) if isinstance(expect, int) else expect
        content_type = response.get("Content-Type", "")
        body = response.json() if content_type.startswith("application/json") and response.content else None
        assert response.status_code in wanted, f"{method} {path}: {response.status_code} {response.content[:500]!r}"
        operation = operation_of(method, path.split("?")[0])
        assert operation is not None, f"{method} {path} is not in the schema"
        self.answers.append(Answer(operation, path, response.status_code, body))
        return body

    def get(self, path: str, data: Any = None, **kw: Any) -> Any:
        return self.call("GET", path, data, **kw)

    def post(self, path: str, data: Any = None, **kw: Any) -> Any:
        return self.call("POST", path, data if data is not None else {}, **kw)

    def put(self, path: str, data: Any = None, **kw: Any) -> Any:
        return self.call("PUT", path, data if data is not None else {}, **kw)

    def patch(self, path: str, data: Any = None, **kw: Any) -> Any:
        return self.call("PATCH", path, data if data is not None else {}, **kw)

    def delete(self, path: str, data: Any = None, **kw: Any) -> Any:
        return self.call("DELETE", path, data, **kw)

    def _excused(self, operation: str, error: Any) -> str | None:
        """The listed reason for this error; for a `oneOf` or `anyOf` that failed, a reason when every
        error of one of its branches has one (the branch that would have matched but for them)."""
        if not error.context:
            where = "/".join(str(p) for p in error.absolute_path)
            return next(
                (r for (op, at), r in self.differences.items() if op in (operation, "*") and re.search(at, where)),
                None,
            )
        branches: dict[Any, list[Any]] = {}
        for sub in error.context:
            branches.setdefault(sub.relative_schema_path[0] if sub.relative_schema_path else 0, []).append(sub)
        for errors in branches.values():
            reasons = [self._excused(operation, sub) for sub in errors]
            if all(reasons):
                return reasons[0]
        return None

    def report(self) -> Report:
        out = Report()
        for answer in self.answers:
            if answer.status not in (404, 405, 501):
                out.answered.add(answer.operation)
            if answer.body is None:
                continue
            validator = _validator(answer.operation, str(answer.status))
            if validator is None:
                continue
            out.validated.add(answer.operation)
            for error in validator.iter_errors(answer.body):
                where = "/".join(str(p) for p in error.absolute_path)
                text = f"{answer.operation} [{answer.status}] at /{where}: {error.message[:300]}"
                reason = self._excused(answer.operation, error)
                (out.excused if reason else out.problems).append(text)
        return out


def every_operation() -> set[str]:
    return {f"{method} {template}" for method, template, _pattern in operations()}
