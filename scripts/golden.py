#!/usr/bin/env python3
"""Golden outputs of every command: run the cases in Tests/Golden/cases.txt and compare (or write).

    python3 scripts/golden.py --bin .build/debug/linkage           # compare, list what differs
    python3 scripts/golden.py --bin .build/debug/linkage --update  # write Tests/Golden/expected/

Each expected file holds the command line, the exit code, stdout, stderr and any output file
the case writes. Temporary paths are replaced by placeholders and durations by `N s`, so the
files are the same on every machine that has the same Graphviz.
"""
import argparse
import hashlib
import os
import re
import shlex
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GOLDEN = os.path.join(ROOT, "Tests", "Golden")
TEXT_SUFFIXES = (".json", ".md", ".html", ".dot", ".csv", ".yaml", ".yml", ".txt")
DURATION = re.compile(r"\b\d+(?:\.\d+)? (s|ms)\b")


def load_cases(path=os.path.join(GOLDEN, "cases.txt")):
    """(name, args) for every case line."""
    cases = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            name, _, rest = line.partition(" ")
            cases.append((name, shlex.split(rest)))
    return cases


def describe_files(folder, placeholder):
    """Every file under folder, text in full and binary as size + SHA-256, sorted by path."""
    parts = []
    for base, dirs, files in os.walk(folder):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(base, name)
            rel = os.path.relpath(path, folder)
            with open(path, "rb") as handle:
                data = handle.read()
            if name.endswith(TEXT_SUFFIXES):
                text = data.decode("utf-8", errors="replace").replace(folder, placeholder)
                parts.append(f"--- file {rel}\n{text}")
            else:
                digest = hashlib.sha256(data).hexdigest()
                parts.append(f"--- file {rel} ({len(data)} bytes, sha256 {digest})\n")
    return "".join(parts)


def run_case(binary, args):
    """The recorded text of one case."""
    with tempfile.TemporaryDirectory(prefix="linkage-golden-") as tmp:
        real = []
        outputs = []
        for arg in args:
            match = re.fullmatch(r"\{out(\.\w+)\}", arg)
            if match:
                path = os.path.join(tmp, "out" + match.group(1))
                outputs.append(path)
                real.append(path)
            elif arg == "{dir}":
                path = os.path.join(tmp, "pack")
                outputs.append(path)
                real.append(path)
            else:
                real.append(arg)
        env = dict(os.environ, LC_ALL="C.UTF-8", COLUMNS="80")
        env.pop("LINKAGE_PROGRESS", None)
        proc = subprocess.run([binary, *real], cwd=ROOT, capture_output=True, env=env,
                              stdin=subprocess.DEVNULL)

        def clean(text):
            text = text.replace(os.path.join(tmp, "pack"), "{dir}").replace(tmp, "{tmp}")
            return DURATION.sub(r"N \1", text)

        stdout = clean(proc.stdout.decode("utf-8", errors="replace"))
        stderr = clean(proc.stderr.decode("utf-8", errors="replace"))
        text = f"$ linkage {shlex.join(args)}\nexit {proc.returncode}\n--- stdout\n{stdout}--- stderr\n{stderr}"
        for path in outputs:
            if os.path.isdir(path):
                text += describe_files(path, "{dir}")
            elif os.path.exists(path):
                with open(path, "rb") as handle:
                    data = handle.read()
                text += f"--- file {os.path.basename(path)}\n" + clean(data.decode("utf-8", errors="replace"))
        return text


def expected_path(name):
    return os.path.join(GOLDEN, "expected", name + ".txt")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bin", default=os.path.join(ROOT, ".build", "debug", "linkage"))
    parser.add_argument("--update", action="store_true", help="write the expected files")
    parser.add_argument("names", nargs="*", help="only these cases")
    options = parser.parse_args()
    failed = 0
    for name, args in load_cases():
        if options.names and name not in options.names:
            continue
        actual = run_case(options.bin, args)
        path = expected_path(name)
        if options.update:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(actual)
            continue
        try:
            with open(path, encoding="utf-8") as handle:
                expected = handle.read()
        except FileNotFoundError:
            expected = None
        if expected != actual:
            failed += 1
            print(f"differs: {name}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
