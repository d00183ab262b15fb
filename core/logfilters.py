"""No personal data in the logs (PDPA, issue 20): e-mail addresses and phone numbers are masked in
every record, whatever module wrote it (a library's SMTP error names the recipient, for one).

The record's message is formatted once here, masked, and kept without its arguments; a traceback
is formatted and masked too. What the logs may hold is what the privacy notice says: request ids,
user ids, object ids.
"""

import logging
import re

EMAIL = re.compile(r"[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+")
# Thai numbers: 0 and 8-9 more digits (02-123-4567, 081 234 5678, 0812345678) or +66 and 8-9 digits,
# spaces or dashes between; never inside a longer run of letters and digits (an id, a hash).
PHONE = re.compile(r"(?<![\w+])(?:\+66[\s-]?|0)\d(?:[\s-]?\d){7,8}(?![\w])")
EMAIL_MASK = "[e-mail]"
PHONE_MASK = "[phone]"


def mask(text: str) -> str:
    return PHONE.sub(PHONE_MASK, EMAIL.sub(EMAIL_MASK, text))


class PersonalDataFilter(logging.Filter):
    def filter(self, record):
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 (a bad format string: leave the record to the formatter)
            return True
        masked = mask(message)
        if masked != message or record.args:
            record.msg, record.args = masked, ()
        if record.exc_info:
            # Formatted and masked here, and the raw exception dropped: formatters (the JSON one
            # among them) format exc_info afresh when it is set, and use exc_text when it is not.
            record.exc_text = mask(record.exc_text or logging.Formatter().formatException(record.exc_info))
            record.exc_info = None
        elif record.exc_text:
            record.exc_text = mask(record.exc_text)
        if record.stack_info:
            record.stack_info = mask(record.stack_info)
        return True
