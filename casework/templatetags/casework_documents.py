"""One entry's documents on file, with the form to add one (the case page, "My profile")."""

from django import template

from casework.forms import DocumentUploadForm
from casework.models import SupportingDocument

register = template.Library()


@register.inclusion_tag("casework/partials/entry_documents.html")
def entry_documents(profile, entry, officer=False, level=5):
    """`{% entry_documents profile entry officer=True %}` where an entry is shown; `level`:
    the heading's level under the entry's own."""
    return {
        "level": level,
        "profile": profile,
        "entry": entry,
        "kind": entry.kind,
        "key": f"{entry.kind}-{entry.pk}",
        "officer": officer,
        "documents": SupportingDocument.objects.filter(
            profile=profile, entry_kind=entry.kind, entry_id=entry.pk
        ),
        "form": DocumentUploadForm(),
    }
