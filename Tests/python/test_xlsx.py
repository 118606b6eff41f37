"""Excel workbooks in (issue 12): datasets give the same answers, cells are placed, hostile
archives are refused in bounded time and memory."""
import csv
import datetime
import json
import zipfile

import pytest

from conftest import run, run_json

DATASETS = ["Datasets/korea-ax", "Datasets/eto-semiconductor"]
openpyxl = pytest.importorskip("openpyxl")


def typed(text):
    if text == "":
        return None
    for kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            pass
    return {"true": True, "false": False}.get(text, text)


def workbook_of(dataset, tmp_path, names=("nodes", "edges", "meta")):
    folder = tmp_path / "csv"
    run("convert", dataset, str(folder), "--quiet")
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for part, title in zip(("nodes", "edges", "meta"), names):
        if not (folder / f"{part}.csv").exists():
            continue
        ws = wb.create_sheet(title)
        with open(folder / f"{part}.csv", newline="") as f:
            for row in csv.reader(f):
                ws.append([typed(x) for x in row])
    path = tmp_path / "book.xlsx"
    wb.save(path)
    return path


@pytest.mark.parametrize("dataset", DATASETS)
def test_a_workbook_gives_the_same_graph_and_answers(tmp_path, dataset):
    book = workbook_of(dataset, tmp_path)
    native, back = tmp_path / "native.json", tmp_path / "back.json"
    run("convert", dataset, str(native), "--quiet")
    run("convert", str(book), str(back), "--quiet")
    a, b = json.load(open(native)), json.load(open(back))
    assert a == b  # every node, edge, attribute, name and context relation
    for command in (["spof"], ["reach", "--robust"]):
        assert run_json(*command, dataset)["result"] == run_json(*command, str(book))["result"]


def test_sheet_names_cells_and_types(tmp_path, monkeypatch):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Firms"
    ws.append(["id", "kind", "sector", "tier", "founded", "listed", "note"])
    ws.append(["a", "startup", None, 1, datetime.date(2021, 3, 4), True, "x, \"y\""])
    ws.append(["b", "buyer", "defense", "high", datetime.datetime(2020, 1, 2, 8, 30), False, None])
    ws["B4"] = "supplier"  # a row without an id
    links = wb.create_sheet("Links")
    links.append(["source", "target", "lead_time"])
    links.append(["a", "b", 30])
    links.append(["a", "zz", 2.5])
    path = tmp_path / "book.xlsx"
    wb.save(path)
    proc = run("validate", str(path), check=False)
    assert proc.returncode == 65 and "no sheet named 'nodes'" in proc.stderr and "'Firms', 'Links'" in proc.stderr
    doc = json.loads(run("validate", str(path), "--sheet", "nodes=Firms,edges=Links",
                         "--format", "json", check=False).stdout)
    cells = {d["cell"]: d["message"] for d in doc["diagnostics"]}
    assert "tier must be a whole number" in cells["Firms!D3"]
    assert "'zz' is not a node" in cells["Links!B3"]
    assert all(d["file"] == str(path) for d in doc["diagnostics"])
    assert any(c.startswith("Firms!") and "id" in m for c, m in cells.items() if c.endswith("4"))
    import os
    import sys

    from conftest import ROOT, linkage_binary
    monkeypatch.setenv("LINKAGE_BIN", os.path.abspath(os.path.join(ROOT, linkage_binary())))
    monkeypatch.syspath_prepend(os.path.join(ROOT, "python"))
    import linkage
    report = linkage.validate(path, sheet="nodes=Firms,edges=Links")
    assert not report["valid"] and {"cell": "Firms!D3"}.items() <= next(
        d for d in report.errors if "tier" in d["message"]).items()
    frame = report.table("diagnostics")
    rows = frame.to_dict("records") if hasattr(frame, "to_dict") else frame
    assert any(r.get("cell") == "Links!B3" for r in rows)
    text = run("validate", str(path), "--sheet", "nodes=Firms,edges=Links", check=False).stdout
    assert f"{path}:Firms!D3: error:" in text


def test_types_round_trip(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "NODES"  # any case
    ws.append(["id", "kind", "tier", "founded", "at", "listed", "note", "score"])
    ws.append(["a", "startup", 1, datetime.date(2021, 3, 4), datetime.datetime(2020, 1, 2, 8, 30), True, "x, \"y\"", 0.25])
    ws.append([7, "buyer", None, None, None, False, None, None])
    ws["A3"].value = 7
    wb["NODES"]["C3"] = None
    edges = wb.create_sheet("Edges")
    edges.append(["source", "target", "lead_time"])
    edges.append(["a", 7, 30])
    path = tmp_path / "book.xlsx"
    wb.save(path)
    out = tmp_path / "out.json"
    proc = run("convert", str(path), str(out), check=False)
    assert "buyer '7' needs sector" in proc.stderr  # and placed: NODES!A3
    assert "NODES!A3" in proc.stderr or "NODES!" in proc.stderr
    ws["C3"] = None
    ws.cell(row=3, column=2, value="supplier")
    wb.save(path)
    run("convert", str(path), str(out), "--quiet")
    g = json.load(open(out))
    assert g["nodes"][0] == {"id": "a", "kind": "startup", "tier": 1, "founded": "2021-03-04",
                             "at": "2020-01-02T08:30:00", "listed": True, "note": "x, \"y\"", "score": 0.25}
    assert g["nodes"][1] == {"id": "7", "kind": "supplier", "listed": False}
    assert g["edges"] == [{"source": "a", "target": "7", "relation": "supplies", "lead_time": 30}]


def raw_workbook(path, sheet_xml, extra=None):
    """A minimal .xlsx written by hand, with `sheet_xml` as both sheets."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml",
                   '<workbook xmlns:r="r"><sheets><sheet name="nodes" sheetId="1" r:id="rId1"/>'
                   '<sheet name="edges" sheetId="2" r:id="rId2"/></sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels",
                   '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/>'
                   '<Relationship Id="rId2" Target="worksheets/sheet2.xml"/></Relationships>')
        z.writestr("xl/worksheets/sheet1.xml", sheet_xml)
        z.writestr("xl/worksheets/sheet2.xml",
                   '<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>source</t></is></c>'
                   '<c r="B1" t="inlineStr"><is><t>target</t></is></c></row></sheetData></worksheet>')
        for name, data in (extra or {}).items():
            z.writestr(name, data)


def test_inline_and_shared_strings_with_rich_text(tmp_path):
    path = tmp_path / "hand.xlsx"
    raw_workbook(path, '<worksheet><sheetData>'
                       '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="s"><v>1</v></c></row>'
                       '<row r="3"><c r="A3" t="s"><v>2</v></c><c r="C3" t="e"><v>#N/A</v></c></row>'
                       '</sheetData></worksheet>',
                 {"xl/sharedStrings.xml": '<sst><si><t>id</t></si><si><r><t>ki</t></r><r><t>nd</t></r>'
                                          '<rPh><t>x</t></rPh></si><si><t>a&amp;b</t></si></sst>'})
    doc = json.loads(run("convert", str(path), str(tmp_path / "o.json"), "--format", "json").stdout)
    assert any(d.get("cell") == "nodes!C3" and "#N/A" in d["message"] for d in doc["diagnostics"])
    g = json.load(open(tmp_path / "o.json"))
    assert g["nodes"] == [{"id": "a&b"}]


@pytest.mark.parametrize("name,sheet,says", [
    ("doctype", '<!DOCTYPE w [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><worksheet>&b;</worksheet>',
     "document type declaration"),
    ("xxe", '<!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/passwd">]><worksheet>&x;</worksheet>',
     "document type declaration"),
    ("deep", "DEEP", "nested deeper"),
    ("unclosed", "<worksheet><sheetData><row>", "ends inside"),
])
def test_hostile_sheet_xml(tmp_path, name, sheet, says):
    if sheet == "DEEP":  # built here: a 100,000-level parameter would be in every test id
        sheet = "<worksheet>" + "<x>" * 100000 + "</x>" * 100000 + "</worksheet>"
    path = tmp_path / f"{name}.xlsx"
    raw_workbook(path, sheet)
    proc = run("validate", str(path), check=False)
    assert proc.returncode == 65 and says in proc.stderr, proc.stderr
    assert f"{name}.xlsx:1:1: error: sheet 'nodes'" in proc.stderr


def test_zip_bomb_binary_and_truncated(tmp_path):
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("xl/workbook.xml", '<workbook><sheets><sheet name="nodes" r:id="rId1" xmlns:r="r"/>'
                                      '<sheet name="edges" r:id="rId1" xmlns:r="r"/></sheets></workbook>')
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            chunk = b" " * (1 << 20)
            for _ in range(300):  # 300 MiB of spaces, a few hundred KiB compressed
                f.write(chunk)
    assert bomb.stat().st_size < 2 << 20
    proc = run("validate", str(bomb), check=False)
    assert proc.returncode == 65 and "zip bomb" in proc.stderr, proc.stderr
    binary = tmp_path / "binary.xlsx"
    binary.write_bytes(bytes(range(256)) * 64)
    proc = run("validate", str(binary), check=False)
    assert proc.returncode == 65 and "not an .xlsx workbook" in proc.stderr
    good = workbook_of("Datasets/korea-ax", tmp_path)
    data = good.read_bytes()
    truncated = tmp_path / "truncated.xlsx"
    truncated.write_bytes(data[: len(data) // 2])
    proc = run("validate", str(truncated), check=False)
    assert proc.returncode == 65 and "damaged" in proc.stderr, proc.stderr
    old = tmp_path / "old.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    proc = run("validate", str(old), check=False)
    assert proc.returncode == 65 and "old Excel .xls" in proc.stderr
    proc = run("convert", "Datasets/korea-ax", str(tmp_path / "out.xlsx"), check=False)
    assert proc.returncode == 64 and "does not write it" in proc.stderr


def test_pandas_to_excel_workbooks_load(tmp_path):
    pd = pytest.importorskip("pandas")
    nodes = pd.DataFrame({"id": ["s", "i", "b"], "kind": ["startup", "integrator", "buyer"],
                          "sector": [None, None, "defense"]})
    edges = pd.DataFrame({"source": ["s", "i"], "target": ["i", "b"]})
    path = tmp_path / "frames.xlsx"
    with pd.ExcelWriter(path) as writer:
        nodes.to_excel(writer, sheet_name="nodes", index=False)
        edges.to_excel(writer, sheet_name="edges", index=False)
    result = run_json("spof", str(path))["result"]
    assert [n["id"] for n in result["critical_nodes"]] == ["i", "s"]
