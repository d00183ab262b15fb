from tests.accounts.conftest import mail_now  # noqa: F401 (the sign-in doors' reset test sends mail)
from tests.annexes.conftest import draft, media  # noqa: F401 (fixtures shared with the annex tests)
