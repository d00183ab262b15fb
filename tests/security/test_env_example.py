"""Every environment variable the settings (smartcity/settings/) read is listed in .env.example."""

import re

from .test_settings_deploy import ROOT

READERS = r"(?:env\.(?:str|list|db_url|email_url|int|bool|cache_url)|_strict_bool|_int|_secret)\(\s*f?\"([A-Z0-9_]+)\""


def test_every_setting_read_is_in_env_example():
    parts = sorted((ROOT / "smartcity" / "settings").glob("*.py"))
    assert [p.name for p in parts][:2] == ["__init__.py", "api.py"]  # the package, not a stray file
    settings = "\n".join(p.read_text() for p in parts)
    read = set(re.findall(READERS, settings))
    secrets = set(re.findall(r"_secret\(\s*\"([A-Z0-9_]+)\"", settings))
    listed = set(re.findall(r"^#?([A-Z0-9_]+)=", (ROOT / ".env.example").read_text(), re.M))
    assert len(read) > 30
    assert sorted(read - listed) == []
    # A secret may come from NAME_FILE; the example names that way for each secret with its own line or note.
    text = (ROOT / ".env.example").read_text()
    assert [s for s in secrets if f"{s}_FILE" not in text] == []
