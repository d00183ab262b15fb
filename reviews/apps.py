from django.apps import AppConfig
from django.db.models.signals import post_delete
from django.utils.translation import gettext_lazy as _

from applications.hooks import listener_register
from core.audit import audit_register
from notifications.kinds import examples_register
from notifications.reminders import reminder_register
from notifications.subjects import subject_register


class ReviewsConfig(AppConfig):
    name = "reviews"
    verbose_name = _("Evaluation and meetings")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Imported here, not at the top: these modules need the models, which load after this one.
        from . import hooks, notify, personal_data, plugins, tasks
        from .documents import checks  # noqa: F401  (registers the signing key's system check)
        from .meetings import inbox, news

        # Who takes part through evaluations and agendas, the score guard, the resolutions.
        plugins.connect()
        # The committees' reminders, and the meeting placeholders of the template preview.
        reminder_register("scores_due", tasks.scores_due_remind)
        reminder_register("meeting", tasks.meetings_remind)
        examples_register(notify.preview_example)
        # The committees' news (reviews.hooks): postponed and cancelled meetings, all scores in;
        # and a move a meeting decided tells its members and the proponents the resolution.
        hooks.listener_register(event="meeting_postponed", listener=news.meeting_postponed)
        hooks.listener_register(event="meeting_cancelled", listener=news.meeting_cancelled)
        hooks.listener_register(event="scores_complete", listener=news.scores_complete)
        listener_register(listener=news.resolution_told)
        # The outbox names a meeting by a plain id: the inbox gets the meeting from here, and a
        # deleted meeting's rows lose the id (as the foreign key's SET_NULL did).
        subject_register(fill=inbox.meetings_fill)
        post_delete.connect(
            inbox.notifications_unlink, sender=self.get_model("Meeting"), dispatch_uid="reviews.meeting_unlink"
        )
        # The audit trail (core/audit.py). Parts of a proposal's review name it, so its trail
        # page shows them; bodies, meetings and attendance stand on their own.
        for name in ("Body", "BodyMembership", "Meeting", "Attendance", "ZoneGroup"):
            audit_register(self.get_model(name))
        for name in ("AgendaItem", "Resolution", "EvaluatorAssignment"):
            audit_register(self.get_model(name), parent="proposal")
        audit_register(self.get_model("CriterionScore"), parent="assignment__proposal")
        # The frozen submissions, their reopenings and the corrections: append-only, so the trail
        # holds their creation, which names who and when beside the rest of the proposal's record.
        for name in ("ScoreSubmission", "ScoreReopening"):
            audit_register(self.get_model(name), parent="assignment__proposal")
        audit_register(self.get_model("Correction"))
        for name in ("ConflictDeclaration", "Vote"):
            audit_register(self.get_model(name), parent="agenda_item__proposal")
        # What a person's "my data" export holds from here, and how an erasure treats it (issue 20).
        personal_data.register()
        # Running a meeting (issue 15). A secret ballot's participation is audited (who took part,
        # as the minutes say); the ballot itself is not, so no entry pairs a choice with a person.
        for name in ("MeetingOpening", "AttendanceEvent", "MinutesCertification"):
            audit_register(self.get_model(name))
        audit_register(self.get_model("SecretParticipation"), parent="agenda_item__proposal")
