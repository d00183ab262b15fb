"""Signing in through the portal's real sign-in form in headless Chromium: the one helper
every browser test uses (the pages under test need a real session cookie, not force_login)."""

PASSWORD = "Sm4rt-City-2565"


def with_password(user, password=PASSWORD):
    """``user`` able to sign in with ``password`` (factories give every user an unknown one)."""
    user.set_password(password)
    user.save(update_fields=["password"])
    return user


def sign_in(page, username, *, password=PASSWORD, base_url=None, next_url="/"):
    """Fill and send the sign-in form.

    With ``base_url``: open the form first (asking to come back to ``next_url``) and wait
    until the portal lands there. Without it: fill the form the page shows now (the test
    got there itself, e.g. through a link) and leave the waiting to the test.
    """
    if base_url is not None:
        page.goto(f"{base_url}/accounts/login/?next={next_url}")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    page.locator("main form button[type=submit]").click()
    if base_url is not None:
        page.wait_for_url(f"{base_url}{next_url}")
