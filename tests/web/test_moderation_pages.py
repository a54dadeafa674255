"""Moderation as the people concerned meet it on the web: notices in their language with an
appeal button that works, appeals decided even by a lone moderator, the moderation pages and
the transparency report translated and linked."""

from datetime import timedelta

from django.test import Client
from django.utils import timezone

from accounts.models import Account
from moderation.actions import do_create_report, do_decide, do_remove_post
from moderation.models import Appeal, AuditEntry, QueueItem
from notifications.models import Notification
from posts.actions import do_create_post


def login(account: Account, language: str = "") -> Client:
    client = Client()
    client.force_login(account.user)
    if language:
        client.cookies["tribune_language"] = language
    return client


def _settled(account: Account) -> Account:
    Account.objects.filter(pk=account.pk).update(created_at=timezone.now() - timedelta(days=7), posts_count=3)
    account.refresh_from_db()
    return account


def test_a_hold_notice_is_written_for_the_person_in_their_language(make_account, alice):
    mallory = _settled(make_account("mallory"))
    mallory.user.language = "fr"
    mallory.user.save(update_fields=["language"])
    post = do_create_post(mallory, "Je vais te b.u.t.e.r @alice, t'es mort")
    post.refresh_from_db()
    assert post.moderation_state == "held"
    hold = AuditEntry.objects.get(action="hold", target_post=post)
    notice = Notification.objects.get(recipient=mallory, type="moderation_warning")
    # The stored text (API, push) is French, without the scorer's internals.
    assert "modérateur" in notice.text and "Pas de menaces de violence" in notice.text
    assert "score" not in notice.text and "builtin:" not in notice.text and "seuil" not in notice.text

    html = login(mallory, "fr").get("/notifications").content.decode()
    assert "De la part des modérateurs" in html
    assert "Pas de menaces de violence contre qui que ce soit." in html
    assert "builtin:" not in html and "seuil" not in html and "score" not in html
    # Not sent "by" its recipient: no link to their own profile in the notice.
    assert 'href="/@mallory"' not in html.split("notice-moderation", 1)[1].split("</li>", 1)[0]
    # A working appeal button, to the form that takes the appeal.
    assert f'href="/moderation/appeals/{hold.pk}"' in html
    client = login(mallory, "fr")
    form = client.get(f"/moderation/appeals/{hold.pk}").content.decode()
    assert "Faire appel d’une décision de modération" in form and "builtin:" not in form
    assert client.post(f"/moderation/appeals/{hold.pk}", {"text": "Une blague entre amis"}).status_code == 200
    assert Appeal.objects.get(decision=hold).account == mallory
    again = client.get("/notifications").content.decode()
    assert "Vous avez fait appel de cette décision" in again


def test_a_moderators_note_is_passed_on_and_the_english_notice_reads_well(make_account, alice):
    moderator = make_account("moderator", staff=True)
    post = do_create_post(alice, "an ordinary post")
    item_post = do_create_post(alice, "buy cheap pills now")
    do_create_report(make_account("rep"), target=alice, posts=[item_post], category="spam")
    do_decide(QueueItem.objects.get(post=item_post), "remove", acting_user=moderator.user, reason="Advertising")
    html = login(alice).get("/notifications").content.decode()
    assert "From the moderators of" in html and "A moderator removed your post." in html
    assert "No spam." in html and "Advertising" in html
    assert post.pk  # the other post is untouched


def test_a_lone_moderator_decides_an_appeal_of_their_own_decision(make_account, alice):
    admin = make_account("boss", staff=True)
    post = do_create_post(alice, "a post")
    entry = do_remove_post(post, acting_user=admin.user, reason="threat", policy="violence")
    login(alice).post(f"/moderation/appeals/{entry.pk}", {"text": "It was a joke"})
    appeal = Appeal.objects.get()
    page = login(admin).get("/moderation/appeals/").content.decode()
    assert "self-review" in page
    response = login(admin).post("/moderation/appeals/", {"appeal": appeal.pk, "verdict": "reverse", "reason": "ok"})
    assert response.status_code == 302
    appeal.refresh_from_db()
    assert appeal.state == "reversed"
    decided = AuditEntry.objects.get(action="appeal_reversed")
    assert decided.details["self_review"] is True and decided.acting_user == admin.user
    post.refresh_from_db()
    assert post.moderation_state == "published"


def test_with_another_moderator_a_moderator_still_cannot_review_their_own_decision(make_account, alice):
    admin = make_account("boss", staff=True)
    make_account("second", staff=True)
    entry = do_remove_post(do_create_post(alice, "a post"), acting_user=admin.user, reason="x", policy="y")
    login(alice).post(f"/moderation/appeals/{entry.pk}", {"text": "please"})
    appeal = Appeal.objects.get()
    page = login(admin).post("/moderation/appeals/", {"appeal": appeal.pk, "verdict": "reverse"})
    assert page.status_code == 200 and "different moderator" in page.content.decode()
    appeal.refresh_from_db()
    assert appeal.state == "pending"


def test_moderation_pages_are_translated(make_account, alice):
    moderator = make_account("moderator", staff=True)
    post = do_create_post(alice, "I will kill you")
    client = login(moderator, "fr")
    queue = client.get("/moderation/").content.decode()
    assert "File de modération" in queue and "Priorité" in queue and "Violence ou menace" in queue
    item = QueueItem.objects.get(post=post)
    page = client.get(f"/moderation/items/{item.pk}").content.decode()
    assert "Retirer" in page and "Approuver" in page and "Audit" in page
    assert "Tableau de bord" in client.get("/moderation/dashboard").content.decode()
    assert "Aucun appel en attente." in client.get("/moderation/appeals/").content.decode()
    assert "Règles de mots" in client.get("/moderation/rules").content.decode()


def test_the_queues_reasons_are_in_the_moderators_language(make_account, alice, bob):
    moderator = make_account("moderator", staff=True)
    threat = do_create_post(_settled(make_account("mallory")), "I will kill you @alice")
    spam = do_create_post(bob, "buy cheap watches")
    client = login(alice, "fr")
    client.post(f"/@bob/report?post={spam.pk}", {"category": "spam", "posts": [spam.pk], "comment": "pub"})
    do_create_report(alice, target=bob, category="harassment", comment="again and again")
    # Stored in English whoever reported; read in the moderator's language.
    assert QueueItem.objects.get(post=spam).reason == "Reported for Spam: pub"
    queue = login(moderator, "fr").get("/moderation/").content.decode()
    assert "Signalé pour Harcèlement\u202f: again and again" in queue and "Signalé pour Spam\u202f: pub" in queue
    assert "Reported for" not in queue and "Harassment" not in queue
    item = QueueItem.objects.get(post=threat)
    page = login(moderator, "fr").get(f"/moderation/items/{item.pk}").content.decode()
    assert "Violence ou menace\u202f: le score de 0," in page and "a atteint le seuil" in page
    assert "reached the" not in page and "violence score" not in page
    english = login(moderator, "en").get(f"/moderation/items/{item.pk}").content.decode()
    assert "Violence or threat: score 0." in english and "threshold" in english


def test_transparency_is_linked_translated_and_counts_dismissals_as_such(make_account, alice):
    moderator = make_account("moderator", staff=True)
    author = make_account("author")
    post = do_create_post(author, "a harmless post")
    do_create_report(alice, target=author, posts=[post], category="spam")
    do_decide(QueueItem.objects.get(post=post), "dismiss", acting_user=moderator.user)
    entry = do_remove_post(do_create_post(author, "another"), acting_user=moderator.user, reason="x", policy="y")
    login(author).post(f"/moderation/appeals/{entry.pk}", {"text": "please"})
    home = Client().get("/").content.decode()
    assert 'href="/transparency"' in home
    english = Client().get("/transparency").content.decode()
    assert "1 appeal:" in english and "1 appeals" not in english
    assert "Dismissed (no breach found)" in english and '<th scope="col"' in english
    data = Client().get("/transparency?format=json").json()
    assert data["actions"]["dismiss"]["total"] == 1 and "approve" not in data["actions"]
    client = Client()
    client.cookies["tribune_language"] = "fr"
    french = client.get("/transparency").content.decode()
    assert "Rapport de transparence" in french and "1 signalement reçu" in french and "1 appel" in french
