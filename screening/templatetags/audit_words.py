"""The audit trail in sentences, for the applicant's and the standard's pages."""

from django import template

from screening.audit_words import audit_sentences

register = template.Library()


@register.simple_tag
def audit_lines(records):
    """Each record with its sentence (`{% audit_lines records as lines %}`)."""
    return audit_sentences(records)
