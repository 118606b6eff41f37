"""Golden outputs: every command's table, CSV and JSON output, written files and --help text.

The expected files in Tests/Golden/expected/ were written by `python3 scripts/golden.py --update`.
When an output changes on purpose, rerun that and review the diff in the commit.
"""
import difflib
import importlib.util
import os

import pytest

from conftest import ROOT, linkage_binary

SPEC = importlib.util.spec_from_file_location("golden", os.path.join(ROOT, "scripts", "golden.py"))
golden = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(golden)

CASES = golden.load_cases()


def test_every_expected_file_has_a_case():
    names = {name for name, _ in CASES}
    files = {f[:-4] for f in os.listdir(os.path.join(golden.GOLDEN, "expected")) if f.endswith(".txt")}
    assert files == names


@pytest.mark.parametrize("name,args", CASES, ids=[name for name, _ in CASES])
def test_golden(name, args):
    actual = golden.run_case(linkage_binary(), args)
    with open(golden.expected_path(name), encoding="utf-8") as handle:
        expected = handle.read()
    if actual != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True),
                                            "expected", "actual", n=2))
        pytest.fail(f"{name}: output changed (rerun scripts/golden.py --update if on purpose)\n"
                    + diff[:6000])
