"""The minutes of a meeting as a PDF (Administrative Procedure Act s.83).

Attendance, then each agenda item: the proposal, the conflicts declared, the
votes per choice, the resolution in words and the dissents with their
reasons. Read straight from the models, so the minutes never depend on a page.
"""

from django.utils import translation
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext as _

from applications.selectors import proposals_actionable_by
from core.thai import local_date

from ..enums import VoteChoice
from .corrections import record_corrections, resolution_corrections
from .pdf import FAMILY, GREY, Document
from .selectors import minutes_record

# Marked for translation only; _draft_mark() looks it up in Thai and in English.
DRAFT = gettext_noop("DRAFT")


def _time(value) -> str:
    from django.utils import timezone

    return timezone.localtime(value).strftime("%H:%M")


def _people(doc, people, empty):
    if not people:
        doc.paragraph(empty, indent=6)
        return
    for number, person in enumerate(people, 1):
        role = f" ({person.role})" if person.role else ""
        where = f" — {person.affiliation}" if person.affiliation else ""
        doc.paragraph(f"{number}. {person.name}{role}{where}", indent=6, space=0)
        if person.times:
            doc.paragraph(person.times, indent=12, space=0, size=12)
    doc.ln(1)


def _header(doc, meeting):
    doc.heading(_("Minutes of the meeting"), size=20)
    doc.heading(meeting.body.name, size=16, color=(0, 0, 0), space=0)
    doc.heading(_("Meeting no. %(label)s") % {"label": meeting.label}, size=16, color=(0, 0, 0), space=0)
    doc.paragraph(
        _("on %(date)s at %(time)s") % {"date": local_date(meeting.held_at), "time": _time(meeting.held_at)},
        align="C",
    )
    if meeting.place:
        doc.paragraph(_("at %(place)s") % {"place": meeting.place}, align="C")
    doc.rule()
    if meeting.notice_sent_at:
        doc.labelled(_("Notice sent"), local_date(meeting.notice_sent_at))
    else:
        doc.labelled(_("Notice sent"), _("not recorded"))
    if meeting.notice_override_reason:
        doc.labelled(_("Short notice"), meeting.notice_override_reason)
    doc.ln(2)


def _item(doc, number, record, withheld=False):
    item, proposal = record.item, record.item.proposal
    doc.heading(
        _("Agenda item %(number)s: %(reference)s %(name)s")
        % {"number": number, "reference": proposal.reference, "name": proposal.name},
        size=15, align="L", space=1,
    )
    doc.labelled(_("Proponent"), proposal.organisation.name, indent=4, label_width=41)
    doc.paragraph(_("Conflicts of interest declared"), bold=True, indent=4, space=0)
    if record.conflicts:
        for person, reason in record.conflicts:
            doc.paragraph(
                _("%(name)s: %(reason)s (did not vote on this item)") % {"name": person.name, "reason": reason},
                indent=10, space=0,
            )
    else:
        doc.paragraph(_("None."), indent=10, space=0)
    doc.ln(1)
    doc.paragraph(_("Votes"), bold=True, indent=4, space=0)
    if record.secret:
        doc.paragraph(_("Secret ballot: %(n)s members took part; only the number of votes for each choice is "
                        "recorded.") % {"n": record.participants}, indent=10, space=0)
    if record.counts is None:
        # An open item's running count is for the chair, the secretary and the Office only.
        doc.paragraph(_("The count of the votes is shown once the chair closes the item."), indent=10, space=0)
    else:
        doc.grid(
            [str(label) for label in VoteChoice.labels] + [_("Total")],
            [[str(record.counts[c]) for c in VoteChoice.values] + [str(sum(record.counts.values()))]],
            widths=(10, 16, 10, 10, 6),
        )
    if not record.closed:
        doc.labelled(_("Resolution"), _("Not yet resolved"), indent=4, label_width=41)
        doc.ln(3)
        return
    resolution = item.resolution
    words = resolution.get_kind_display()
    if resolution.text and not withheld:
        words = f"{words}: {resolution.text}"
    doc.labelled(_("Resolution"), words, indent=4, label_width=41)
    if resolution.conditions and not withheld:
        doc.labelled(_("Conditions"), resolution.conditions, indent=4, label_width=41)
    if not withheld:
        resolution_corrections(doc, resolution)
    doc.set_text_color(*GREY)
    doc.paragraph(
        _("Closed on %(date)s at %(time)s") % {"date": local_date(item.closed_at), "time": _time(item.closed_at)},
        size=12, indent=4, space=0,
    )
    doc.set_text_color(0, 0, 0)
    if withheld:
        doc.paragraph(_(
            "The text of the resolution and the dissenting opinions on this item are withheld from you: "
            "you declared a conflict of interest on this proposal."
        ), indent=4, space=0)
    elif record.dissents:
        doc.paragraph(_("Dissenting opinions"), bold=True, indent=4, space=0)
        for person, choice, reason in record.dissents:
            doc.paragraph(
                _("%(name)s voted “%(choice)s”: %(reason)s")
                % {"name": person.name, "choice": VoteChoice(choice).label, "reason": reason or _("no reason given")},
                indent=10, space=0,
            )
    doc.ln(3)


def electronic_text() -> str:
    """Read in the language active when the minutes are made."""
    return _(
        "This meeting was held through electronic media under the Emergency Decree on Electronic Meetings "
        "B.E. 2563 (2020); the members who attended online were identified before taking part, as recorded below."
    )


def _withheld(record, reader) -> set:
    """The proposals on the agenda whose dossier ``reader`` may not read (the dossier rule,
    applications.permissions): their resolution's text and dissents' reasons are left out."""
    if reader is None:
        return set()
    ids = {r.item.proposal_id for r in record.items}
    return ids - set(proposals_actionable_by(reader).filter(pk__in=ids).values_list("pk", flat=True))


def _draft_mark() -> str:
    """``ฉบับร่าง / DRAFT`` in Thai and in English, whatever the reader's language."""
    with translation.override("th"):
        th = gettext(DRAFT)
    with translation.override("en"):
        en = gettext(DRAFT)
    return f"{th} / {en}"


def _verification(doc, url):
    size = 26
    if doc.get_y() + size + 12 > doc.h - doc.b_margin:
        doc.add_page()
    doc.rule()
    top = doc.get_y()
    doc.qr(url, x=doc.l_margin, y=top, size=size)
    doc.set_xy(doc.l_margin + size + 4, top + 4)
    doc.set_font(FAMILY, "B", 12)
    doc.cell(0, 6, _("Verify these minutes: scan the code or open"), new_x="LEFT", new_y="NEXT")
    doc.set_font(FAMILY, "", 11)
    doc.cell(0, 6, url, new_x="LMARGIN", new_y="NEXT")
    doc.set_y(top + size + 2)


def minutes_pdf(meeting, reader=None, *, verify_url="", created=None) -> bytes:
    """The minutes as ``reader`` may read them (``None``: the whole record, for the archive):
    an open item's count only for those who see it, a withheld dossier's text left out, and
    marked as a draft on every page while an item is open. With ``verify_url`` (the issued,
    signed copy) a QR code and the address of its verification page close the minutes."""
    record = minutes_record(meeting, reader)
    withheld = _withheld(record, reader)
    doc = Document(
        title=_("Minutes, %(body)s, meeting no. %(label)s") % {"body": meeting.body.name, "label": meeting.label},
        footer=_("Minutes, meeting no. %(label)s") % {"label": meeting.label},
        mark=_draft_mark() if record.draft else "",
        created=created,
    )
    doc.add_page()
    _header(doc, meeting)
    if record.electronic:
        doc.paragraph(electronic_text(), indent=0)
        doc.ln(1)
    doc.heading(_("Members present"), size=15, align="L", space=0)
    _people(doc, record.present, _("No attendance recorded."))
    doc.heading(_("Members absent"), size=15, align="L", space=0)
    _people(doc, record.absent, _("None."))
    doc.ln(2)
    doc.rule()
    if not record.items:
        doc.paragraph(_("The agenda has no items."))
    for number, item_record in enumerate(record.items, 1):
        _item(doc, number, item_record, withheld=item_record.item.proposal_id in withheld)
    record_corrections(doc, meeting)
    if record.certification is not None:
        doc.ln(2)
        doc.paragraph(
            _("These minutes were certified at meeting no. %(label)s%(amended)s.") % {
                "label": record.certification.certified_at.label,
                "amended": _(", with amendments recorded as corrections") if record.certification.amended else "",
            }, bold=True,
        )
    if verify_url:
        _verification(doc, verify_url)
    return doc.render()
