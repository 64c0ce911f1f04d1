"""Casework's write paths, one module per part."""
