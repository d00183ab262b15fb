from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..models import AgendaItem, Attendance, ConflictDeclaration, Resolution
from . import selectors, services
from .forms import CorrectionForm


def back_url(target) -> str:
    """Where the corrected row is shown: its agenda item, its meeting, or (scores) the admin."""
    if isinstance(target, Resolution):
        item = AgendaItem.objects.filter(resolution=target).only("pk").first()
        return reverse("agenda-item", args=[item.pk]) if item else reverse("meeting-detail", args=[target.meeting_id])
    if isinstance(target, Attendance):
        return reverse("meeting-detail", args=[target.meeting_id])
    if isinstance(target, ConflictDeclaration):
        return reverse("agenda-item", args=[target.agenda_item_id])
    return reverse("admin:reviews_scoresubmission_change", args=[target.pk])


def what_is_corrected(target) -> str:
    if isinstance(target, Resolution):
        return _("The resolution of meeting no. %(label)s, %(body)s, on %(ref)s %(name)s") % {
            "label": target.meeting.label, "body": target.meeting.body.name, "ref": target.proposal.reference,
            "name": target.proposal.name}
    if isinstance(target, Attendance):
        return _("The attendance of %(member)s at meeting no. %(label)s, %(body)s") % {
            "member": target.member.get_full_name() or target.member.username, "label": target.meeting.label,
            "body": target.meeting.body.name}
    if isinstance(target, ConflictDeclaration):
        item = target.agenda_item
        return _(
            "The conflict of interest %(member)s declared on item %(order)s (%(ref)s) of meeting no. %(label)s"
        ) % {
            "member": target.member.get_full_name() or target.member.username, "order": item.order,
            "ref": item.proposal.reference, "label": item.meeting.label}
    a = target.assignment
    return _("The scores %(evaluator)s submitted for %(dimension)s of %(ref)s") % {
        "evaluator": a.evaluator.get_full_name() or a.evaluator.username, "dimension": a.dimension.name,
        "ref": a.proposal.reference}


@login_required
def correction_new(request, kind, pk):
    """The Office records a correction of a row of the record: GET shows it, POST records it."""
    target = selectors.get_target(request.user, kind, pk)
    form = CorrectionForm(request.POST if request.method == "POST" else None, target=target)
    error = None
    if request.method == "POST" and form.is_valid():
        try:
            done = services.corrections_record(
                target=target, values=form.values(), reason=form.cleaned_data["reason"], by=request.user,
                meeting=form.cleaned_data["meeting"],
            )
        except services.CorrectionError as exc:
            error = exc.message
        else:
            messages.success(request, ngettext(
                "The correction is recorded, beside what was recorded first.",
                "%(n)d corrections are recorded, beside what was recorded first.", len(done),
            ) % {"n": len(done)})
            return redirect(back_url(target))
    return render(request, "reviews/corrections/correct.html", {
        "target": target, "kind": kind, "form": form, "message": error, "back": back_url(target),
        "value_fields": [form[name] for name, _field in form.value_fields],
        "recorded": [(form.fields[name].label, selectors.shown(field, services.field_of(target, field).read(target)))
                     for name, field in form.value_fields],
        "history": [selectors.described(c) for c in services.corrections_of(target).select_related(
            "by", "ordered_by__body")],
        "is_resolution": isinstance(target, Resolution),
        "what": what_is_corrected(target),
    })
