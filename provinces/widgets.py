from django import forms


class ProvincePicker(forms.CheckboxSelectMultiple):
    """Every province as a check box, in dictionary order, with a box to type a name into.

    Without script it is a plain list of check boxes; with script (static/js/picker.js) typing
    Thai or English shows only the matching provinces and the chosen ones are counted aloud.
    ``choices`` are ``(code, label, search text)``-shaped through ``search``.
    """

    template_name = "provinces/picker.html"

    def __init__(self, attrs=None, search=None):
        super().__init__(attrs)
        self.search = search or {}

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        option["search"] = self.search.get(str(value), str(label))
        return option
