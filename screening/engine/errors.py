"""Exceptions of the screening engine."""

from __future__ import annotations


class RuleError(ValueError):
    """A rule, predicate or standard document breaks the rule language.

    `.problems` lists every problem found, each as "path: message".
    """

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        super().__init__("; ".join(self.problems) if self.problems else "invalid rule")


class ProfileInvalid(ValueError):
    """A profile document breaks the screening-profile/1 contract.

    `.errors` lists every problem as {"path": "experience[2].end", "message": "…"};
    problems of the document as a whole carry the path "$".
    """

    def __init__(self, errors: list[dict[str, str]]):
        self.errors = list(errors)
        super().__init__(
            "; ".join(f"{e['path']}: {e['message']}" for e in self.errors) or "invalid profile"
        )
