"""Domain policies (block, limit, reject media) and blocklists in Mastodon's CSV format.

Columns: #domain,#severity,#reject_media,#reject_reports,#public_comment,#obfuscate
"""

import csv
import io
import logging

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import Account, Follow
from federation.models import DomainPolicy
from tribune.lib.errors import ActionError

logger = logging.getLogger("tribune.federation")

CSV_COLUMNS = ["#domain", "#severity", "#reject_media", "#reject_reports", "#public_comment", "#obfuscate"]
MAX_IMPORT_ROWS = 10_000


def check_domain(domain: str) -> str:
    domain = (domain or "").strip().lower().rstrip(".")
    if domain.startswith(("http://", "https://")):
        domain = domain.split("://", 1)[1].split("/")[0]
    if not domain or len(domain) > 255 or any(c.isspace() or c in "/@?#" for c in domain) or "." not in domain:
        raise ActionError(_("Enter a domain name such as example.com."), field="domain")
    return domain


def check_severity(severity: str) -> str:
    severity = (severity or "suspend").strip().lower()
    if severity == "limit":
        severity = DomainPolicy.Severity.SILENCE
    if severity not in DomainPolicy.Severity.values:
        raise ActionError(_("Severity is suspend, silence (limit) or noop."), field="severity")
    return severity


def _sever(domain: str) -> None:
    """A suspended domain: follows between its accounts and ours end (without federating)."""
    from accounts.actions import do_unfollow

    remote = Account.objects.filter(domain__iexact=domain) | Account.objects.filter(domain__iendswith="." + domain)
    for follow in Follow.objects.filter(follower__in=remote).select_related("follower", "target"):
        do_unfollow(follow.follower, follow.target, federate=False)
    for follow in Follow.objects.filter(target__in=remote).select_related("follower", "target"):
        do_unfollow(follow.follower, follow.target, federate=False)


@transaction.atomic
def do_set_domain_policy(
    domain: str,
    *,
    severity: str = DomainPolicy.Severity.SUSPEND,
    reject_media: bool = False,
    reject_reports: bool = False,
    public_comment: str = "",
    private_comment: str = "",
    obfuscate: bool = False,
    acting_user: object = None,
) -> DomainPolicy:
    domain = check_domain(domain)
    severity = check_severity(severity)
    policy, _created = DomainPolicy.objects.update_or_create(
        domain=domain,
        defaults={
            "severity": severity,
            "reject_media": bool(reject_media),
            "reject_reports": bool(reject_reports),
            "public_comment": (public_comment or "")[:1000],
            "private_comment": (private_comment or "")[:1000],
            "obfuscate": bool(obfuscate),
        },
    )
    accounts = Account.objects.filter(domain__iexact=domain) | Account.objects.filter(domain__iendswith="." + domain)
    if severity == DomainPolicy.Severity.SUSPEND:
        _sever(domain)
    accounts.update(limited=severity == DomainPolicy.Severity.SILENCE)
    logger.info("domain policy %s: %s by %s", domain, severity, acting_user)
    return policy


@transaction.atomic
def do_remove_domain_policy(domain: str, *, acting_user: object = None) -> bool:
    domain = (domain or "").strip().lower()
    deleted, _n = DomainPolicy.objects.filter(domain=domain).delete()
    if deleted:
        Account.objects.filter(domain__iexact=domain).update(limited=False)
        logger.info("domain policy %s removed by %s", domain, acting_user)
    return bool(deleted)


def _flag(value: str) -> bool:
    return (value or "").strip().lower() in {"true", "1", "yes"}


def do_import_blocklist(text: str, *, acting_user: object = None) -> tuple[int, list[str]]:
    """Import a Mastodon CSV blocklist; returns (rows applied, errors per bad row)."""
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames or not ({"#domain", "domain"} & set(reader.fieldnames)):
        raise ActionError(_("This is not a Mastodon domain blocklist (no #domain column)."), field="file")
    applied, errors = 0, []
    for number, row in enumerate(reader, start=2):
        if number > MAX_IMPORT_ROWS:
            errors.append(_("Only the first %(n)d rows are imported.") % {"n": MAX_IMPORT_ROWS})
            break

        def get(name: str, row: dict[str, str] = row) -> str:
            return row.get(f"#{name}") or row.get(name) or ""

        try:
            do_set_domain_policy(
                get("domain"),
                severity=get("severity") or "suspend",
                reject_media=_flag(get("reject_media")),
                reject_reports=_flag(get("reject_reports")),
                public_comment=get("public_comment"),
                obfuscate=_flag(get("obfuscate")),
                acting_user=acting_user,
            )
            applied += 1
        except ActionError as e:
            errors.append(f"line {number}: {e.message}")
    return applied, errors


def export_blocklist() -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for p in DomainPolicy.objects.order_by("domain"):
        writer.writerow(
            [p.domain, p.severity, str(p.reject_media).lower(), str(p.reject_reports).lower(), p.public_comment,
             str(p.obfuscate).lower()]
        )  # fmt: skip
    return out.getvalue()
