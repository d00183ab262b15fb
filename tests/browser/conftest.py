"""Browser fixtures (chromium, page, screenshot_dir) live in tests/conftest.py, shared by every folder."""
