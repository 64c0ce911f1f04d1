"""The rule builder: a route's rule as a tree of small forms, one per requirement.

Each requirement is a form prefixed by its place in the tree (`r`, `r-0`, `r-0-1` …); a group
(all of / any of) holds `count` parts. Choices come from the rule language's vocabulary and
the document (named definitions, levels, class codes, parenthetics), never free text.
Buttons send `op=add:<path>`, `op=remove:<path>`, `op=up:<path>`, `op=down:<path>`; the page
is shown again with the change made (JavaScript off works the same). A `where` the builder
cannot show as one choice (a combination) is kept as stored, read back in words.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from django import forms
from django.utils.translation import gettext_lazy as _

from screening.engine.describe import describe, describe_predicate
from screening.engine.errors import RuleError
from screening.engine.rules import parse_predicate, parse_requirement
from screening.engine.vocab import (
    CREDENTIAL_WORDS,
    DUTY_WORDS,
    JURISDICTIONS,
    REQUIRED_CREDENTIALS,
    SERVICE_STATUSES,
    SETTING_WORDS,
    words,
)

MAX_DEPTH = 4  # groups inside groups, at most
MAX_PARTS = 10  # parts of one group
KEPT = "kept"
GROUPS = ("all", "any")
KINDS = (
    ("all", _("All of these")),
    ("any", _("Any one of these")),
    ("credential", _("Education: a credential")),
    ("hours", _("Education: college semester hours")),
    ("experience", _("Experience: months of work")),
    ("service", _("Civil service in a title")),
    ("level", _("The qualifications of another level")),
)


@dataclass(frozen=True)
class Vocabulary:
    """The document's names the builder offers: definitions, levels, codes, parenthetics."""

    predicates: tuple[str, ...] = ()
    levels: tuple[tuple[str, str], ...] = ()
    codes: tuple[tuple[str, str], ...] = ()
    parenthetics: tuple[str, ...] = ()

    @classmethod
    def of(cls, document: dict, *, except_level: str = "") -> Vocabulary:
        from classification.editor.document import level_title

        levels = [lv for lv in document.get("levels") or [] if isinstance(lv, dict)]
        return cls(
            predicates=tuple(document.get("predicates") or {}),
            levels=tuple(
                (str(lv.get("id")), level_title(lv))
                for lv in levels
                if lv.get("id") and lv.get("id") != except_level
            ),
            codes=tuple(
                (str(lv["code"]), f"{lv['code']}: {level_title(lv)}")
                for lv in levels
                if lv.get("code")
            ),
            parenthetics=tuple(
                str(p.get("code")) for p in document.get("parenthetics") or [] if p.get("code")
            ),
        )


def _where_choices(vocabulary: Vocabulary, kept_words: str) -> list[tuple[str, str]]:
    choices = [("", _("any work experience"))]
    choices += [
        (f"ref:{n}", _("as defined: %(name)s") % {"name": words(n)}) for n in vocabulary.predicates
    ]
    choices += [
        (f"duty:{d}", _("duties include %(duty)s") % {"duty": w}) for d, w in DUTY_WORDS.items()
    ]
    choices += [
        (f"setting:{s}", _("in %(setting)s") % {"setting": w}) for s, w in SETTING_WORDS.items()
    ]
    if kept_words:
        choices.append((KEPT, _("as stored: %(words)s") % {"words": kept_words}))
    return choices  # fmt: skip


def _kept_words(raw) -> str:
    """The kept `where` in words ("" when there is none or it is not a predicate)."""
    if not raw:
        return ""
    try:
        return describe_predicate(parse_predicate(json.loads(raw)))
    except (RuleError, ValueError, TypeError):
        return ""


def _number(label, maximum):
    return forms.IntegerField(label=label, required=False, min_value=1, max_value=maximum)


class RuleNodeForm(forms.Form):
    """One requirement of the rule; which fields count depends on its kind."""

    kind = forms.ChoiceField(label=_("Requirement"), choices=KINDS)
    label = forms.CharField(label=_("Label (optional)"), required=False, max_length=200)
    credential = forms.ChoiceField(
        label=_("Credential"),
        required=False,
        choices=[("", "—"), *[(c, CREDENTIAL_WORDS[c]) for c in REQUIRED_CREDENTIALS]],
    )
    hours = _number(_("Semester hours"), 300)
    months = _number(_("Months"), 600)
    where = forms.ChoiceField(label=_("Kind of experience"), required=False)
    where_kept = forms.CharField(required=False, widget=forms.HiddenInput, max_length=5000)
    paid = forms.BooleanField(label=_("Paid experience only"), required=False)
    of_which_months = _number(_("Of which, months (optional)"), 600)
    of_which_where = forms.ChoiceField(label=_("Of which, kind of experience"), required=False)
    of_which_kept = forms.CharField(required=False, widget=forms.HiddenInput, max_length=5000)
    of_which_label = forms.CharField(
        label=_("Of which, label (optional)"), required=False, max_length=200
    )
    class_code = forms.ChoiceField(label=_("Civil service title"), required=False)
    parenthetic = forms.ChoiceField(label=_("Parenthetic"), required=False)
    status = forms.MultipleChoiceField(
        label=_("Status"),
        required=False,
        choices=[(s, words(s)) for s in SERVICE_STATUSES],
        widget=forms.CheckboxSelectMultiple,
    )
    jurisdiction = forms.MultipleChoiceField(
        label=_("Jurisdiction"),
        required=False,
        choices=[(j, words(j)) for j in JURISDICTIONS],
        widget=forms.CheckboxSelectMultiple,
    )
    level = forms.ChoiceField(label=_("Level"), required=False)
    extra = forms.CharField(required=False, widget=forms.HiddenInput, max_length=5000)
    count = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=0)
    new = forms.ChoiceField(label=_("Kind of the new part"), required=False, choices=KINDS)

    def __init__(self, *args, vocabulary: Vocabulary, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["where"].choices = _where_choices(
            vocabulary, _kept_words(self._raw("where_kept"))
        )
        self.fields["of_which_where"].choices = _where_choices(
            vocabulary, _kept_words(self._raw("of_which_kept"))
        )
        self.fields["class_code"].choices = [("", "—"), *vocabulary.codes]
        self.fields["parenthetic"].choices = [
            ("", _("none")),
            *[(p, p) for p in vocabulary.parenthetics],
        ]
        self.fields["level"].choices = [("", "—"), *vocabulary.levels]  # fmt: skip

    def _raw(self, name):
        return self[name].value()

    @property
    def chosen_kind(self) -> str:
        return str(self._raw("kind") or "")

    def clean(self):
        data = super().clean()
        needed = {
            "credential": (("credential", _("Choose the credential.")),),
            "hours": (("hours", _("Enter the number of semester hours.")),),
            "experience": (("months", _("Enter the number of months of experience.")),),
            "service": (
                ("months", _("Enter the number of months of service.")),
                ("class_code", _("Choose the civil service title.")),
                ("status", _("Tick at least one status.")),
                ("jurisdiction", _("Tick at least one jurisdiction.")),
            ),
            "level": (("level", _("Choose the level.")),),
        }
        for name, message in needed.get(data.get("kind"), ()):
            if not data.get(name):
                self.add_error(name, message)
        of_which, months = data.get("of_which_months"), data.get("months")
        if data.get("kind") == "experience" and of_which and months and of_which > months:
            self.add_error(
                "of_which_months",
                _("The months “of which” cannot be more than the months of experience."),
            )
        return data


@dataclass
class Node:
    path: str
    form: RuleNodeForm
    children: list[Node] = field(default_factory=list)
    depth: int = 0

    @property
    def number(self) -> str:
        """Its place for people: "1.2" (the second part of the first part)."""
        return ".".join(str(int(p) + 1) for p in self.path.split("-")[1:])

    @property
    def is_group(self) -> bool:
        return self.form.chosen_kind in GROUPS

    @property
    def can_nest(self) -> bool:
        return self.depth < MAX_DEPTH and len(self.children) < MAX_PARTS

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


# ---------------------------------------------------------------------------
# A rule (dict) <-> initial values of the tree ("spec": initial values and children).


def _where_initial(where) -> tuple[str, str]:
    if where is None:
        return "", ""
    if isinstance(where, dict) and len(where) == 1:
        ((key, value),) = where.items()
        if key in ("ref", "duty", "setting") and isinstance(value, str):
            return f"{key}:{value}", ""
    return KEPT, json.dumps(where)


def spec_of(rule) -> dict:
    """The builder's initial values for a rule (as stored in the document)."""
    rule = rule if isinstance(rule, dict) else {}
    initial = {"label": rule.get("label") or ""}
    children = []
    if "all" in rule or "any" in rule:
        kind = "all" if "all" in rule else "any"
        parts = rule[kind] if isinstance(rule[kind], list) else []
        children = [spec_of(part) for part in parts]
        initial.update(kind=kind)
    elif isinstance(rule.get("education"), dict):
        body = dict(rule["education"])
        if "semester_hours" in body:
            initial.update(kind="hours", hours=body.get("semester_hours"))
        else:
            initial.update(kind="credential", credential=body.pop("credential", ""))
            initial["extra"] = json.dumps(body) if body else ""
    elif isinstance(rule.get("experience"), dict):
        initial.update(_experience_initial(rule["experience"]))
    elif isinstance(rule.get("service"), dict):
        body = rule["service"]
        initial.update(
            kind="service",
            months=body.get("months"),
            class_code=body.get("class_code") or "",
            parenthetic=body.get("parenthetic") or "",
            status=list(body.get("status") or ["permanent", "contingent_permanent"]),
            jurisdiction=list(body.get("jurisdiction") or ["competitive"]),
        )
    elif "level" in rule:
        initial.update(kind="level", level=rule.get("level") or "")
    else:
        initial.update(kind="all")
    return {"initial": initial, "children": children}


def _experience_initial(body: dict) -> dict:
    where, kept = _where_initial(body.get("where"))
    initial = {
        "kind": "experience",
        "months": body.get("months"),
        "where": where,
        "where_kept": kept,
        "paid": bool(body.get("paid")),
    }
    of_which = body.get("of_which")
    if isinstance(of_which, dict):
        where, kept = _where_initial(of_which.get("where"))
        initial.update(
            of_which_months=of_which.get("months"),
            of_which_where=where,
            of_which_kept=kept,
            of_which_label=of_which.get("label") or "",
        )
    return initial


def _where_of(choice: str, kept: str):
    if choice == KEPT:
        try:
            return json.loads(kept)
        except ValueError:
            return None
    if not choice:
        return None
    key, _, value = choice.partition(":")
    return {key: value}


def rule_of(node: Node) -> dict:
    """The rule a (valid) tree encodes, in the document's form."""
    data = node.form.cleaned_data
    kind = data["kind"]
    if kind in GROUPS:
        rule = {kind: [rule_of(child) for child in node.children]}
    elif kind == "credential":
        extra = json.loads(data["extra"]) if data.get("extra") else {}
        rule = {"education": {"credential": data["credential"], **extra}}
    elif kind == "hours":
        rule = {"education": {"semester_hours": data["hours"]}}
    elif kind == "experience":
        rule = {"experience": _experience_of(data)}
    elif kind == "service":
        rule = {
            "service": {
                "months": data["months"],
                "class_code": data["class_code"],
                "parenthetic": data["parenthetic"] or None,
                "status": list(data["status"]),
                "jurisdiction": list(data["jurisdiction"]),
            }
        }
    else:
        rule = {"level": data["level"]}
    if data.get("label", "").strip():
        rule["label"] = data["label"].strip()
    return rule


def _experience_of(data: dict) -> dict:
    body = {"months": data["months"]}
    where = _where_of(data["where"], data["where_kept"])
    if where is not None:
        body["where"] = where
    if data["paid"]:
        body["paid"] = True
    if data.get("of_which_months"):
        of_which = {"months": data["of_which_months"]}
        of_which["where"] = _where_of(data["of_which_where"], data["of_which_kept"]) or {}
        if data.get("of_which_label", "").strip():
            of_which["label"] = data["of_which_label"].strip()
        body["of_which"] = of_which
    return body


# ---------------------------------------------------------------------------
# Building the tree: from a spec (unbound) or from the POST data (bound).


def tree_of(spec: dict, vocabulary: Vocabulary, path: str = "r", depth: int = 0) -> Node:
    children = spec["children"][:MAX_PARTS] if depth < MAX_DEPTH else []
    initial = {**spec["initial"], "count": len(children)}
    form = RuleNodeForm(prefix=path, initial=initial, vocabulary=vocabulary)
    node = Node(path, form, depth=depth)
    if form.chosen_kind in GROUPS:
        node.children = [
            tree_of(child, vocabulary, f"{path}-{i}", depth + 1) for i, child in enumerate(children)
        ]
    return node


def bound_tree(data, vocabulary: Vocabulary, path: str = "r", depth: int = 0) -> Node:
    form = RuleNodeForm(data, prefix=path, vocabulary=vocabulary)
    node = Node(path, form, depth=depth)
    if form.chosen_kind in GROUPS and depth < MAX_DEPTH:
        try:
            count = max(0, min(int(data.get(f"{path}-count") or 0), MAX_PARTS))
        except ValueError:
            count = 0
        node.children = [
            bound_tree(data, vocabulary, f"{path}-{i}", depth + 1) for i in range(count)
        ]
    return node


def tree_valid(node: Node) -> bool:
    valid = all([n.form.is_valid() for n in node.walk()])
    for n in node.walk():
        if n.is_group and not n.children:
            n.form.add_error(
                None, _("A group needs at least one part: add one or remove the group.")
            )
            valid = False
    return valid


def tree_errors(node: Node) -> list[tuple[str, str, str]]:
    """(path, field label, message) of every error in the tree, for the error summary."""
    found = []
    for n in node.walk():
        for name, errors in n.form.errors.items():
            label = n.form.fields[name].label if name in n.form.fields else _("Group")
            anchor = f"id_{n.path}-{name}" if name in n.form.fields else f"node-{n.path}"
            found += [(anchor, str(label), str(message)) for message in errors]
    return found


def _spec_now(node: Node) -> dict:
    """The tree's values as typed, to build it again after a change of shape."""
    initial = {name: node.form[name].value() for name in node.form.fields}
    return {"initial": initial, "children": [_spec_now(c) for c in node.children]}


def tree_apply(node: Node, op: str, vocabulary: Vocabulary) -> Node | None:
    """The tree with a part added, removed or moved (None when `op` is not a tree change)."""
    action, _, path = op.partition(":")
    if action not in ("add", "remove", "up", "down") or not path.startswith("r"):
        return None
    spec = _spec_now(node)
    parent_path, _, index = path.rpartition("-")
    if action == "add":
        target = _find(spec, path)
        kind = (target or {}).get("initial", {}).get("new") or "experience"
        if target is not None and len(target["children"]) < MAX_PARTS:
            target["children"].append({"initial": {"kind": kind}, "children": []})
    elif parent_path and index.isdigit():
        _move(_find(spec, parent_path), int(index), action)
    return tree_of(spec, vocabulary)


def _find(spec: dict, path: str) -> dict | None:
    for part in path.split("-")[1:]:
        if not part.isdigit() or int(part) >= len(spec["children"]):
            return None
        spec = spec["children"][int(part)]
    return spec


def _move(parent: dict | None, index: int, action: str) -> None:
    if parent is None or index >= len(parent["children"]):
        return
    parts = parent["children"]
    if action == "remove":
        del parts[index]
        return
    other = index - 1 if action == "up" else index + 1
    if 0 <= other < len(parts):
        parts[index], parts[other] = parts[other], parts[index]


# ---------------------------------------------------------------------------
# The rule read back in plain language.


def read_back(rule: dict, document: dict) -> tuple[str, list[str]]:
    """The rule in words, or "" and the rule's problems in words."""
    try:
        predicates = {
            name: parse_predicate(body, path=f"predicates.{name}")
            for name, body in (document.get("predicates") or {}).items()
        }
        return describe(parse_requirement(rule, path="rule"), predicates=predicates), []
    except RuleError as exc:
        return "", list(exc.problems)
