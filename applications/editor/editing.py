"""One step's forms behind one interface: bind, validate, turn into service data,
and put the service's field-path errors back onto the fields they name."""

from dataclasses import dataclass

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.datastructures import MultiValueDict

from ..amendments.facts import PUBLIC_FACTS, facts_are_public
from .dimensions import DimensionsStep
from .forms import SIMPLE_FORMS, AreaForm

# Posted names that are buttons or tokens, not what the person typed.
NOT_TYPED = frozenset({"csrfmiddlewaretoken", "add", "go"})


def typed(post) -> dict:
    """What was typed, as JSON for the stash: {name: [values]}."""
    return {k: post.getlist(k) for k in post if k not in NOT_TYPED}


def as_post(data: dict) -> MultiValueDict:
    return MultiValueDict({k: (v if isinstance(v, list) else [v]) for k, v in data.items()})


class SimpleStep:
    def __init__(self, step, data=None, *, proposal):
        cls = SIMPLE_FORMS[step]
        kwargs = {"initial": cls.initial_from(proposal)}
        if cls is AreaForm and facts_are_public(proposal):
            # Disabled fields take their initial value, so a post cannot change them.
            kwargs["locked"] = PUBLIC_FACTS
        self.form = cls(data, **kwargs) if data is not None else cls(**kwargs)

    def is_valid(self):
        return self.form.is_valid()

    def to_data(self):
        return self.form.to_data(), {"": self.form}

    def error_sources(self):
        yield self.form, "", "step-form"


def one_line_ending(post) -> MultiValueDict:
    """The posted values with every line break as a bare LF.

    A plain form post sends a textarea's line breaks as CRLF (the HTML standard);
    htmx's autosave sends them as LF. Stored as sent, an unchanged text would flip
    between the two with each way of saving, and comparing two versions would show
    changes nobody made.
    """
    return MultiValueDict({
        name: [v.replace("\r\n", "\n").replace("\r", "\n") if isinstance(v, str) else v
               for v in post.getlist(name)]
        for name in post
    })


def build(step, proposal, data=None):
    if data is not None:
        data = one_line_ending(data)
    if step == "dimensions":
        return DimensionsStep(data, proposal=proposal)
    return SimpleStep(step, data, proposal=proposal)


def _resolve(key, paths):
    """``plans[0].initiatives[1].budget_thb`` → (that row's form, ``budget_thb``)."""
    if "" in paths:
        return paths[""], key
    if key in paths:
        return paths[key], None
    prefix, _dot, name = key.rpartition(".")
    while prefix:
        if prefix in paths:
            return paths[prefix], name
        prefix, _dot, rest = prefix.rpartition(".")
        name = f"{rest}.{name}"
    return paths.get("plans"), None


def apply_errors(error: ValidationError, paths: dict):
    """Put each of the service's errors next to its field (or on its form when no field matches)."""
    for key, messages in error.message_dict.items():
        form, name = _resolve(key, paths)
        if form is None:
            continue
        if name == NON_FIELD_ERRORS or name not in form.fields:
            name = None
        for message in messages:
            form.add_error(name, message)


@dataclass(frozen=True)
class SummaryItem:
    label: str
    message: str
    anchor: str


def summary(editor) -> list:
    """Every error on the page, in order, each linking to its field."""
    items = []
    for form, context, anchor in editor.error_sources():
        if not form.is_bound:
            continue
        for name, errors in form.errors.items():
            if name == NON_FIELD_ERRORS:
                label, target = context, anchor
            else:
                bound = form[name]
                label = f"{context}: {bound.label}" if context else str(bound.label)
                target = _field_anchor(bound)
            items.extend(SummaryItem(label, str(message), target) for message in errors)
    formsets = []
    for section in getattr(editor, "chosen_sections", []):
        formsets += [(section, section.initiatives), (section, section.indicators)]
    for section, formset in formsets:
        if formset.is_bound:
            items.extend(SummaryItem(section.dimension.name, str(m), section.anchor) for m in formset.non_form_errors())
    return items


def _field_anchor(bound):
    # Radio buttons and check boxes have one id each: point at the first.
    if isinstance(bound.field.widget, forms.RadioSelect):
        return f"{bound.auto_id}_0"
    return bound.auto_id
