"""Every change moderation makes goes through these functions (see STYLE.md, habits 1 and 2)."""

from moderation.actions.reports import check_report_category, do_create_report

__all__ = ["check_report_category", "do_create_report"]
