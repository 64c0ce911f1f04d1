"""Casework models, one module per part (cases, documents, notices, eligible lists)."""
