"""Shared helpers for the Python tests: locate and run the linkage binary."""
import json
import os
import shutil
import subprocess

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def linkage_binary():
    env = os.environ.get("LINKAGE_BIN")
    if env:
        return env
    for candidate in (os.path.join(ROOT, ".build", "debug", "linkage"), os.path.join(ROOT, ".build", "release", "linkage")):
        if os.path.exists(candidate):
            return candidate
    found = shutil.which("linkage")
    if found:
        return found
    pytest.skip("no linkage binary: run `swift build` or set LINKAGE_BIN")


def run(*args, check=True):
    proc = subprocess.run([linkage_binary(), *args], cwd=ROOT, capture_output=True, text=True)
    if check and proc.returncode != 0:
        raise AssertionError(f"linkage {' '.join(args)} exited {proc.returncode}: {proc.stderr}")
    return proc


def run_json(*args):
    return json.loads(run(*args, "--format", "json").stdout)
