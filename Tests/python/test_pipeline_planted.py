"""korea-ax's planted pipeline facts (its README, items 7-9), through `linkage pipeline`."""
from conftest import run_json


def startups():
    result = run_json("pipeline")["result"]
    return result, {s["id"]: s for s in result["startups"]}


def test_stalled_after_verification():
    _, rows = startups()
    gureum = rows["gureum-drone"]
    assert gureum["sector"] == "defense" and gureum["highest"] == "verification" and gureum["stalled"]
    assert [(r["stage"], r["program"]) for r in gureum["reached"]] == [("verification", "prog-defense-fast-track")]
    assert gureum["next"] == "application"


def test_one_gateway_every_industrial_application_depends_on():
    result, rows = startups()
    applied = sorted(s for s, r in rows.items() if any(e["stage"] == "application" for e in r["reached"]))
    assert applied == ["dure-twin", "jeongmil-metrology", "saebom-factory"]
    for s in applied:
        application = next(e for e in rows[s]["reached"] if e["stage"] == "application")
        assert "prog-testbed" in application["critical"], s
    top = result["gateways"][0]
    assert top["id"] == "prog-testbed" and top["critical"] == 3
    # Busy is not critical, and the bounded count sees past the evidence routes.
    smart = next(g for g in result["gateways"] if g["id"] == "prog-smart-factory")
    assert smart["busy"] == 0 and smart["critical"] == 0 and smart["within_bound"] == 3


def test_declared_stage_disagrees_with_evidence():
    _, rows = startups()
    haneul = rows["haneul-ai"]
    assert haneul["declared"] == "application" and haneul["highest"] == "technology" and haneul["disagrees"]
    dure = rows["dure-twin"]
    assert dure["breaks_after"] == "technology" and dure["breaks_before"] == "verification"


def test_bound_changes_only_the_bounded_count():
    one = run_json("pipeline", "--bound", "1")["result"]
    eight = run_json("pipeline")["result"]
    assert one["bound"] == 1
    by_id = {g["id"]: g for g in eight["gateways"]}
    for g in one["gateways"]:
        assert g["within_bound"] <= by_id[g["id"]]["within_bound"]
        assert (g["critical"], g["busy"], g["betweenness"]) == (
            by_id[g["id"]]["critical"], by_id[g["id"]]["busy"], by_id[g["id"]]["betweenness"])
    testbed = next(g for g in one["gateways"] if g["id"] == "prog-testbed")
    assert testbed["within_bound"] == 3  # the three are verified in it directly
