"""Linkage's YAML and JSON must read the same in other tools (PyYAML is a YAML 1.1 reader)."""
import json

import pytest

from conftest import ROOT, run

yaml = pytest.importorskip("yaml")

HOSTILE = ["yes", "no", "NO", "on", "null", "~", "007", "1e5", "-3", "#x", "a: b", "[x]", "{y}", "한국어", "tab\there", 'q"uote']


def test_yaml_output_reads_the_same_in_pyyaml(tmp_path):
    nodes = "id,name,kind\n" + "".join(f"n{i},\"{s.replace(chr(34), chr(34) * 2)}\",supplier\n" for i, s in enumerate(HOSTILE))
    (tmp_path / "nodes.csv").write_text(nodes, encoding="utf-8")
    (tmp_path / "edges.csv").write_text("source,target\nn0,n1\n", encoding="utf-8")
    run("convert", str(tmp_path), str(tmp_path / "g.yaml"))
    run("convert", str(tmp_path), str(tmp_path / "g.json"))
    from_yaml = yaml.safe_load((tmp_path / "g.yaml").read_text(encoding="utf-8"))
    from_json = json.loads((tmp_path / "g.json").read_text(encoding="utf-8"))
    assert from_yaml == from_json
    assert [n["name"] for n in from_json["nodes"]] == HOSTILE


@pytest.mark.parametrize("dataset", ["korea-ax", "eto-semiconductor"])
def test_dataset_yaml_and_json_agree(tmp_path, dataset):
    run("convert", f"{ROOT}/Datasets/{dataset}", str(tmp_path / "g.json"))
    from_yaml = yaml.safe_load(open(f"{ROOT}/Datasets/{dataset}/graph.yaml", encoding="utf-8"))
    from_json = json.loads((tmp_path / "g.json").read_text(encoding="utf-8"))
    assert from_yaml["nodes"] == from_json["nodes"]
    assert from_yaml["edges"] == from_json["edges"]
