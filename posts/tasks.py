"""Background work for posts: arguments are ids, every task is idempotent."""

from django_tasks import task


@task(queue_name="media")
def attach_card(post_id: int) -> None:
    from posts.cards import do_attach_card

    do_attach_card(post_id)
