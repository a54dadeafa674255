import pytest

from moderation.actions import do_appeal, do_decide_appeal, do_remove_post, do_warn
from moderation.models import Appeal, AuditEntry, Strike
from posts.actions import do_create_post
from tribune.lib.errors import ActionError, Forbidden, NotFound


@pytest.fixture
def mods(make_account):
    return make_account("mod1", staff=True).user, make_account("mod2", staff=True).user


def test_appeal_once_decided_by_a_different_moderator(alice, mods):
    first, second = mods
    post = do_create_post(alice, "a post")
    entry = do_remove_post(post, acting_user=first, reason="looked like a threat", policy="violence")
    appeal = do_appeal(alice, entry, "It was a quote from a novel.")
    with pytest.raises(ActionError) as again:
        do_appeal(alice, entry, "Please!")
    assert again.value.status == 409
    with pytest.raises(Forbidden):
        do_decide_appeal(appeal, acting_user=first, reverse=True)
    do_decide_appeal(appeal, acting_user=second, reverse=True, reason="it is a quote")
    post.refresh_from_db()
    appeal.refresh_from_db()
    assert post.moderation_state == "published"
    assert appeal.state == "reversed" and appeal.decided_by == second
    assert AuditEntry.objects.filter(action="appeal").exists()
    assert AuditEntry.objects.get(action="appeal_reversed").acting_user == second
    with pytest.raises(ActionError):
        do_decide_appeal(appeal, acting_user=second, reverse=False)


def test_only_the_concerned_person_appeals(alice, bob, mods):
    first, _second = mods
    entry = do_warn(alice, acting_user=first, reason="rude", policy="harassment")
    with pytest.raises(NotFound):
        do_appeal(bob, entry, "not me")
    with pytest.raises(ActionError):
        do_appeal(alice, entry, "   ")
    assert not Appeal.objects.exists()


def test_upheld_warning_keeps_the_strike_and_reversed_one_revokes_it(alice, mods):
    first, second = mods
    kept = do_warn(alice, acting_user=first, reason="rude", policy="harassment")
    revoked = do_warn(alice, acting_user=first, reason="rude again", policy="harassment")
    do_decide_appeal(do_appeal(alice, kept, "sorry"), acting_user=second, reverse=False)
    do_decide_appeal(do_appeal(alice, revoked, "not rude"), acting_user=second, reverse=True)
    assert Strike.objects.get(audit=kept).revoked_at is None
    assert Strike.objects.get(audit=revoked).revoked_at is not None


def test_held_by_the_scorer_can_be_appealed_and_any_moderator_decides(make_account, mods):
    first, _second = mods
    author = make_account("author")
    post = do_create_post(author, "I will kill you")
    hold = AuditEntry.objects.get(action="hold", target_post=post)
    appeal = do_appeal(author, hold, "song lyrics")
    do_decide_appeal(appeal, acting_user=first, reverse=True)
    post.refresh_from_db()
    assert post.moderation_state == "published"
    from moderation.models import QueueItem

    assert not QueueItem.objects.filter(post=post, state="open").exists()
