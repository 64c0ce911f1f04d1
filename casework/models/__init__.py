"""Casework models, one module per part (cases, documents, notices, eligible lists)."""

from casework.models.documents import SupportingDocument

__all__ = ["SupportingDocument"]
