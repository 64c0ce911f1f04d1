"""Words people read for the portal's codes, in the page's language (the engine's are English).

Also the names of the fields of study the shipped standards name by CIP code: applicants read
"Health administration", never "CIP 51.07".
"""

import re

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

CHOICE_WORDS = {
    # credentials
    "high_school_diploma": _("High school diploma"),
    "high_school_equivalency": _("High school equivalency"),
    "college_credit": _("College credit"),
    "associate": _("Associate degree"),
    "bachelor": _("Bachelor's degree"),
    "master": _("Master's degree"),
    "doctorate": _("Doctorate"),
    # employer types and government levels
    "government": _("Government"),
    "government_contractor": _("Government contractor"),
    "private": _("Private employer"),
    "nonprofit": _("Nonprofit"),
    "federal": _("Federal"),
    "state": _("State"),
    "county": _("County"),
    "municipal": _("Municipal"),
    # occupations
    "call_center_agent": _("Call center agent"),
    "customer_service_representative": _("Customer service representative"),
    "sales_representative": _("Sales representative"),
    "telemarketer": _("Telemarketer"),
    "teacher": _("Teacher"),
    "cashier": _("Cashier"),
    "fast_food_worker": _("Fast food worker"),
    "gas_station_attendant": _("Gas station attendant"),
    "security_guard": _("Security guard"),
    "other": _("Other"),
    # civil service status and jurisdiction
    "permanent": _("Permanent"),
    "contingent_permanent": _("Contingent permanent"),
    "provisional": _("Provisional"),
    "temporary": _("Temporary"),
    "competitive": _("Competitive"),
    "non_competitive": _("Non-competitive"),
    "exempt": _("Exempt"),
    "labor": _("Labor"),
    # settings
    "call_center": _("Call center"),
    "medical": _("Medical setting"),
}
VERIFICATION_WORDS = {
    "unverified": _("Not checked yet"),
    "verified": _("Verified"),
    "rejected": _("Rejected"),
}

# The CIP families and programmes the shipped standards name, longest code first.
CIP_FIELDS = {
    "51.2211": _("Health and health care administration"),
    "51.07": _("Health administration"),
    "52": _("Business"),
    "13": _("Education"),
    "51": _("Health professions"),
    "09": _("Communication"),
    "42": _("Psychology"),
    "44": _("Public administration and social services"),
    "45": _("Social sciences"),
}
_CIP_LIST = re.compile(r"\(CIP (\d{2}(?:\.\d{2,4})?(?:, \d{2}(?:\.\d{2,4})?)*)\)")
_CIP_ONE = re.compile(r"\bfield (\d{2}(?:\.\d{2,4})?)\b")


def word(code: str) -> str:
    """The word for a code, in the page's language ("" for none)."""
    if not code:
        return ""
    label = CHOICE_WORDS.get(code)
    return str(label) if label is not None else code.replace("_", " ")


def cip_field(code: str) -> str:
    """The name of the field a CIP code belongs to (the most specific one known)."""
    name = _known_field(code)
    return name if name else gettext("a field with code %(code)s") % {"code": code}


def _known_field(code: str) -> str:
    for known in sorted(CIP_FIELDS, key=len, reverse=True):
        if code == known or code.startswith(known + "."):
            return str(CIP_FIELDS[known])
    return ""


def _field_phrase(code: str) -> str:
    name = _known_field(code)
    if name:
        return gettext("the field %(name)s") % {"name": name}
    return gettext("a field with code %(code)s") % {"code": code}


def fields_named(text: str) -> str:
    """CIP codes in an engine sentence replaced by the fields' names."""
    text = _CIP_LIST.sub(
        lambda m: "(" + ", ".join(cip_field(c) for c in m.group(1).split(", ")) + ")", text
    )
    return _CIP_ONE.sub(lambda m: _field_phrase(m.group(1)), text)
