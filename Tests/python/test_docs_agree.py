"""What docs/json.md says about ranking and --node lists holds for the output."""
import pytest

from conftest import run_json

CLASS_ORDER = {"dual": 0, "defense-only": 1, "industry-only": 2, "none": 3}


@pytest.mark.parametrize("args", [(), ("Datasets/eto-semiconductor",), ("Tests/Golden/export400",),
                                  ("--max-hops", "2")])
def test_reach_nodes_ranked_by_class_then_count_then_id(args):
    nodes = run_json("reach", *args)["result"]["nodes"]
    keys = [(CLASS_ORDER[n["class"]], -(n["defense_buyers"] + n["industry_buyers"]), n["id"])
            for n in nodes]
    assert keys == sorted(keys)
    assert len(nodes) > 10


@pytest.mark.parametrize("path,node", [(None, "kseed-silicon"), (None, "navy"),
                                        ("Datasets/eto-semiconductor", "asml")])
def test_spof_node_lists_are_about_that_node_only(path, node):
    args = ([path] if path else []) + ["--node", node]
    result = run_json("spof", *args)["result"]
    assert result["node"] == node
    assert [c["id"] for c in result["critical_nodes"]] == [node]
    assert all(t["id"] == node for t in result["targets"])
    assert all(h["id"] == node for h in result["hidden_single_sourcing"])
    assert all(node in (link["source"], link["target"]) for link in result["critical_links"])
    whole = run_json("spof", *([path] if path else []))["result"]
    assert result["critical_node_count"] == whole["critical_node_count"]
    assert result["target_count"] == whole["target_count"]
    if node == "navy":  # a target: its own entry is there
        assert [t["id"] for t in result["targets"]] == ["navy"]
