"""Text and rule in step: warnings where a level's printed qualification text and its
machine rule disagree (years, months, semester hours, credentials, "or" against any-of).

Pure functions over the class-standard/1 document; no Django.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class TextRuleWarning:
    level: str  # the level's id in its series
    route: str  # the qualification route's name as printed ("" for the level as a whole)
    message: str  # in words, for an analyst


def text_rule_warnings(document: dict) -> list[TextRuleWarning]:
    """Every disagreement between a level's printed text and its rule (empty: in step)."""
    # Placeholder until the consistency check lands (issue 13, editor helper).
    return []
