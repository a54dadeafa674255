"""Routers of the Mastodon client API, one file per area."""
