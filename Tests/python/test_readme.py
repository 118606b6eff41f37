"""The README's examples must work as written."""
import re

from conftest import ROOT, run_json


def blocks(language):
    text = open(f"{ROOT}/README.md", encoding="utf-8").read()
    return re.findall(rf"```{language}\n(.*?)```", text, flags=re.S)


def test_readme_yaml_example_is_valid(tmp_path):
    graph = [b for b in blocks("yaml") if "nodes:" in b][0]
    (tmp_path / "graph.yaml").write_text(graph, encoding="utf-8")
    doc = run_json("validate", str(tmp_path / "graph.yaml"))
    assert doc["result"]["valid"] and doc["result"]["warnings"] == 0
    assert doc["result"]["nodes"] == 7 and doc["result"]["edges"] == 7


def test_readme_scenario_is_the_bundled_scenario_file():
    scenario = [b for b in blocks("yaml") if b.startswith("# Datasets/korea-ax/scenarios/")][0]
    path = scenario.splitlines()[0][2:]
    bundled = open(f"{ROOT}/{path}", encoding="utf-8").read()
    # The README shows the file without its usage comment.
    body = "".join(line + "\n" for line in bundled.splitlines() if not line.startswith("#"))
    assert scenario.split("\n", 1)[1] == body
    doc = run_json("spof", "--scenario", f"{ROOT}/{path}")
    assert doc["scenario"]["name"] == "KSeed bankruptcy"
    assert doc["result"]["scenario_effect"]["targets_cut"] == ["army", "navy", "nuri-electronics"]


def test_readme_json_example_is_valid(tmp_path):
    (tmp_path / "graph.json").write_text(blocks("json")[0], encoding="utf-8")
    doc = run_json("validate", str(tmp_path / "graph.json"))
    assert doc["result"]["valid"] and doc["result"]["nodes"] == 2


def test_readme_csv_pair_is_valid(tmp_path):
    nodes, edges = blocks("csv")[:2]
    (tmp_path / "nodes.csv").write_text(nodes, encoding="utf-8")
    (tmp_path / "edges.csv").write_text(edges, encoding="utf-8")
    doc = run_json("validate", str(tmp_path))
    assert doc["result"]["valid"] and doc["result"]["warnings"] == 0
    summary = run_json("summary", str(tmp_path))["result"]
    assert summary["buyers"]["count"] == 2 and summary["semantics"] == "parts"


def test_readme_python_example_runs(tmp_path, monkeypatch, capsys):
    import os
    import sys

    from conftest import linkage_binary

    monkeypatch.setenv("LINKAGE_BIN", os.path.abspath(os.path.join(ROOT, linkage_binary())))
    monkeypatch.syspath_prepend(os.path.join(ROOT, "python"))
    monkeypatch.chdir(tmp_path)
    sys.modules.pop("linkage", None)
    exec(compile(blocks("python")[0], "README.md", "exec"), {})
    printed = capsys.readouterr().out.splitlines()
    assert printed[0] == "kseed-silicon"
    assert printed[1].startswith("[['kseed-silicon'")


def test_readme_networkx_example_runs(tmp_path, monkeypatch, capsys):
    import os
    import sys

    from conftest import linkage_binary

    monkeypatch.setenv("LINKAGE_BIN", os.path.abspath(os.path.join(ROOT, linkage_binary())))
    monkeypatch.syspath_prepend(os.path.join(ROOT, "python"))
    monkeypatch.chdir(tmp_path)
    sys.modules.pop("linkage", None)
    exec(compile(blocks("python")[1], "README.md", "exec"), {})
    assert capsys.readouterr().out.splitlines() == ["['integrator', 'lidar-co']", "2"]


def test_readme_console_outputs_are_what_the_commands_print():
    """Every line the README's ```console blocks show under `$ linkage …` (bar "…") is printed
    by that command today, in that order."""
    import os
    import shlex
    import subprocess

    from conftest import linkage_binary

    binary = os.path.abspath(os.path.join(ROOT, linkage_binary()))
    checked = 0
    for block in blocks("console"):
        commands = []
        for line in block.rstrip("\n").split("\n"):
            if line.startswith("$ "):
                commands.append((line[2:], []))
            elif commands:
                commands[-1][1].append(line.rstrip())
        for command, expected in commands:
            if not command.startswith("linkage ") or " -o " in command:
                continue
            argv = shlex.split(command)
            argv[0] = binary
            proc = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True)
            printed = [line.rstrip() for line in (proc.stdout + proc.stderr).split("\n")]
            at = 0
            for line in expected:
                if not line or line == "…":
                    continue
                assert line in printed[at:], f"`{command}` no longer prints: {line}"
                at = printed.index(line, at) + 1
            checked += 1
    assert checked >= 5
