"""How a view's column path reads a row (views/runner.py) and how cells are neutralised."""

from kinerja.views.export import neutral
from kinerja.views.runner import cell, dig

ROW = {"name": "Sari", "unit": {"name": "Seksi"}, "workResults": [
    {"text": "RHK 1", "indicators": [{"text": "I 1"}, {"text": "I 2"}]},
    {"text": "RHK 2", "indicators": [{"text": "I 3"}]}], "empty": None}


def test_paths_through_objects_and_lists():
    assert dig(ROW, "unit.name") == "Seksi"
    assert dig(ROW, "workResults.text") == ["RHK 1", "RHK 2"]
    assert dig(ROW, "workResults.indicators.text") == [["I 1", "I 2"], ["I 3"]]
    assert cell(ROW, "workResults.indicators.text") == "I 1; I 2; I 3"
    assert dig(ROW, "empty.name") is None and cell(ROW, "missing") is None


def test_cells_a_spreadsheet_would_execute_are_neutralised():
    assert [neutral(v) for v in ("=1+1", "+1", "-1", "@A", "\tx", "\rx", "ok")] == [
        "'=1+1", "'+1", "'-1", "'@A", "'\tx", "'\rx", "ok"]
    assert [neutral(v) for v in (None, True, False, -5, 2.5)] == ["", "true", "false", -5, 2.5]
