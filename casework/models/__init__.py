"""Casework models, one module per part (cases, documents, notices, eligible lists)."""

from casework.models.cases import Case, CaseStatus
from casework.models.documents import SupportingDocument
from casework.models.lists import EligibleList, EligibleListEntry, ListOrder
from casework.models.notices import Notice

__all__ = [
    "Case",
    "CaseStatus",
    "EligibleList",
    "EligibleListEntry",
    "ListOrder",
    "Notice",
    "SupportingDocument",
]
