"""The officer's "What changed": each recent outcome change of an applicant, in a sentence."""

from django import template

from screening.job_words import change_sentence
from screening.selectors_jobs import level_titles

register = template.Library()


@register.inclusion_tag("screening/partials/what_changed.html")
def what_changed(changes):
    """Sentences for `changes` (newest first), level titles looked up once."""
    titles = level_titles() if changes else {}
    return {
        "sentences": [
            {"at": change.at, "text": change_sentence(change, titles), "job": change.job}
            for change in changes
        ]
    }
