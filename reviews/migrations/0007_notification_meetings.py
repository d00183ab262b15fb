"""Link the outbox's rows written before they named their meeting (moved here from notifications
0005, issue 13: only this app knows the meetings).

The agenda, voting and minutes rows name their meeting in their key
("meeting.agenda:<meeting>:<user>"); those with no meeting yet are linked when the meeting
still exists. On a database where the old notifications 0005 already did it, the same rows are
linked already and nothing changes.
"""

from django.db import migrations


def link_meetings(apps, schema_editor):
    Notification = apps.get_model("notifications", "Notification")
    Meeting = apps.get_model("reviews", "Meeting")
    existing = set(Meeting.objects.values_list("pk", flat=True))
    rows = Notification.objects.filter(key__startswith="meeting.", meeting_id__isnull=True).only("pk", "key")
    for row in rows.iterator():
        parts = row.key.split(":")
        if len(parts) == 3 and parts[1].isdigit() and int(parts[1]) in existing:
            Notification.objects.filter(pk=row.pk).update(meeting_id=int(parts[1]))


class Migration(migrations.Migration):

    dependencies = [
        ("reviews", "0006_issued_documents"),
        ("notifications", "0005_meeting_news"),
    ]

    operations = [migrations.RunPython(link_meetings, migrations.RunPython.noop)]
