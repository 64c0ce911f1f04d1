"""Casework's pieces on other apps' pages (the case page, the applicant's profile)."""

from django import template

from casework.selectors import notices_of_profile

register = template.Library()


@register.simple_tag
def notices_of(profile):
    return list(notices_of_profile(profile=profile)) if profile else []
