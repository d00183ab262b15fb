"""The demo's privacy notice: the first version published, and accepted by every demo account, so the
demo's people go straight to their work; a person invited later is shown the notice at sign-in."""

from privacy.defaults import FIRST_NOTICE
from privacy.models import Acknowledgement
from privacy.selectors import current_notice
from privacy.services import notice_answer, notice_publish


def ensure_privacy_notice(users, counts) -> None:
    notice = current_notice()
    if notice is None:
        notice = notice_publish(**FIRST_NOTICE)
        counts["privacy_notice"] += 1
    answered = set(Acknowledgement.objects.filter(notice=notice, accepted=True).values_list("user_id", flat=True))
    for user in users.values():
        if user.pk not in answered:
            notice_answer(user=user, notice=notice, accepted=True, language="th")
            counts["privacy_acknowledgements"] += 1
