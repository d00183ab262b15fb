"""Every environment variable settings.py reads is listed in .env.example."""

import re

from .test_settings_deploy import ROOT

READERS = r"(?:env\.(?:str|list|db_url|email_url|int|bool|cache_url)|_strict_bool|_int|_secret)\(\s*f?\"([A-Z0-9_]+)\""


def test_every_setting_read_is_in_env_example():
    settings = (ROOT / "smartcity" / "settings.py").read_text()
    read = set(re.findall(READERS, settings))
    secrets = set(re.findall(r"_secret\(\s*\"([A-Z0-9_]+)\"", settings))
    listed = set(re.findall(r"^#?([A-Z0-9_]+)=", (ROOT / ".env.example").read_text(), re.M))
    assert len(read) > 30
    assert sorted(read - listed) == []
    # A secret may come from NAME_FILE; the example names that way for each secret with its own line or note.
    text = (ROOT / ".env.example").read_text()
    assert [s for s in secrets if f"{s}_FILE" not in text] == []
