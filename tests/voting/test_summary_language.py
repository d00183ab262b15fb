"""The vote summary the portal writes into a resolution reads in the page's language."""

from django.utils import translation

from reviews.voting.summary import in_reader_language


def _thai_lines():
    """The recorded text as services.resolution_text writes it, from the catalogue."""
    from django.utils.translation import gettext as _

    from reviews.enums import VoteChoice

    with translation.override("th"):
        counts = ", ".join(f"{c.label} {n}" for c, n in zip(VoteChoice, (5, 1, 0, 1), strict=True))
        return "\n".join([
            _("Votes: %(counts)s") % {"counts": counts},
            _("Present: %(present)s of %(eligible)s eligible members (quorum %(needed)s)")
            % {"present": 7, "eligible": 9, "needed": 5},
            _("The votes were tied; the chair's vote decided"),
            _("Requested changes: %(changes)s") % {"changes": "ปรับตัวชี้วัดด้านสิ่งแวดล้อม"},
            "บรรทัดที่เลขานุการพิมพ์เอง",
        ])


def test_english_reader_gets_the_portal_lines_in_english_and_typed_words_as_typed():
    recorded = _thai_lines()
    with translation.override("en"):
        assert in_reader_language(recorded).split("\n") == [
            "Votes: Approve 5, Approve in principle, with revisions 1, Not approve 0, Abstain 1",
            "Present: 7 of 9 eligible members (quorum 5)",
            "The votes were tied; the chair's vote decided",
            "Requested changes: ปรับตัวชี้วัดด้านสิ่งแวดล้อม",
            "บรรทัดที่เลขานุการพิมพ์เอง",
        ]


def test_thai_reader_and_texts_the_portal_did_not_write_are_unchanged():
    recorded = _thai_lines()
    with translation.override("th"):
        assert in_reader_language(recorded) == recorded
    with translation.override("en"):
        assert in_reader_language("มติที่ประชุม") == "มติที่ประชุม"
        assert in_reader_language("") == ""
