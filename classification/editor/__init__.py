"""The structured standard editor: a draft's document edited section by section (issue 13)."""
