"""Casework models, one module per part (cases, documents, notices, eligible lists)."""

from casework.models.cases import Case, CaseStatus

__all__ = ["Case", "CaseStatus"]
