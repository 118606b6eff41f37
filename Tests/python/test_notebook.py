"""python/examples/tour.ipynb runs headlessly, cell by cell, without errors."""
import os

import pytest

from conftest import ROOT, linkage_binary

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")

NOTEBOOK = os.path.join(ROOT, "python", "examples", "tour.ipynb")


def test_tour_notebook_executes(monkeypatch):
    monkeypatch.setenv("LINKAGE_BIN", os.path.abspath(os.path.join(ROOT, linkage_binary())))
    monkeypatch.setenv("PYTHONPATH", os.path.join(ROOT, "python"))
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    assert all(not cell.get("outputs") for cell in notebook.cells if cell.cell_type == "code"), \
        "commit the notebook without outputs"
    client = nbclient.NotebookClient(
        notebook, timeout=180, kernel_name="python3",
        resources={"metadata": {"path": os.path.dirname(NOTEBOOK)}})
    client.execute()  # raises CellExecutionError on the first failing cell
    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    text = "".join(o.get("text", "") for o in outputs if o.output_type == "stream")
    assert "korea-ax: 69 nodes" in text
    assert "kseed-silicon" in text
    assert "argos-vision → prog-defense-demo" in text
    assert "LinkageError" not in text and "exit 64" in text
    svgs = [o for o in outputs if "image/svg+xml" in o.get("data", {})]
    assert len(svgs) == 2 and all("<svg" in o["data"]["image/svg+xml"] for o in svgs)
