"""The browser tests' helper (tests/browser.py) says what it looked for when it skips them
(without Python playwright, each reason says that instead, and these fail showing it)."""

import sys

from browser import DEFAULT, chromium, missing


def test_a_missing_chromium_named_by_netlib_chromium_is_named(tmp_path):
    nowhere = tmp_path / "no-chromium"
    reason = missing({"NETLIB_CHROMIUM": str(nowhere)})
    assert f"NETLIB_CHROMIUM={nowhere}" in reason and "not found" in reason


def test_the_default_chromium_says_the_variable_was_not_set():
    assert chromium({}) == chromium({"NETLIB_CHROMIUM": ""}) == DEFAULT
    reason = missing({})
    assert reason is None or (DEFAULT in reason and "NETLIB_CHROMIUM is not set" in reason)


def test_netlib_chromium_as_a_path_or_a_command_on_path(tmp_path, monkeypatch):
    fake = tmp_path / "bin" / "my-chromium"
    fake.parent.mkdir()
    fake.write_text("#!/bin/sh\n")
    fake.chmod(0o755)
    assert missing({"NETLIB_CHROMIUM": str(fake)}) is None
    monkeypatch.setenv("PATH", str(fake.parent))
    assert chromium({"NETLIB_CHROMIUM": "my-chromium"}) == str(fake)
    assert missing({"NETLIB_CHROMIUM": "my-chromium"}) is None
    assert missing({"NETLIB_CHROMIUM": sys.executable + "-not-there"}) is not None
