"""Settings pages to take one's data elsewhere: download the export, import CSV files."""

import tempfile
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.shortcuts import render
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ops.export import IMPORT_KINDS, export_filename, import_csv, write_export
from tribune.lib.errors import ActionError


def _base() -> str:
    """The web client's layout when there is one, else a plain page of our own."""
    try:
        get_template("web/base.html")
    except TemplateDoesNotExist:
        return "ops/base.html"
    return "web/base.html"


@login_required
@require_http_methods(["GET", "POST"])
def export(request: HttpRequest) -> HttpResponseBase:
    account = request.user.account  # type: ignore[union-attr]  # login_required: a User
    if request.method == "POST":
        return _zip_response(account)
    return render(request, "ops/export.html", {"base": _base(), "account": account})


def _zip_response(account: Any) -> HttpResponseBase:
    # Spooled: small exports stay in memory, large ones go to disk, never all in memory.
    spool = tempfile.SpooledTemporaryFile(max_size=16 * 1024 * 1024)  # noqa: SIM115  # closed by the response
    write_export(account, spool)
    size = spool.tell()
    spool.seek(0)
    response = FileResponse(spool, as_attachment=True, filename=export_filename(account))
    response["Content-Type"] = "application/zip"
    response["Content-Length"] = str(size)
    return response


@require_http_methods(["GET"])
def api_export(request: HttpRequest) -> HttpResponseBase:
    """GET /api/tribune/v1/export with `Authorization: Bearer <token>` (scope read): the same ZIP."""
    from oauth2_provider.oauth2_backends import get_oauthlib_core

    valid, oauth = get_oauthlib_core().verify_request(request, scopes=["read"])
    user = oauth.user if valid else None
    if user is None or not user.is_active:
        response = JsonResponse({"error": "The access token is invalid"}, status=401)
        response["WWW-Authenticate"] = 'Bearer error="invalid_token"'
        return response
    return _zip_response(user.account)


@login_required
@require_http_methods(["GET", "POST"])
def import_view(request: HttpRequest) -> HttpResponse:
    account = request.user.account  # type: ignore[union-attr]  # login_required: a User
    labels = {"following": _("Following"), "blocks": _("Blocks"), "mutes": _("Mutes"), "bookmarks": _("Bookmarks")}
    kinds = [(kind, labels.get(kind, kind)) for kind in IMPORT_KINDS]
    context: dict = {"base": _base(), "kinds": kinds, "selected": request.GET.get("kind", "")}
    status = 200
    if request.method == "POST":
        upload = request.FILES.get("file")
        kind = request.POST.get("kind", "")
        try:
            if upload is None:
                raise ActionError(_("Choose a CSV file to import."), field="file")
            context["report"] = import_csv(account, kind, upload.read())
        except ActionError as error:
            context["error"] = error.message
            status = error.status
    return render(request, "ops/import.html", context, status=status)
