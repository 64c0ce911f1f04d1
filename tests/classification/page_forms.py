"""What a browser would send for a page's form: every field's current value, no button."""

from html.parser import HTMLParser


class _FormFields(HTMLParser):
    def __init__(self, index: int):
        super().__init__()
        self.index, self.form, self.fields = index, -1, []
        self._in_main = False
        self._textarea = self._select = None
        self._selected = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "main":
            self._in_main = True
        if tag == "form" and self._in_main:
            self.form += 1
        if not self._in_main or self.form != self.index:
            return
        if tag == "input" and a.get("name") and a.get("type") not in ("submit", "button"):
            if a.get("type") in ("checkbox", "radio") and "checked" not in a:
                return
            on = "on" if a.get("type") in ("checkbox", "radio") else ""
            self.fields.append([a["name"], a.get("value", on)])
        elif tag == "textarea":
            self._textarea = [a["name"], ""]
            self.fields.append(self._textarea)
        elif tag == "select":
            self._select, self._selected = a["name"], False
            self.fields.append([a["name"], None])
        elif tag == "option" and self._select:
            value = a.get("value", "")
            entry = self.fields[-1]
            if entry[1] is None or ("selected" in a and not self._selected):
                entry[1] = value
                self._selected = "selected" in a

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data


def form_data(response, index: int = 0) -> dict:
    """The fields of the `index`-th form of the page's main content (the header's forms, the
    language switch and signing out, are not counted) as POST data."""
    parser = _FormFields(index)
    parser.feed(response.content.decode())
    data: dict = {}
    for name, value in parser.fields:
        if value is None:
            continue
        if name in data:
            data[name] = [*(data[name] if isinstance(data[name], list) else [data[name]]), value]
        else:
            data[name] = value
    for name, value in data.items():  # a textarea's first newline is not part of its value
        if isinstance(value, str) and value.startswith("\n"):
            data[name] = value[1:]
    return data
