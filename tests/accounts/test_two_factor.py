"""Two-factor log-in: set up and turned off in Settings, asked for at web log-in (and so at OAuth
authorization), refused by the password grant, limited as passwords are, required of moderators
where the instance says so."""

import re
import time
from typing import Any
from urllib.parse import quote

from django.test import Client

from accounts.models import Account
from accounts.two_factor import do_turn_on_two_factor
from tribune.lib import totp

PASSWORD = "correct horse battery"


def _code(secret: str, steps: int = 0) -> str:
    return totp.code_at(secret, time.time() + steps * totp.STEP)


def _turn_on(account: Account) -> str:
    """Two-factor log-in on for `account`, its last code taken one step ago; returns the secret."""
    secret = totp.new_secret()
    do_turn_on_two_factor(account.user, secret, _code(secret, -1))
    return secret


def _password(client: Client, username: str = "alice", next_url: str = "") -> Any:
    url = "/login" + (f"?next={quote(next_url)}" if next_url else "")
    return client.post(url, {"username": username, "password": PASSWORD, "next": next_url})


def test_set_up_in_settings_with_a_code_then_turn_off(alice: Account) -> None:
    browser = Client()
    browser.force_login(alice.user)
    assert "Set up two-factor log-in" in browser.get("/settings").content.decode()
    assert browser.post("/settings/two_factor", {"action": "start"}).status_code == 302
    page = browser.get("/settings").content.decode()
    uri = re.search(r'href="(otpauth://totp/[^"]+)"', page)
    assert uri is not None and "issuer=Tribune" in uri.group(1)
    secret = re.search(r"secret=([A-Z2-7]+)", uri.group(1)).group(1)  # type: ignore[union-attr]
    assert " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)) in page  # the key, typed by hand
    wrong = browser.post("/settings/two_factor", {"action": "enable", "code": _code(secret, 5)})
    assert wrong.status_code == 422 and "not the right one" in wrong.content.decode()
    alice.user.refresh_from_db()
    assert alice.user.totp_secret == ""
    used = _code(secret)  # the same string again below: a step boundary between the two would change a new one
    right = browser.post("/settings/two_factor", {"action": "enable", "code": used})
    assert right.status_code == 302
    alice.user.refresh_from_db()
    assert alice.user.totp_secret == secret
    assert "Turn off two-factor log-in" in browser.get("/settings").content.decode()
    # A second secret cannot replace the first without a code from it.
    other = totp.new_secret()
    assert browser.post("/settings/two_factor", {"action": "start"}).status_code == 302
    session = browser.session
    session["two_factor_setup"] = other
    session.save()
    replaced = browser.post("/settings/two_factor", {"action": "enable", "code": _code(other)})
    assert replaced.status_code == 422
    alice.user.refresh_from_db()
    assert alice.user.totp_secret == secret
    # Off again only with a code (the one just used for set-up is taken).
    assert browser.post("/settings/two_factor", {"action": "disable", "code": used}).status_code == 422
    assert browser.post("/settings/two_factor", {"action": "disable", "code": _code(secret, 1)}).status_code == 302
    alice.user.refresh_from_db()
    assert alice.user.totp_secret == ""


def test_log_in_asks_for_the_code_after_the_password(alice: Account) -> None:
    secret = _turn_on(alice)
    browser = Client()
    step_one = _password(browser, next_url="/explore")
    assert step_one.status_code == 302 and step_one["Location"] == "/login/code"
    assert browser.get("/home").status_code == 302  # not logged in yet
    assert "Code from your authenticator app" in browser.get("/login/code").content.decode()
    wrong = browser.post("/login/code", {"code": _code(secret, 3)})
    assert wrong.status_code == 400 and "not the right one" in wrong.content.decode()
    right = browser.post("/login/code", {"code": _code(secret)})
    assert right.status_code == 302 and right["Location"] == "/explore"
    assert browser.get("/home").status_code == 200
    # The same code does not log in a second time, anywhere.
    other = Client()
    _password(other)
    assert other.post("/login/code", {"code": _code(secret)}).status_code == 400
    # Without the password first there is nothing to give a code to.
    assert Client().post("/login/code", {"code": _code(secret, 1)})["Location"] == "/login"


def test_people_without_it_log_in_as_before(bob: Account) -> None:
    browser = Client()
    response = _password(browser, "bob")
    assert response.status_code == 302 and response["Location"] != "/login/code"
    assert browser.get("/home").status_code == 200


def test_a_waiting_log_in_expires(alice: Account, monkeypatch: Any) -> None:
    secret = _turn_on(alice)
    browser = Client()
    _password(browser)
    later = time.time() + 301
    monkeypatch.setattr(time, "time", lambda: later)
    assert browser.post("/login/code", {"code": _code(secret)})["Location"] == "/login"


def test_codes_are_limited_as_passwords(alice: Account, settings: Any) -> None:
    settings.ATTEMPT_LIMITS = {**settings.ATTEMPT_LIMITS, "login": {"address": (30, 900), "account": (3, 900)}}
    secret = _turn_on(alice)
    guesser = Client()
    _password(guesser)
    for n in range(3):
        assert guesser.post("/login/code", {"code": f"{n:06d}"}).status_code == 400
    refused = guesser.post("/login/code", {"code": _code(secret)})
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert Client().get("/home").status_code == 302


def test_the_password_grant_is_refused_with_a_reason(alice: Account, settings: Any) -> None:
    settings.OAUTH_PASSWORD_GRANT = True
    _turn_on(alice)
    app = Client().post("/api/v1/apps", {"client_name": "Bot", "redirect_uris": "urn:ietf:wg:oauth:2.0:oob"}).json()
    asked = {"client_id": app["client_id"], "client_secret": app["client_secret"], "grant_type": "password",
             "username": "alice@example.org", "password": PASSWORD}  # fmt: skip
    refused = Client().post("/oauth/token", asked)
    assert refused.status_code == 400 and refused.json()["error"] == "invalid_grant"
    assert "two-factor" in refused.json()["error_description"]
    french = Client().post("/oauth/token", asked, headers={"Accept-Language": "fr"})
    assert "double authentification" in french.json()["error_description"]


def test_oauth_authorization_goes_through_the_code(alice: Account) -> None:
    secret = _turn_on(alice)
    app = Client().post("/api/v1/apps", {"client_name": "App", "redirect_uris": "urn:ietf:wg:oauth:2.0:oob"}).json()
    authorize = (
        f"/oauth/authorize?response_type=code&client_id={app['client_id']}&redirect_uri=urn:ietf:wg:oauth:2.0:oob"
    )
    browser = Client()
    to_login = browser.get(authorize)
    assert to_login.status_code == 302 and to_login["Location"].startswith("/login")
    assert _password(browser, next_url=authorize)["Location"] == "/login/code"
    back = browser.post("/login/code", {"code": _code(secret)})
    assert back["Location"] == authorize
    assert 'name="allow"' in browser.get(authorize).content.decode()


def test_moderators_may_be_required_to_use_it(make_account: Any, settings: Any) -> None:
    moderator = make_account("mod", staff=True)
    browser = Client()
    browser.force_login(moderator.user)
    assert browser.get("/moderation/").status_code == 200
    settings.REQUIRE_2FA_FOR_MODERATORS = True
    for path in ("/moderation/", "/admin/"):
        sent = browser.get(path)
        assert sent.status_code == 302 and sent["Location"] == "/settings#two-factor", path
    page = browser.get("/settings").content.decode()
    assert "must use two-factor log-in" in page
    _turn_on(moderator)
    assert browser.get("/moderation/").status_code == 200
    assert browser.get("/admin/").status_code == 200


def test_in_french(alice: Account) -> None:
    secret = _turn_on(alice)
    browser = Client(headers={"Accept-Language": "fr"})
    _password(browser)
    assert "Code de votre application d’authentification" in browser.get("/login/code").content.decode()
    wrong = browser.post("/login/code", {"code": _code(secret, 3)})
    assert "Ce code n’est pas le bon" in wrong.content.decode()
