"""Mastodon entities (docs.joinmastodon.org/entities/) rendered from Tribune's models."""
