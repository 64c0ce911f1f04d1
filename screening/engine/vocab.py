"""The vocabulary of screening-profile/1 and of the rule language (SCREENING.md)."""

from __future__ import annotations

CREDENTIALS = (
    "high_school_diploma",
    "high_school_equivalency",
    "college_credit",
    "associate",
    "bachelor",
    "master",
    "doctorate",
)
EMPLOYER_TYPES = ("government", "government_contractor", "private", "nonprofit")
GOVERNMENT_LEVELS = ("federal", "state", "county", "municipal")
OCCUPATIONS = (
    "call_center_agent",
    "customer_service_representative",
    "sales_representative",
    "telemarketer",
    "teacher",
    "cashier",
    "fast_food_worker",
    "gas_station_attendant",
    "security_guard",
    "other",
)
SETTINGS = ("call_center", "medical")
DUTIES = (
    "public_contact",
    "customer_service",
    "telephone_answering",
    "appointment_scheduling",
    "reception",
    "lead_work",
    "supervision",
    "management",
)
# The fields of each kind of entry, in the schema's order (`verified` last).
EDUCATION_FIELDS = (
    "credential",
    "semester_hours",
    "quarter_hours",
    "field",
    "cip",
    "institution",
    "country",
    "completed",
    "verified",
)
EXPERIENCE_FIELDS = (
    "title",
    "employer",
    "employer_type",
    "government_level",
    "occupation",
    "start",
    "end",
    "hours_per_week",
    "paid",
    "settings",
    "duties",
    "disciplines_scheduled",
    "verified",
)
SERVICE_FIELDS = (
    "title",
    "class_code",
    "parenthetic",
    "status",
    "jurisdiction",
    "start",
    "end",
    "verified",
)
SERVICE_STATUSES = ("permanent", "contingent_permanent", "provisional", "temporary")
JURISDICTIONS = ("competitive", "non_competitive", "exempt", "labor")

# Credential levels a rule may ask for, and the rank each profile credential has on
# that ladder (college credit is not a credential: it never meets "high school").
REQUIRED_CREDENTIALS = ("high_school", "associate", "bachelor", "master", "doctorate")
REQUIRED_RANK = {name: i + 1 for i, name in enumerate(REQUIRED_CREDENTIALS)}
CREDENTIAL_RANK = {
    "high_school_diploma": 1,
    "high_school_equivalency": 1,
    "college_credit": 0,
    "associate": 2,
    "bachelor": 3,
    "master": 4,
    "doctorate": 5,
}

# Words shown to people.
DUTY_WORDS = {
    "public_contact": "public contact",
    "customer_service": "customer service",
    "telephone_answering": "answering telephones",
    "appointment_scheduling": "scheduling appointments",
    "reception": "reception",
    "lead_work": "lead work",
    "supervision": "supervision",
    "management": "management",
}
SETTING_WORDS = {"call_center": "a call center", "medical": "a medical setting"}
EMPLOYER_WORDS = {
    "government": "a government agency",
    "government_contractor": "a government contractor",
    "private": "a private employer",
    "nonprofit": "a nonprofit",
}
CREDENTIAL_WORDS = {
    "high_school": "a high school diploma or equivalency",
    "associate": "an associate degree or higher",
    "bachelor": "a bachelor's degree or higher",
    "master": "a master's degree or higher",
    "doctorate": "a doctorate",
}
PROFILE_CREDENTIAL_WORDS = {
    "high_school_diploma": "high school diploma",
    "high_school_equivalency": "high school equivalency",
    "college_credit": "college credit",
    "associate": "associate degree",
    "bachelor": "bachelor's degree",
    "master": "master's degree",
    "doctorate": "doctorate",
}


def words(name: str) -> str:
    """A vocabulary word as plain words ("call_center_agent" -> "call center agent")."""
    return name.replace("_", " ")
