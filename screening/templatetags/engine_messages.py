"""Engine messages (screening/engine/messages.py) rendered in the reader's language."""

from django import template
from django.utils.translation import get_language

from screening.engine.messages import render

register = template.Library()


@register.filter
def engine_message(message, person: str = "second") -> str:
    """`{{ item.message|engine_message }}`; `"third"` for the officer ("The applicant has …").

    A list of messages renders as consecutive sentences. The text is plain (autoescaped).
    """
    if not message:
        return ""
    return render(message, get_language(), "third" if person == "third" else "second")
