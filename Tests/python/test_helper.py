"""The Python helper in python/: argument mapping, results, tables, errors, render."""
import os
import sys

import pytest

from conftest import ROOT, linkage_binary, run_json

sys.path.insert(0, os.path.join(ROOT, "python"))
import linkage  # noqa: E402


@pytest.fixture(autouse=True)
def use_built_binary(monkeypatch):
    monkeypatch.setenv("LINKAGE_BIN", os.path.abspath(os.path.join(ROOT, linkage_binary())))
    monkeypatch.chdir(ROOT)


def test_options_become_flags():
    argv = linkage._options({"max_hops": 3, "readiness": True, "quiet": False, "to": None, "from_": "a", "k": 2, "via": ["x", "y"]})
    assert argv == ["--max-hops", "3", "--readiness", "--from", "a", "-k", "2", "--via", "x", "--via", "y"]


def test_summary_matches_cli_json():
    result = linkage.summary()
    assert result == run_json("summary")["result"]
    assert result.command == "summary"
    assert result.envelope["schema"] >= 1
    assert result["nodes"] == 69


def test_spof_finds_planted_single_point():
    result = linkage.spof("Datasets/korea-ax")
    ids = [row["id"] for row in result["critical_nodes"]]
    assert ids[0] == "kseed-silicon"
    assert result == run_json("spof", "Datasets/korea-ax")["result"]


def test_paths_from_keyword_maps_to_from_flag():
    result = linkage.paths(from_="kseed-silicon", k=3)
    assert result["from"] == "kseed-silicon"
    assert 1 <= len(result["paths"]) <= 3
    assert result == run_json("paths", "--from", "kseed-silicon", "-k", "3")["result"]


def test_table_is_dataframe_with_pandas_else_rows():
    result = linkage.reach()
    table = result.table("nodes")
    try:
        import pandas
    except ImportError:
        assert table == result["nodes"]
    else:
        assert isinstance(table, pandas.DataFrame)
        assert list(table["id"]) == [row["id"] for row in result["nodes"]]
    with pytest.raises(TypeError):
        result.table("counts")


def test_bad_data_raises_with_location(tmp_path):
    (tmp_path / "nodes.csv").write_text("id,kind,name\na,startup,A\na,buyer,B\n")
    (tmp_path / "edges.csv").write_text("source,target,relation\na,zz,supplies\n")
    with pytest.raises(linkage.LinkageError) as caught:
        linkage.spof(tmp_path)
    error = caught.value
    assert error.exit_code == 65
    # Reading order: the nodes file's error first, then the edge that names a missing id.
    assert error.file.endswith("nodes.csv") and error.line == 3
    assert "duplicate" in error.message
    assert len(error.errors) == 2
    second = error.errors[1]
    assert second["file"].endswith("edges.csv") and second["line"] == 2 and second["column"] == 3
    assert "zz" in second["message"]


def test_validate_of_bad_data_keeps_every_diagnostic(tmp_path):
    (tmp_path / "nodes.csv").write_text("id,kind\na,startup\nb,supplier\n")
    (tmp_path / "edges.csv").write_text("source,target,relation\na,bb,supplies\n")
    report = linkage.validate(tmp_path)  # a report, not an exception
    assert report["valid"] is False and report["errors"] == 1
    [error] = report.errors
    assert error["file"].endswith("edges.csv") and error["line"] == 2 and error["column"] == 3
    assert error["severity"] == "error" and "did you mean 'b'" in error["message"]
    assert report.diagnostics == report.envelope["diagnostics"]
    # Malformed files too: the parser's error comes back located.
    bad = tmp_path / "bad.yaml"
    bad.write_text("nodes:\n  - {id: a, kind: startup\n")
    report = linkage.validate(bad)
    assert report["valid"] is False and report.errors[0]["line"] == 3
    # A valid file: no errors, and warnings kept.
    good = tmp_path / "good.yaml"
    good.write_text("nodes:\n  - {id: a, kind: startup}\n  - {id: b, kind: buyr}\nedges: []\n")
    report = linkage.validate(good)
    assert report["valid"] is True and report.errors == []
    assert any("buyr" in d["message"] and d["severity"] == "warning" for d in report.diagnostics)
    # Errors raised by other commands carry every diagnostic too.
    with pytest.raises(linkage.LinkageError) as caught:
        linkage.spof(tmp_path)
    assert caught.value.diagnostics and caught.value.diagnostics[0]["severity"] == "error"


def test_render_formats_and_tables():
    png = linkage.render(format="png")
    assert isinstance(png, linkage.Image) and bytes(png)[:4] == b"\x89PNG"
    assert png._repr_png_() == png.data
    pdf = linkage.render(format="pdf", view="spof")
    assert pdf.data[:4] == b"%PDF" and pdf._repr_png_() is None
    assert linkage.render(format="dot").startswith("digraph")
    with pytest.raises(ValueError):
        linkage.render(format="gif")
    summary = linkage.summary()
    assert {"kinds", "sectors", "relations"} <= set(summary.tables())
    kinds = summary.table("kinds")
    rows = kinds.to_dict("records") if hasattr(kinds, "to_dict") else kinds
    assert {"kind": "startup", "count": 23} in rows
    with pytest.raises(TypeError, match="tables:"):
        summary.table("name")
    with pytest.raises(TypeError, match="tables:"):
        summary.table("weak_components")  # a count and a size, not a table


def test_missing_input_and_usage_errors():
    with pytest.raises(linkage.LinkageError) as missing:
        linkage.summary("/nonexistent/graph")
    assert missing.value.exit_code == 66 and missing.value.file is None
    assert "nonexistent" in missing.value.message
    with pytest.raises(linkage.LinkageError) as usage:
        linkage.paths()
    assert usage.value.exit_code == 64
    assert "--from" in usage.value.message


def test_binary_lookup(monkeypatch, tmp_path):
    monkeypatch.setenv("LINKAGE_BIN", str(tmp_path / "nope"))
    with pytest.raises(linkage.LinkageNotFound):
        linkage.binary()
    monkeypatch.delenv("LINKAGE_BIN")
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(linkage.LinkageNotFound):
        linkage.binary()


def test_render_returns_inline_svg(tmp_path):
    svg = linkage.render(view="spof", top=3)
    text = svg._repr_svg_()
    assert text.lstrip().startswith("<?xml") or text.lstrip().startswith("<svg")
    assert "kseed-silicon" in text or "KSeed" in text
    svg.save(tmp_path / "spof.svg")
    assert (tmp_path / "spof.svg").read_text(encoding="utf-8") == text


def test_table_uses_pandas_when_importable(monkeypatch):
    class FakeFrame:
        def __init__(self, rows):
            self.rows = rows

    fake = type(sys)("pandas")
    fake.DataFrame = FakeFrame
    monkeypatch.setitem(sys.modules, "pandas", fake)
    result = linkage.spof()
    frame = result.table("critical_nodes")
    assert isinstance(frame, FakeFrame) and frame.rows == result["critical_nodes"]


def test_unknown_measure_names_each_choice_once():
    with pytest.raises(linkage.LinkageError) as caught:
        linkage.paths(from_="kseed-silicon", by="lead-time")
    assert caught.value.exit_code == 64
    message = caught.value.message
    assert "'lead-time'" in message and "lead_time" in message
    assert message.count("confidence") == 1 and message.count("hops") == 1


def test_brief_returns_manifest(tmp_path):
    result = linkage.brief(output=tmp_path / "pack")
    assert result["index"] == str(tmp_path / "pack" / "index.html")
    assert (tmp_path / "pack" / "index.html").exists()
    assert any("KSeed" in finding for finding in result["findings"])


def test_what_if_diff_and_mitigate_from_python(tmp_path):
    """Scenario flags pass through as keywords; diff takes two inputs or one and a scenario."""
    import networkx as nx
    result = linkage.spof(fail="kseed-silicon")
    assert result["scenario_effect"]["targets_cut"] == ["navy", "nuri-electronics"]
    assert result.envelope["scenario"]["failed_nodes"] == ["kseed-silicon"]
    eto = os.path.join(ROOT, "Datasets", "eto-semiconductor")
    assert "finished-logic-chip" in linkage.spof(eto, fail_where="country=NLD")[
        "scenario_effect"]["targets_cut"]
    changed = linkage.diff(os.path.join(ROOT, "Datasets", "korea-ax"), fail="kseed-silicon")
    answers = changed.table("answers")
    rows = answers.to_dict("records") if hasattr(answers, "to_dict") else answers
    assert {"navy", "nuri-electronics"} <= {r["node"] for r in rows if r["change"] == "target_cut_off"}
    # Two inputs, one of them a NetworkX graph.
    g = linkage.to_networkx(os.path.join(ROOT, "Datasets", "korea-ax"))
    g.remove_edge("kseed-silicon", "arum-compute")
    two = linkage.diff(os.path.join(ROOT, "Datasets", "korea-ax"), g)
    assert two["counts"]["edges_removed"] == 1
    mitigated = linkage.spof(mitigate=True, candidates=os.path.join(
        ROOT, "Datasets", "korea-ax", "npu-candidates.csv"))
    first = mitigated["mitigations"]["proposals"][0]
    assert first["verified"] and first["summary"].startswith("after adding hana-npu")
    with pytest.raises(linkage.LinkageError) as error:
        linkage.spof(fail="kseed-silicom")
    assert error.value.exit_code == 64 and "did you mean 'kseed-silicon'" in str(error.value)
