"""What the meeting page and the meeting admin say about publishing (agenda, voting, minutes)."""

from django.utils.translation import gettext_lazy, ngettext_lazy

ALREADY_TOLD = gettext_lazy("Every member had already been told: nobody was told twice.")

PUBLISH_TEXT = {
    "agenda": {
        "button": gettext_lazy("Publish the agenda"),
        "explain": gettext_lazy("Each member will be told, by e-mail and in the portal, that the agenda is ready, "
                                "with its items."),
        "done": ngettext_lazy("Agenda published: %(n)d member told.", "Agenda published: %(n)d members told.", "n"),
    },
    "voting": {
        "button": gettext_lazy("Open voting"),
        "explain": gettext_lazy("Each member will be told, by e-mail and in the portal, that voting is open."),
        "done": ngettext_lazy("Voting opened: %(n)d member told.", "Voting opened: %(n)d members told.", "n"),
    },
    "minutes": {
        "button": gettext_lazy("Publish the minutes"),
        "explain": gettext_lazy("Each member will be told, by e-mail and in the portal, that the minutes are "
                                "available."),
        "done": ngettext_lazy("Minutes published: %(n)d member told.", "Minutes published: %(n)d members told.",
                              "n"),
    },
}
