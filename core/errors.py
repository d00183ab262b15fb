"""The one base of every refused domain action.

A service raises a subclass (``TransitionError``, ``VotingError``…) with a message already in
the reader's language; pages show ``message``, the API answers ``{"detail", "code", "field",
"problems"}`` with the status that ``code`` maps to (see ``status_of``).
"""

# What each code means to an HTTP client; any other code is a 400 (the input is at fault).
STATUS_OF_CODE = {
    "forbidden": 403,
    "not_found": 404,
    "not_allowed": 409,
    "guard": 409,
    "closed": 409,
    "duplicate": 409,
    "conflicted": 409,
    "no_quorum": 409,
    "no_outcome": 409,
    "transition": 409,
}


class DomainError(Exception):
    """A refused action. ``code`` says what kind of refusal; ``field`` names the input at fault,
    if any; ``problems`` lists each unmet condition, when there are several."""

    default_code = "invalid"
    message = ""
    # What each code means to an HTTP client; a family whose codes mean something else
    # (a vote refused by a closed item is a conflict whatever the code) overrides both.
    statuses = STATUS_OF_CODE
    default_status = 400

    def __init__(self, message=None, *, code=None, field=None, problems=()):
        if message is not None:
            self.message = str(message)
        super().__init__(str(self.message))
        self.message = str(self.message)
        self.code = code or self.default_code
        self.field = field
        self.problems = list(problems)

    def status_of(self) -> int:
        return self.statuses.get(self.code, self.default_status)

    def as_dict(self) -> dict:
        body = {"detail": self.message, "code": self.code}
        if self.field:
            body["field"] = self.field
        if self.problems:
            body["problems"] = self.problems
        return body
