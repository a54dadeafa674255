"""The administrators' page for domain policies: block, limit, reject media; CSV import and export."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from federation.actions import do_import_blocklist, do_remove_domain_policy, do_set_domain_policy, export_blocklist
from federation.models import Delivery, DomainPolicy
from tribune.lib.errors import ActionError

MAX_CSV_BYTES = 2 * 1024 * 1024


def _is_admin(request: HttpRequest) -> bool:
    return bool(request.user.is_authenticated and request.user.is_staff)


@login_required
def domain_policies(request: HttpRequest) -> HttpResponse:
    if not _is_admin(request):
        return HttpResponseForbidden(_("Administrators only."))
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "set":
                policy = do_set_domain_policy(
                    request.POST.get("domain", ""),
                    severity=request.POST.get("severity", "suspend"),
                    reject_media=bool(request.POST.get("reject_media")),
                    reject_reports=bool(request.POST.get("reject_reports")),
                    public_comment=request.POST.get("public_comment", ""),
                    private_comment=request.POST.get("private_comment", ""),
                    obfuscate=bool(request.POST.get("obfuscate")),
                    acting_user=request.user,
                )
                messages.success(request, _("Policy for %(domain)s saved.") % {"domain": policy.domain})
            elif action == "remove":
                do_remove_domain_policy(request.POST.get("domain", ""), acting_user=request.user)
                messages.success(request, _("Policy removed."))
            elif action == "import":
                upload = request.FILES.get("file")
                if upload is None or upload.size is None or upload.size > MAX_CSV_BYTES:
                    raise ActionError(_("Choose a CSV file of at most 2 MB."), field="file")
                try:
                    text = upload.read().decode("utf-8-sig")
                except UnicodeDecodeError:
                    raise ActionError(_("The file is not UTF-8 text."), field="file") from None
                applied, errors = do_import_blocklist(text, acting_user=request.user)
                messages.success(request, _("%(n)d domains imported.") % {"n": applied})
                for line in errors[:20]:
                    messages.warning(request, line)
            else:
                raise ActionError(_("Unknown action."))
        except ActionError as e:
            messages.error(request, e.message)
            return render(request, "federation/domains.html", _context(), status=e.status)
        return redirect("federation:admin_domains")
    return render(request, "federation/domains.html", _context())


def _context() -> dict:
    return {
        "policies": DomainPolicy.objects.all(),
        "section": "federation",
        "severities": DomainPolicy.Severity.choices,
        "failing": Delivery.objects.filter(state=Delivery.State.FAILED).count(),
        "gave_up": Delivery.objects.filter(state=Delivery.State.GAVE_UP).count(),
    }


@login_required
def export_csv(request: HttpRequest) -> HttpResponse:
    if not _is_admin(request):
        return HttpResponseForbidden(_("Administrators only."))
    response = HttpResponse(export_blocklist(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="domain_blocks.csv"'
    return response
