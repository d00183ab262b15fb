from tests.annexes.conftest import draft, media  # noqa: F401 (fixtures shared with the annex tests)
