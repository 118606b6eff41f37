"""The Makefile's promises: `make demo` installs only what the demo needs, `make test` checks
the bundled dataset instead of regenerating it, and the test output filter keeps failures."""
import os
import shutil
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def dry_run(target):
    return subprocess.run(["make", "-n", target], cwd=ROOT, capture_output=True, text=True,
                          check=True).stdout


def test_demo_installs_only_what_the_demo_needs():
    demo = dry_run("demo")
    for test_only in ("chromium", "pytest", "nbclient", "ipykernel", "jsonschema", "networkx"):
        assert test_only not in demo, test_only
    assert "libgraphviz-dev" in demo and "fonts-noto-cjk" in demo


def test_make_test_checks_the_bundle_and_never_regenerates_it():
    plan = dry_run("test")
    assert "bundle_dataset.py --check" in plan
    assert not any(line.strip().endswith("bundle_dataset.py") for line in plan.splitlines())


def test_a_drifted_bundle_fails_the_check(tmp_path):
    for rel in ("scripts/bundle_dataset.py", "Datasets/korea-ax/graph.yaml",
                "Sources/LinkageIO/Bundled/BundledDatasets.swift"):
        os.makedirs(tmp_path / os.path.dirname(rel), exist_ok=True)
        shutil.copy(os.path.join(ROOT, rel), tmp_path / rel)
    check = [sys.executable, str(tmp_path / "scripts/bundle_dataset.py"), "--check"]
    assert subprocess.run(check, capture_output=True).returncode == 0
    with open(tmp_path / "Datasets/korea-ax/graph.yaml", "a", encoding="utf-8") as handle:
        handle.write("\n# edited\n")
    failed = subprocess.run(check, capture_output=True, text=True)
    assert failed.returncode != 0 and "out of date" in failed.stderr


def test_summary_filter_keeps_failures_and_suites():
    sample = "\n".join([
        "[3/80] Compiling LinkageCore Graph.swift",
        "Building for debugging...",
        "◇ Test run started.",
        '◇ Suite "Dominator tree" started.',
        '◇ Test "matches brute force" started.',
        '✔ Test "matches brute force" passed after 0.010 seconds.',
        '✘ Test "reach" recorded an issue at ReachTests.swift:10:5: Expectation failed: 1 == 2',
        "  extra detail line",
        '✔ Suite "Dominator tree" passed after 0.020 seconds.',
        "warning: something worth seeing",
        "✘ Test run with 2 tests failed after 1.0 seconds with 1 issue.",
        "✔ Test run with 117 tests in 29 suites passed after 60.9 seconds.",
    ]) + "\n"
    out = subprocess.run([sys.executable, os.path.join(ROOT, "scripts/test_summary.py")],
                         input=sample, capture_output=True, text=True, check=True).stdout
    assert "Compiling" not in out and "started" not in out and "passed after 0.010" not in out
    for kept in ("recorded an issue", "extra detail line", '✔ Suite "Dominator tree" passed',
                 "warning: something", "Test run with 2 tests failed",
                 "Test run with 117 tests in 29 suites passed"):
        assert kept in out, kept
