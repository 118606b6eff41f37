"""`linkage brief`: the pack's files, its agreement with the commands, determinism, errors,
and a headless Chromium check of index.html."""
import json
import os
import shutil
import subprocess
import zlib

import pytest

from conftest import ROOT, linkage_binary, run

VIEWS = ["spof", "paths", "reach", "structure"]
RESULTS = {"summary": [], "spof": [], "readiness": ["paths", "--readiness"], "reach": ["reach", "--robust"]}


@pytest.fixture(scope="module")
def pack(tmp_path_factory):
    out = tmp_path_factory.mktemp("brief") / "pack"
    proc = run("brief", "-o", str(out), "--quiet")
    return out, proc.stdout


def test_pack_has_every_file(pack):
    out, stdout = pack
    assert str(out / "index.html") in stdout
    for name in ["index.html", "brief.md"] + [f"results/{r}.json" for r in RESULTS]:
        assert (out / name).stat().st_size > 0, name
    for view in VIEWS:
        assert (out / "diagrams" / f"{view}.svg").read_text(encoding="utf-8").lstrip().startswith("<?xml")
        assert (out / "diagrams" / f"{view}.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_results_are_what_the_commands_print(pack):
    out, _ = pack
    for name, command in RESULTS.items():
        args = command or [name]
        expected = run(*args, "--format", "json", "--quiet").stdout
        assert (out / "results" / f"{name}.json").read_text(encoding="utf-8") == expected, name


def test_findings_name_the_planted_facts(pack):
    out, stdout = pack
    page = (out / "index.html").read_text(encoding="utf-8")
    markdown = (out / "brief.md").read_text(encoding="utf-8")
    spof = json.loads((out / "results" / "spof.json").read_text())["result"]
    top = spof["critical_nodes"][0]
    assert top["id"] == "kseed-silicon"
    sentence = "is a single point of failure for 2 buyers"
    for text in (page, markdown, stdout):
        assert "KSeed Semiconductor" in text and sentence in text
        assert "although each of them has two or more direct suppliers" in text
    reach = json.loads((out / "results" / "reach.json").read_text())["result"]
    startups = [n for n in reach["nodes"] if n["kind"] == "startup"]
    dual = [n for n in startups if n["class"] == "dual"]
    assert f"{len(dual)} of {len(startups)} startups reach both defense and industry buyers" in page
    # Self-contained: no scripts, nothing fetched from the network; diagrams inline.
    assert "<script" not in page
    assert 'src="http' not in page and "href=\"http" not in page and "@import" not in page
    assert page.count("<svg") == len(VIEWS)
    assert "<?xml" not in page and "<!DOCTYPE svg" not in page
    for view in VIEWS:
        assert f'href="diagrams/{view}.svg"' in page and f"diagrams/{view}.png" in markdown


def test_same_input_same_bytes(pack, tmp_path):
    out, _ = pack
    again = tmp_path / "again"
    run("brief", "-o", str(again), "--quiet")
    for root, _, files in os.walk(out):
        for name in files:
            path = os.path.join(root, name)
            twin = os.path.join(again, os.path.relpath(path, out))
            assert open(path, "rb").read() == open(twin, "rb").read(), path


def test_manifest_json_follows_its_schema(tmp_path):
    jsonschema = pytest.importorskip("jsonschema")
    proc = run("brief", "Datasets/eto-semiconductor", "-o", str(tmp_path / "eto"), "--format", "json", "--quiet")
    document = json.loads(proc.stdout)
    with open(os.path.join(ROOT, "schemas", "brief.schema.json"), encoding="utf-8") as handle:
        jsonschema.validate(document, json.load(handle))
    assert document["result"]["index"].endswith("index.html")
    assert "results/spof.json" in document["result"]["files"]
    assert any("single point of failure" in f for f in document["result"]["findings"])


def test_generated_graph_brief(tmp_path):
    graph = tmp_path / "g.json"
    run("generate", "--nodes", "300", "--seed", "5", "-o", str(graph), "--quiet")
    run("brief", str(graph), "-o", str(tmp_path / "pack"), "--quiet")
    page = (tmp_path / "pack" / "index.html").read_text(encoding="utf-8")
    assert "Key findings" in page and page.count("<svg") >= 3


def test_bad_input_writes_nothing(tmp_path):
    (tmp_path / "nodes.csv").write_text("id,kind,name\na,startup,A\na,buyer,B\n")
    (tmp_path / "edges.csv").write_text("source,target,relation\na,zz,supplies\n")
    proc = run("brief", str(tmp_path), "-o", str(tmp_path / "pack"), check=False)
    assert proc.returncode == 65
    assert "edges.csv:2:3: error" in proc.stderr
    assert not (tmp_path / "pack").exists()
    proc = run("brief", "--top", "0", check=False)
    assert proc.returncode == 64


def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    if os.environ.get("CI"):
        pytest.fail("chromium is not installed (make deps installs it)")
    pytest.skip("no chromium")


def headless(*args, url):
    command = [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
               "--enable-logging=stderr", "--v=0", *args, url]
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


def console_messages(stderr):
    return [line for line in stderr.splitlines() if ":CONSOLE" in line]


def png_pixels(path):
    """The decompressed scanlines of a PNG (filter bytes included): enough to tell blank."""
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    idat, at = b"", 8
    while at < len(data):
        length = int.from_bytes(data[at:at + 4], "big")
        kind = data[at + 4:at + 8]
        if kind == b"IDAT":
            idat += data[at + 8:at + 8 + length]
        at += 12 + length
    return zlib.decompress(idat)


def test_console_detection_works(tmp_path):
    broken = tmp_path / "broken.html"
    broken.write_text("<html><body><script>console.error('boom'); missing();</script></body></html>")
    messages = console_messages(headless("--dump-dom", url=broken.as_uri()).stderr)
    assert any("boom" in m for m in messages) and any("missing" in m for m in messages)


def test_index_html_in_headless_chromium(pack, tmp_path):
    out, _ = pack
    url = (out / "index.html").as_uri()
    dom = headless("--dump-dom", url=url)
    assert dom.returncode == 0, dom.stderr[-2000:]
    assert console_messages(dom.stderr) == []
    assert "Key findings" in dom.stdout and "single point of failure" in dom.stdout
    assert dom.stdout.count("<svg") == len(VIEWS)
    shot = tmp_path / "brief.png"
    blank = tmp_path / "blank.html"
    blank.write_text("<html><body></body></html>")
    blank_shot = tmp_path / "blank.png"
    for target, page in ((shot, url), (blank_shot, blank.as_uri())):
        proc = headless(f"--screenshot={target}", "--window-size=1280,1800", url=page)
        assert proc.returncode == 0 and target.exists(), proc.stderr[-2000:]
    pixels, empty = png_pixels(shot), png_pixels(blank_shot)
    assert len(set(empty)) <= 8  # filter bytes and white: the blank page is blank to this measure
    assert len(set(pixels)) > 100  # text, tables and colored diagrams
    assert shot.stat().st_size > 20 * blank_shot.stat().st_size


def test_hostile_names_are_escaped(tmp_path):
    data = tmp_path / "hostile"
    data.mkdir()
    (data / "nodes.csv").write_text(
        'id,kind,name,sector\n'
        's,startup,"<script>alert(1)</script>",\n'
        'v,supplier,"Vendor | *star* & ""quotes"" <b>",\n'
        'i,integrator,Integrator,\n'
        'd,buyer,"Defense <img src=x onerror=alert(2)>",defense\n'
        'c,buyer,Civil,industry\n', encoding="utf-8")
    (data / "edges.csv").write_text(
        "source,target,relation\ns,v,supplies\nv,i,supplies\ni,d,supplies\ni,c,supplies\n", encoding="utf-8")
    run("brief", str(data), "-o", str(tmp_path / "pack"), "--quiet")
    page = (tmp_path / "pack" / "index.html").read_text(encoding="utf-8")
    assert "<script" not in page and "<img" not in page and "<b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    markdown = (tmp_path / "pack" / "brief.md").read_text(encoding="utf-8")
    assert "Vendor \\| \\*star\\* & \"quotes\" \\<b\\>" in markdown
    assert "single point of failure" in page


def test_brief_loads_the_graph_once(tmp_path):
    """Every report, page and diagram comes from one loaded graph."""
    import subprocess
    from conftest import linkage_binary, ROOT
    env = dict(os.environ, LINKAGE_TRACE_LOADS="1")
    for args in ([], ["Datasets/eto-semiconductor"]):
        proc = subprocess.run([linkage_binary(), "brief", *args, "-o", str(tmp_path / "pack"),
                               "--quiet"], cwd=ROOT, capture_output=True, text=True, env=env)
        assert proc.returncode == 0, proc.stderr
        assert "linkage: graph loads: 1" in proc.stderr


def poppler(tool):
    found = shutil.which(tool)
    if found:
        return found
    if os.environ.get("CI"):
        pytest.fail(f"{tool} is not installed (make deps-test installs poppler-utils)")
    pytest.skip(f"no {tool}")


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_index_html_prints_one_whole_diagram_per_page(pack, tmp_path, paper):
    """Chromium's print-to-PDF: each diagram starts a page and is not cut: its title (drawn
    in the SVG) and its caption below it are on the same page, and no other diagram is."""
    out, _ = pack
    page = tmp_path / "print.html"
    # The page size is the printer's choice; the brief's CSS must hold for both.
    html = (out / "index.html").read_text()
    size = "210mm 297mm" if paper == "A4" else "8.5in 11in"
    page.write_text(html.replace("@page { margin: 12mm; }", f"@page {{ margin: 12mm; size: {size}; }}"))
    for name in os.listdir(out):
        if os.path.isdir(out / name):
            shutil.copytree(out / name, tmp_path / name, dirs_exist_ok=True)
    pdf = tmp_path / "brief.pdf"
    proc = headless(f"--print-to-pdf={pdf}", "--no-pdf-header-footer", url=page.as_uri())
    assert proc.returncode == 0 and pdf.exists(), proc.stderr[-2000:]
    info = subprocess.run([poppler("pdfinfo"), str(pdf)], capture_output=True, text=True).stdout
    pages = int(next(line.split()[1] for line in info.splitlines() if line.startswith("Pages:")))
    assert ("(A4)" if paper == "A4" else "(letter)") in info, info
    per_page = subprocess.run([poppler("pdfinfo"), "-l", str(pages), str(pdf)],
                              capture_output=True, text=True).stdout
    sizes = [tuple(float(x) for x in line.split("size:")[1].split("pts")[0].split(" x "))
             for line in per_page.splitlines() if line.startswith("Page ") and "size:" in line]
    assert len(sizes) == pages
    assert sizes[0][0] < sizes[0][1]  # the findings page is portrait
    texts = []
    for k in range(1, pages + 1):
        texts.append(subprocess.run(
            [poppler("pdftotext"), "-f", str(k), "-l", str(k), str(pdf), "-"],
            capture_output=True, text=True).stdout)
    titles = {"spof": "single points of failure (", "paths": "best route", "reach": "dual-use reach",
              "structure": "— structure ("}
    for view in VIEWS:
        holding = [k for k, t in enumerate(texts) if titles[view] in t]
        assert len(holding) == 1, (view, holding)
        text = texts[holding[0]]
        assert "Full size:" in text, (view, text[:400])
        others = [v for v in VIEWS if v != view and titles[v] in text]
        assert others == [], (view, others)
        # A 16:9 diagram gets a landscape page (the text pages stay portrait).
        width, height = sizes[holding[0]]
        assert width > height, (view, width, height)
    # Every page rasterizes to something (no blank page from a stray break).
    subprocess.run([poppler("pdftoppm"), "-r", "20", "-png", str(pdf), str(tmp_path / "p")],
                   check=True)
    for k in range(1, pages + 1):
        shot = next(tmp_path.glob(f"p-{k}.png"), None) or next(tmp_path.glob(f"p-0{k}.png"))
        assert len(set(png_pixels(shot))) > 8, f"page {k} of {pages} is blank"
