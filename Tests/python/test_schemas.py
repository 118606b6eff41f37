"""Every command's --format json validates against its committed JSON Schema (schemas/)."""
import glob
import json
import os

import pytest

from conftest import ROOT, run

jsonschema = pytest.importorskip("jsonschema")

SCHEMAS = os.path.join(ROOT, "schemas")
COMMANDS = ["summary", "validate", "convert", "generate", "spof", "paths", "reach", "brief", "diff",
            "concentration", "pipeline"]
SHARED = os.path.join(os.path.dirname(ROOT), "shared", "datasets")


def schema(command):
    with open(os.path.join(SCHEMAS, f"{command}.schema.json"), encoding="utf-8") as handle:
        return json.load(handle)


def check(*args, exit_codes=(0,)):
    proc = run(*args, "--format", "json", "--quiet", check=False)
    assert proc.returncode in exit_codes, proc.stderr
    document = json.loads(proc.stdout)
    jsonschema.validate(document, schema(document["command"]))
    return document


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    """The bundled datasets, generated ecosystems in each encoding, a cyclic graph with warnings."""
    folder = tmp_path_factory.mktemp("schemas")
    paths = [os.path.join(ROOT, "Datasets", "korea-ax"), os.path.join(ROOT, "Datasets", "eto-semiconductor")]
    for seed, (nodes, suffix) in enumerate([(150, ".json"), (400, ".yaml"), (250, "")], start=1):
        out = str(folder / f"gen{seed}{suffix}")
        to = [] if suffix else ["--to", "csv"]
        check("generate", "--nodes", str(nodes), "--seed", str(seed), "-o", out, *to)
        paths.append(out)
    cyclic = folder / "cyclic"
    cyclic.mkdir()
    (cyclic / "nodes.csv").write_text("id,kind,name,sector\na,supplier,A,\nb,integrator,B,\nc,buyer,C,defense\n"
                                      "d,startup,D,\ne,widget,E,\nf,buyer,F,industry\n")
    (cyclic / "edges.csv").write_text("source,target,relation,lead_time\na,b,supplies,3\nb,a,supplies,4\n"
                                      "b,c,supplies,2\nd,c,befriends,\nd,f,supplies,\n")
    paths.append(str(cyclic))
    return paths


def test_every_command_has_a_valid_schema():
    files = sorted(os.path.basename(p) for p in glob.glob(os.path.join(SCHEMAS, "*.schema.json")))
    assert files == sorted(f"{c}.schema.json" for c in COMMANDS)
    for command in COMMANDS:
        document = schema(command)
        jsonschema.Draft202012Validator.check_schema(document)
        assert document["properties"]["command"] == {"const": command}


def test_outputs_validate(inputs, tmp_path):
    for path in inputs:
        check("summary", path)
        check("validate", path)
        check("spof", path)
        check("spof", path, "--simulate", "50", "--seed", "7")
        check("reach", path)
        check("reach", path, "--robust", "--max-lead-time", "30")
        check("paths", path, "--readiness")
        check("convert", path, str(tmp_path / "copy.json"))


def test_option_variants_validate():
    check("spof", "--node", "kseed-silicon")
    check("spof", "--node", "army")
    check("spof", "--min-share", "0.3", "--top", "3")
    check("paths", "--from", "kseed-silicon", "-k", "5", "--by", "lead_time")
    check("paths", "--from", "argos-vision", "--by", "confidence", "--max-hops", "4")
    check("reach", "--node", "kseed-silicon", "--robust")
    check("reach", "--max-hops", "2", "--list", "2")
    check("spof", "Datasets/eto-semiconductor", "--node", "asml")


def test_scenarios_and_diffs_validate(tmp_path):
    add = tmp_path / "add.yaml"
    add.write_text("nodes:\n  - {id: hana-npu, kind: supplier}\n"
                   "edges:\n  - {source: hana-npu, target: nuri-electronics, part: npu}\n")
    what_if = ["--fail", "kseed-silicon", "--cut", "prog-defense-demo>army", "--add", str(add)]
    for command in (["summary"], ["spof"], ["reach", "--robust"], ["paths", "--readiness"],
                    ["paths", "--from", "bitna-autonomy"]):
        document = check(*command, *what_if)
        assert document["scenario"]["failed_nodes"] == ["kseed-silicon"]
    eto = os.path.join(ROOT, "Datasets", "eto-semiconductor")
    spof = check("spof", eto, "--fail-where", "country=NLD", "--semantics", "parts")
    assert "finished-logic-chip" in spof["result"]["scenario_effect"]["targets_cut"]
    diff = check("diff", "Datasets/korea-ax", *what_if)
    assert diff["result"]["counts"]["nodes_added"] == 1
    assert check("diff", "Datasets/korea-ax", "Datasets/korea-ax")["result"]["identical"] is True
    converted = tmp_path / "k.gexf"
    run("convert", "Datasets/korea-ax", str(converted), "--quiet")
    assert check("diff", "Datasets/korea-ax", str(converted), "--match", "name")["result"]["identical"]


def test_mitigations_validate(inputs):
    candidates = os.path.join(ROOT, "Datasets", "korea-ax", "npu-candidates.csv")
    document = check("spof", "--mitigate", "--candidates", candidates)
    first = document["result"]["mitigations"]["proposals"][0]
    assert first["verified"] and first["links"][0]["source"] == "hana-npu"
    assert [r["after"]["value"] for r in first["redundancy"]] == [2, 2]
    for path in inputs:
        for semantics in ("or", "parts"):
            result = check("spof", path, "--mitigate", "--semantics", semantics)["result"]
            assert all(p["verified"] for p in result["mitigations"]["proposals"])


def test_invalid_data_still_follows_the_validate_schema(tmp_path):
    (tmp_path / "nodes.csv").write_text("id,kind,name\na,startup,A\na,buyer,B\n")
    (tmp_path / "edges.csv").write_text("source,target,relation\na,zz,supplies\n")
    document = check("validate", str(tmp_path), exit_codes=(65,))
    assert document["result"]["valid"] is False
    assert [d["severity"] for d in document["diagnostics"]] == ["error", "error"]


@pytest.mark.skipif(not os.path.isdir(SHARED), reason="../shared/datasets is not here")
def test_shared_datasets_validate():
    chains = sorted(glob.glob(os.path.join(SHARED, "willems", "chain*_nodes.csv")))
    assert len(chains) == 38
    for nodes in chains[::5]:
        for command in ("summary", "validate", "spof", "reach"):
            document = check(command, nodes)
            assert document["command"] == command and document["input"] == nodes


def test_seeds_print_exactly(tmp_path):
    seed = 2**64 - 1
    generated = check("generate", "--nodes", "50", "--seed", str(seed), "-o", str(tmp_path / "g.json"))
    assert generated["result"]["seed"] == seed
    simulated = check("spof", "--simulate", "10", "--seed", str(seed))
    assert simulated["result"]["simulation"]["seed"] == seed


def test_loss_validates(inputs):
    for path in inputs:
        for semantics in ("or", "parts"):
            loss = check("spof", path, "--loss", "--semantics", semantics)["result"]["loss"]
            assert all(0 <= t["supplied"] <= 1 for t in loss["targets"])
    korea = check("spof", "--loss", "--top", "3")["result"]["loss"]
    assert [n["id"] for n in korea["nodes"]] == ["kseed-silicon", "gyeol-comms", "dain-optics"]


def test_group_failures_validate(inputs):
    eto = os.path.join(ROOT, "Datasets", "eto-semiconductor")
    units = check("spof", eto, "--group-by", "country", "--semantics", "parts")["result"]["group_failures"]["units"]
    assert units[0]["value"] == "NLD" and units[0]["cut"] == ["finished-logic-chip"]
    for path in inputs:
        check("spof", path, "--group-by", "kind")


def test_concentration_validates(inputs):
    eto = os.path.join(ROOT, "Datasets", "eto-semiconductor")
    result = check("concentration", eto, "--by", "country")["result"]
    alone = [g["node"] for g in result["groups"] if g["hhi"] == 10000]
    assert alone == ["crystal-growing-furnaces", "euv-scanners"]
    euv = next(g for g in result["groups"] if g["node"] == "euv-scanners")
    assert euv["sources"] == [{"key": "NLD", "share": 1, "assumed": False, "declared": True}]
    assert result["groups_with_declared_shares"] >= 40
    for path in inputs:
        check("concentration", path)
        check("concentration", path, "--by", "kind")


def test_stress_validates(inputs):
    stress = check("spof", "--stress")["result"]["stress"]
    assert [(e["failure"], e["target"], e["shortfall_days"]) for e in stress["exposures"]] == [
        ("kseed-silicon", "nuri-electronics", 45)]
    for path in inputs:
        check("spof", path, "--stress")


def test_pipeline_validates(inputs):
    result = check("pipeline")["result"]
    assert result["startup_count"] == 23
    dure = next(s for s in result["startups"] if s["id"] == "dure-twin")
    assert [r["stage"] for r in dure["reached"]] == ["technology", "verification", "application"]
    assert not dure["continuous"] and dure["breaks_after"] == "technology"
    assert dure["breaks_before"] == "verification"
    assert result["bound"] == 8
    assert all(g["within_bound"] >= g["busy"] for g in result["gateways"])
    haneul = next(s for s in result["startups"] if s["id"] == "haneul-ai")
    assert haneul["declared"] == "application" and haneul["highest"] == "technology" and haneul["disagrees"]
    for path in inputs:
        check("pipeline", path)
