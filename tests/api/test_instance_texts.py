"""The privacy policy, the terms of service and the public list of blocked domains."""

from typing import Any

from django.test import Client

from federation.models import DomainPolicy
from web.actions import do_update_instance_settings


def test_policy_and_terms_follow_the_admin_page(make_account: Any, anon: Any) -> None:
    admin = make_account("chief", staff=True)
    assert anon.get("/api/v1/instance/terms_of_service").status_code == 404
    assert anon.get("/api/v1/instance/privacy_policy").json() == {
        "updated_at": "1970-01-01T00:00:00.000Z",
        "content": "",
    }
    client = Client()
    client.force_login(admin.user)
    form = {"name": "Tribune", "description": "", "rules": "", "privacy_policy": "We keep <little>.\n\nThat is all.",
            "terms": "Be kind."}  # fmt: skip
    assert client.post("/admin/instance", form).status_code == 302
    policy = anon.get("/api/v1/instance/privacy_policy").json()
    assert policy["content"] == "<p>We keep &lt;little&gt;.</p>\n\n<p>That is all.</p>"
    terms = anon.get("/api/v1/instance/terms_of_service").json()
    assert terms["content"] == "<p>Be kind.</p>" and terms["effective"] is True and terms["succeeded_by"] is None
    assert anon.get(f"/api/v1/instance/terms_of_service/{terms['effective_date']}").json() == terms
    assert anon.get("/api/v1/instance/terms_of_service/2001-01-01").status_code == 404
    # Saving the page again without changing the texts keeps their dates.
    do_update_instance_settings(admin.user, name="Renamed", description="", rules_text="",
                                privacy_policy=form["privacy_policy"], terms="Be kind.")  # fmt: skip
    assert anon.get("/api/v1/instance/privacy_policy").json()["updated_at"] == policy["updated_at"]
    page = client.get("/admin/instance").content.decode()
    assert "We keep &lt;little&gt;." in page and 'name="terms"' in page


def test_blocked_domains_are_public_and_obfuscated_when_asked(anon: Any) -> None:
    DomainPolicy.objects.create(domain="spam.example", severity="suspend", public_comment="spam")
    DomainPolicy.objects.create(domain="loud.example.net", severity="silence", obfuscate=True)
    DomainPolicy.objects.create(domain="pics.example", severity="noop", reject_media=True)
    blocks = anon.get("/api/v1/instance/domain_blocks").json()
    assert [(b["domain"], b["severity"], b["comment"]) for b in blocks] == [
        ("loud.*******.net", "silence", None),
        ("spam.example", "suspend", "spam"),
    ]
    assert len(blocks[0]["digest"]) == 64
