"""The words the engine's messages embed, in English and Spanish (part of messages.CATALOGUE):
the profile's and the rules' vocabulary, fields of study, and the shipped standards' labels."""

from __future__ import annotations

# fmt: off
WORDS: dict[str, dict] = {
    # --- Vocabulary ------------------------------------------------------------------------
    "cred.high_school": {"en": "a high school diploma or equivalency",
                         "es": "un diploma de escuela secundaria o su equivalente"},
    "cred.associate": {"en": "an associate degree or higher",
                       "es": "un título de asociado o superior"},
    "cred.bachelor": {"en": "a bachelor's degree or higher",
                      "es": "un título de licenciatura o superior"},
    "cred.master": {"en": "a master's degree or higher", "es": "un título de maestría o superior"},
    "cred.doctorate": {"en": "a doctorate", "es": "un doctorado"},
    "held.high_school_diploma": {"en": "high school diploma",
                                 "es": "diploma de escuela secundaria"},
    "held.high_school_equivalency": {"en": "high school equivalency",
                                     "es": "certificado de equivalencia de escuela secundaria"},
    "held.college_credit": {"en": "college credit", "es": "expediente de créditos universitarios"},
    "held.associate": {"en": "associate degree", "es": "título de asociado"},
    "held.bachelor": {"en": "bachelor's degree", "es": "título de licenciatura"},
    "held.master": {"en": "master's degree", "es": "título de maestría"},
    "held.doctorate": {"en": "doctorate", "es": "título de doctorado"},
    "duty.public_contact": {"en": "public contact", "es": "el trato con el público"},
    "duty.customer_service": {"en": "customer service", "es": "el servicio al cliente"},
    "duty.telephone_answering": {"en": "answering telephones", "es": "contestar teléfonos"},
    "duty.appointment_scheduling": {"en": "scheduling appointments", "es": "programar citas"},
    "duty.reception": {"en": "reception", "es": "la recepción"},
    "duty.lead_work": {"en": "lead work", "es": "la coordinación de personal"},
    "duty.supervision": {"en": "supervision", "es": "la supervisión de personal"},
    "duty.management": {"en": "management", "es": "la gestión"},
    "setting.call_center": {"en": "a call center", "es": "un centro de llamadas"},
    "setting.medical": {"en": "a medical setting", "es": "un entorno médico"},
    "employer.government": {"en": "a government agency", "es": "una agencia gubernamental"},
    "employer.government_contractor": {"en": "a government contractor",
                                       "es": "un contratista del gobierno"},
    "employer.private": {"en": "a private employer", "es": "un empleador privado"},
    "employer.nonprofit": {"en": "a nonprofit", "es": "una organización sin fines de lucro"},
    "government.federal": {"en": "federal", "es": "federal"},
    "government.state": {"en": "state", "es": "estatal"},
    "government.county": {"en": "county", "es": "de condado"},
    "government.municipal": {"en": "municipal", "es": "municipal"},
    "occupation.call_center_agent": {"en": "call center agent",
                                     "es": "agente de centro de llamadas"},
    "occupation.customer_service_representative": {
        "en": "customer service representative", "es": "representante de servicio al cliente"},
    "occupation.sales_representative": {"en": "sales representative",
                                        "es": "representante de ventas"},
    "occupation.telemarketer": {"en": "telemarketer", "es": "operador de telemercadeo"},
    "occupation.teacher": {"en": "teacher", "es": "docente"},
    "occupation.cashier": {"en": "cashier", "es": "cajero"},
    "occupation.fast_food_worker": {"en": "fast food worker",
                                    "es": "empleado de comida rápida"},
    "occupation.gas_station_attendant": {"en": "gas station attendant",
                                         "es": "empleado de gasolinera"},
    "occupation.security_guard": {"en": "security guard", "es": "guardia de seguridad"},
    "occupation.other": {"en": "another occupation", "es": "otra ocupación"},
    "status.permanent": {"en": "permanent", "es": "permanente"},
    "status.contingent_permanent": {"en": "contingent permanent",
                                    "es": "permanente condicional"},
    "status.provisional": {"en": "provisional", "es": "provisional"},
    "status.temporary": {"en": "temporary", "es": "temporal"},
    "jurisdiction.competitive": {"en": "competitive", "es": "competitiva"},
    "jurisdiction.non_competitive": {"en": "non-competitive", "es": "no competitiva"},
    "jurisdiction.exempt": {"en": "exempt", "es": "exenta"},
    "jurisdiction.labor": {"en": "labor", "es": "laboral"},
    # Fields of study, named for people (a CIP code is never shown to an applicant).
    "field.09": {"en": "communication", "es": "comunicación"},
    "field.11": {"en": "computer and information sciences",
                 "es": "informática y ciencias de la información"},
    "field.13": {"en": "education", "es": "educación"},
    "field.14": {"en": "engineering", "es": "ingeniería"},
    "field.24": {"en": "liberal arts and general studies",
                 "es": "artes liberales y estudios generales"},
    "field.26": {"en": "biology", "es": "biología"},
    "field.42": {"en": "psychology", "es": "psicología"},
    "field.43": {"en": "criminal justice and protective services",
                 "es": "justicia penal y servicios de protección"},
    "field.44": {"en": "public administration and social services",
                 "es": "administración pública y servicios sociales"},
    "field.45": {"en": "social sciences", "es": "ciencias sociales"},
    "field.51": {"en": "the health professions", "es": "las profesiones de la salud"},
    "field.51.07": {"en": "health administration", "es": "administración de la salud"},
    "field.51.2211": {"en": "health services administration",
                      "es": "administración de servicios de salud"},
    "field.52": {"en": "business", "es": "administración de empresas"},
    "field.other": {"en": "another field", "es": "otra área"},
}
# fmt: on

# The shipped standards' own labels (series_data/), in Spanish. English uses the label as is.
LABELS: dict[str, dict[str, str]] = {
    "a high school diploma or equivalent": {
        "es": "un diploma de escuela secundaria o su equivalente"
    },
    "a high school diploma or GED": {"es": "un diploma de escuela secundaria o un GED"},
    "paid experience working with the public": {
        "es": "experiencia remunerada de trato con el público"
    },
    "experience answering telephones and scheduling appointments": {
        "es": "experiencia contestando teléfonos y programando citas"
    },
    "clinic reception or appointment scheduling experience in a medical environment": {
        "es": "experiencia en recepción de clínica o programación de citas en un entorno médico"
    },
    "experience scheduling for at least five disciplines": {
        "es": "experiencia programando citas para al menos cinco especialidades"
    },
    "the training and experience requirements of Call Center Representative I": {
        "es": "los requisitos de formación y experiencia de Call Center Representative I"
    },
    "the training and experience requirements of Call Center Representative II": {
        "es": "los requisitos de formación y experiencia de Call Center Representative II"
    },
    "work experience comparable to Call Center Representative I": {
        "es": "experiencia laboral comparable a la de Call Center Representative I"
    },
    "work experience comparable to Call Center Representative II": {
        "es": "experiencia laboral comparable a la de Call Center Representative II"
    },
    "direct supervisory experience": {"es": "experiencia en supervisión directa de personal"},
    "a bachelor's degree in business, education, health administration, or a related field": {
        "es": "un título de licenciatura en administración de empresas, educación, "
        "administración de la salud o un área afín"
    },
    "management experience in a call center or clinic": {
        "es": "experiencia en gestión en un centro de llamadas o una clínica"
    },
    "sixty college semester credit hours": {
        "es": "sesenta horas-crédito universitarias semestrales"
    },
    "customer service experience": {"es": "experiencia en servicio al cliente"},
    "a bachelor's degree": {"es": "un título de licenciatura"},
    "government call center customer service experience": {
        "es": "experiencia en servicio al cliente en un centro de llamadas de una agencia "
        "gubernamental"
    },
    "management and supervision of a unit or program area": {
        "es": "experiencia en gestión y supervisión de una unidad o área de programa"
    },
    "permanent competitive service as a Call Center Representative 1": {
        "es": "servicio permanente en la clase competitiva como Call Center Representative 1"
    },
    "permanent competitive service as a Call Center Representative 2": {
        "es": "servicio permanente en la clase competitiva como Call Center Representative 2"
    },
    "permanent competitive service as a Call Center Representative 1 (HESC)": {
        "es": "servicio permanente en la clase competitiva como Call Center Representative 1 (HESC)"
    },
}
