"""Every page is in the Spanish catalog: every string a template or first-party module marks
for translation has a Spanish msgstr (non-empty, not fuzzy, its placeholders kept), and the
applicant-facing templates show no text outside translation tags.

The lists below are the one place that says which templates and modules applicants see;
extend them when a page for applicants is added.
"""

import ast
import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.template import engines
from django.template.base import Lexer, TokenType
from django.templatetags.i18n import BlockTranslateNode, TranslateNode

ROOT = Path(settings.BASE_DIR)
CATALOG = ROOT / "locale/es/LC_MESSAGES/django.po"

APPLICANT_TEMPLATES = (
    "base.html",
    "partials/language_switch.html",
    "403.html",
    "403_csrf.html",
    "404.html",
    "413.html",
    "500.html",
    "classification/home.html",
    "classification/partials/series_table.html",
    "classification/series_list.html",
    "classification/content/series_list.html",
    "classification/partials/as_of_form.html",
    "classification/partials/breadcrumbs.html",
    "classification/not_in_force.html",
    "classification/content/series_detail.html",
    "classification/content/level_detail.html",
    "classification/partials/level_body.html",
    "classification/partials/version_banner.html",
    "classification/partials/definitions.html",
    "classification/partials/series_appendix.html",
    "classification/partials/series_tools.html",
    "classification/partials/print_button.html",
    "classification/search.html",
    "classification/content/search.html",
    "classification/series_full_text.html",
    "classification/compare.html",
    "classification/version_history.html",
    "classification/ladder.html",
    "classification/content/ladder.html",
    "classification/partials/ladder_svg.html",
    "classification/content/version_history.html",
    "classification/content/compare.html",
    "classification/content/series_full_text.html",
    "registration/login.html",
    "registration/locked_out.html",
    "screening/applicant/results.html",
    "screening/applicant/my_profiles.html",
    "screening/applicant/my_profile.html",
    "screening/applicant/save.html",
    "screening/partials/results.html",
    "screening/partials/outcome_key.html",
    "screening/partials/standards_checked.html",
    "screening/partials/ways_to_qualify.html",
    "screening/partials/field.html",
    "screening/applicant/selfcheck.html",
    "screening/applicant/selfcheck_fields.html",
    "screening/applicant/entry_row.html",
    "screening/applicant/duty_hints.html",
    "screening/applicant/my_profile_edit.html",
    "casework/partials/entry_documents.html",
    "casework/partials/upload_form.html",
    "casework/partials/profile_notices.html",
    "casework/documents/entry.html",
    "casework/documents/remove.html",
    "casework/notices/body.html",
    "casework/notices/detail.html",
)
APPLICANT_MODULES = (
    "classification/templatetags/standards.py",
    "classification/forms.py",
    "classification/search.py",
    "classification/compare.py",
    "classification/ladder.py",
    "portal/context_processors.py",
    "portal/roles.py",
    "screening/presentation.py",
    "screening/words.py",
    "screening/views_applicant.py",
    "screening/forms_selfcheck.py",
    "screening/forms.py",
    "screening/selfcheck.py",
    "screening/services/profile_edit.py",
    "casework/forms.py",
    "casework/services/documents.py",
    "casework/documents_check.py",
    "casework/services/notices.py",
    "casework/views_documents.py",
)
_GETTEXT = {"_", "gettext", "gettext_lazy", "gettext_noop", "pgettext", "pgettext_lazy"}
_NGETTEXT = {"ngettext", "ngettext_lazy", "npgettext", "npgettext_lazy"}


def _catalog() -> dict:
    return {(e.msgctxt, e.msgid): e for e in polib.pofile(str(CATALOG)) if not e.obsolete}


def _template(name: str):
    return engines["django"].engine.get_template(name)


def _literal(expression):
    """A filter expression's string literal, or None for a variable."""
    if expression is None:
        return None
    var = expression.var
    return str(var) if isinstance(var, str) else var.literal


def _template_msgids(name: str) -> set[tuple]:
    nodelist = _template(name).nodelist
    found = set()
    for node in nodelist.get_nodes_by_type(TranslateNode):
        msgid = _literal(node.filter_expression)
        if msgid is not None:  # a variable's words are checked where they are written
            found.add((_literal(node.message_context), msgid))
    for node in nodelist.get_nodes_by_type(BlockTranslateNode):
        context = _literal(node.message_context)
        singular, _ = node.render_token_list(node.singular)
        found.add((context, singular))
    return found


def _module_msgids(path: str) -> set[tuple]:
    found = set()
    for call in ast.walk(ast.parse((ROOT / path).read_text())):
        if not isinstance(call, ast.Call) or not isinstance(call.func, ast.Name):
            continue
        literals = [a.value for a in call.args if isinstance(a, ast.Constant)]
        if call.func.id in _GETTEXT and literals:
            context = literals[0] if call.func.id.startswith("pgettext") else None
            found.add((context, literals[-1] if context else literals[0]))
        elif call.func.id in _NGETTEXT and literals:
            found.add((literals[0] if call.func.id.startswith("np") else None, literals[-2]))
    return found


def _untranslated(msgids: set[tuple]) -> list[str]:
    catalog = _catalog()
    missing = []
    for key in sorted(msgids, key=repr):
        entry = catalog.get(key)
        done = entry is not None and "fuzzy" not in entry.flags
        if done:
            done = all(entry.msgstr_plural.values()) if entry.msgid_plural else bool(entry.msgstr)
        if not done:
            missing.append(key[1])
    return missing


@pytest.mark.parametrize("name", APPLICANT_TEMPLATES)
def test_every_string_of_an_applicant_template_is_in_spanish(name):
    msgids = _template_msgids(name)
    assert msgids, f"{name} marks no string for translation"
    assert not _untranslated(msgids), f"{name}: not in the Spanish catalog"


@pytest.mark.parametrize("path", APPLICANT_MODULES)
def test_every_string_of_an_applicant_module_is_in_spanish(path):
    msgids = _module_msgids(path)
    assert msgids, f"{path} marks no string: is it still in use?"
    assert not _untranslated(msgids), f"{path}: not in the Spanish catalog"


# Text that needs no translation: punctuation, numbers, the few symbols pages use.
_TAGS = re.compile(r"<[^>]*>|&[a-z]+;|&#\d+;|\{#.*?#\}", re.S)
_WORD = re.compile(r"[^\W\d_]{2,}")


def _text_outside_translation(source: str) -> str:
    """The template's markup with translated blocks and every tag and variable left out."""
    kept, inside = [], False
    for token in Lexer(source).tokenize():
        if token.token_type == TokenType.BLOCK:
            command = token.contents.split()[0] if token.contents else ""
            if command in ("blocktranslate", "blocktrans", "comment"):
                inside = True
            elif command in ("endblocktranslate", "endblocktrans", "endcomment"):
                inside = False
            kept.append("§")
        elif token.token_type == TokenType.VAR:
            kept.append("§")
        elif token.token_type == TokenType.TEXT and not inside:
            kept.append(token.contents)
    return _TAGS.sub(" ", "".join(kept))


@pytest.mark.parametrize("name", APPLICANT_TEMPLATES)
def test_an_applicant_template_shows_no_text_outside_translation_tags(name):
    words = _WORD.findall(_text_outside_translation(_template(name).source))
    assert not words, f"{name}: visible text outside {{% translate %}}: {words}"


def test_the_checks_find_what_is_missing(tmp_path):
    """The checks themselves can fail: an unknown msgid is reported, untagged text is found."""
    assert _untranslated({(None, "A sentence nobody translated")}) == [
        "A sentence nobody translated"
    ]
    source = (
        '<p class="{{ x }}">Plain {% translate "Fine" %} English</p>{# note #}'
        "{% comment %}Why{% endcomment %}{% blocktranslate %}Said{% endblocktranslate %}"
    )
    assert _WORD.findall(_text_outside_translation(source)) == ["Plain", "English"]


_PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w+\}|<[^>]+>")


def test_every_translation_keeps_its_placeholders_and_markup():
    """A msgstr with another placeholder than its msgid fails at render time: found here."""
    wrong = []
    for entry in _catalog().values():
        # A plural form may follow the singular or the plural msgid ("There is a problem" /
        # "There are %(counter)s problems").
        msgids = (entry.msgid, entry.msgid_plural) if entry.msgid_plural else (entry.msgid,)
        expected = [sorted(_PLACEHOLDER.findall(m)) for m in msgids]
        translations = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        wrong += [t for t in translations if t and sorted(_PLACEHOLDER.findall(t)) not in expected]
    assert not wrong


def test_the_catalog_compiles_without_gettext_installed(tmp_path, monkeypatch):
    """On a machine without msgfmt, `make messages` compiles with polib (pure Python)."""
    import gettext
    import shutil

    from portal import compile_messages

    monkeypatch.setattr(shutil, "which", lambda name: None)
    target = tmp_path / "es" / "LC_MESSAGES"
    target.mkdir(parents=True)
    shutil.copy(CATALOG, target / "django.po")
    assert compile_messages.compile_all(tmp_path) == [target / "django.po"]
    with open(target / "django.mo", "rb") as mo:
        spanish = gettext.GNUTranslations(mo)
    assert spanish.gettext("Your results") == "Sus resultados"
    assert spanish.ngettext("%(n)s month", "%(n)s months", 2) == "%(n)s meses"
    assert compile_messages.compile_all(tmp_path) == []  # up to date: left alone


# The whole portal: staff pages too can be asked for in Spanish (the /es/ prefix), so every
# template and first-party module that marks a string has it in the catalog. Unlike the
# applicant lists above, a file that marks nothing is not required to.
FIRST_PARTY_PACKAGES = ("classification", "screening", "casework", "portal")
# drf-spectacular's Swagger page, overridden for its stylesheet: it marks nothing of ours.
THIRD_PARTY_TEMPLATES = ("drf_spectacular/",)


def _all_templates() -> list[str]:
    """Every template under templates/, by the name the loader knows it by."""
    base = ROOT / "templates"
    names = (p.relative_to(base).as_posix() for p in base.rglob("*.html"))
    return sorted(n for n in names if not n.startswith(THIRD_PARTY_TEMPLATES))


def _is_first_party_module(path: Path) -> bool:
    parts = path.relative_to(ROOT).parts
    return "migrations" not in parts and not any(
        p == "tests" or p.startswith("test_") or p == "conftest.py" for p in parts
    )


def _all_modules() -> list[str]:
    """Every first-party Python module (migrations and tests left out)."""
    found = (p for package in FIRST_PARTY_PACKAGES for p in (ROOT / package).rglob("*.py"))
    return sorted(p.relative_to(ROOT).as_posix() for p in found if _is_first_party_module(p))


@pytest.mark.parametrize("name", _all_templates())
def test_every_string_of_every_template_is_in_spanish(name):
    missing = _untranslated(_template_msgids(name))
    assert not missing, f"{name}: not in the Spanish catalog: {missing}"


@pytest.mark.parametrize("path", _all_modules())
def test_every_string_of_every_module_is_in_spanish(path):
    missing = _untranslated(_module_msgids(path))
    assert not missing, f"{path}: not in the Spanish catalog: {missing}"


def test_the_whole_portal_is_looked_at():
    """The discovery finds the applicant files and the staff ones, and no test or migration."""
    templates, modules = set(_all_templates()), set(_all_modules())
    assert set(APPLICANT_TEMPLATES) <= templates
    assert set(APPLICANT_MODULES) <= modules
    assert {"casework/cases/queue.html", "classification/editor/series.html"} <= templates
    assert {"casework/views_cases.py", "classification/views_editor.py"} <= modules
    assert not any("/migrations/" in m or "/tests/" in m for m in modules)


_FORMAT = re.compile(r"%\([a-z_]+\)[sd]")


def test_every_translation_keeps_exactly_the_placeholders_of_its_msgid():
    """Every msgstr has the same set of %(name)s placeholders as its msgid. A plural entry's
    other forms have the plural msgid's; its first (n == 1) may have either msgid's ("one entry"
    or "%(n)s entry")."""
    wrong = []
    for entry in _catalog().values():
        singular, plural = (
            set(_FORMAT.findall(entry.msgid)),
            set(_FORMAT.findall(entry.msgid_plural)),
        )
        if entry.msgid_plural:
            forms = [
                (t, [singular, plural] if int(n) == 0 else [plural])
                for n, t in entry.msgstr_plural.items()
            ]
        else:
            forms = [(entry.msgstr, [singular])]
        wrong += [
            (entry.msgid, t)
            for t, expected in forms
            if t and set(_FORMAT.findall(t)) not in expected
        ]
    assert not wrong
