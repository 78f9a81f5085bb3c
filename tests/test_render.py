"""Rendering: real papermill runs and nbconvert HTML, staged so a failure never breaks a report."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import nbformat
import pytest
from lxml import html as lxml_html
from readonly import read_only
from reportcheck import leftovers

from helpers.batch.render import batch_name, find_articles, render, write_index
from helpers.cli import main
from helpers.report.index import reports

pytestmark = pytest.mark.slow

SMALL_NOTEBOOK = [
    ("markdown", "# Small report\n\nShows the headline."),
    ("code", "from helpers.analysis import analyze"),
    ("code", 'article_path = "x"\nspacy_model = "auto"', ["parameters"]),
    ("code", "a = analyze(article_path, spacy_model)\n"
             "assert 'FAIL' not in a.article.text, 'this article is marked to fail'\n"
             "print('HEADLINE:', a.article.headline)"),
]


def write_notebook(folder: Path, name: str, cells=SMALL_NOTEBOOK) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    for kind, source, *tags in cells:
        cell = (nbformat.v4.new_markdown_cell(source) if kind == "markdown"
                else nbformat.v4.new_code_cell(source))
        if tags:
            cell.metadata["tags"] = tags[0]
        nb.cells.append(cell)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    nbformat.write(nb, path)
    return path


@pytest.fixture(autouse=True)
def one_report_per_article(tmp_path, monkeypatch) -> None:
    """These batches test each article's own reports: no coverage page unless a test asks for
    one (the `coverage` fixture below, and the browser test, render it)."""
    import helpers.batch.render as render_module

    monkeypatch.setattr(render_module, "COVERAGE_NOTEBOOK", tmp_path / "no-coverage.ipynb")


def write_two_articles(folder: Path) -> Path:
    """A folder of two short articles, harbour.txt and bridge.txt."""
    folder.mkdir()
    (folder / "harbour.txt").write_text(
        "Harbour reopens after storm\n\nThe harbour in Kiel reopened on Monday.\n", "utf-8")
    (folder / "bridge.txt").write_text(
        "Bridge closed for repairs\n\nThe bridge in Lyon closed on Friday.\n", "utf-8")
    return folder


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    return write_two_articles(tmp_path / "articles")


def test_small_batch_writes_reports_index_and_skips_when_unchanged(tmp_path, articles):
    notebooks = [write_notebook(tmp_path / "nbs", "01_small.ipynb")]
    out = tmp_path / "reports"
    result = render([articles], out_dir=out, jobs=2, notebooks=notebooks, progress=False)
    assert not result.failures
    assert sorted(p.name for p in result.written) == ["bridge", "harbour"]
    page = (out / "harbour" / "01_small.html").read_text("utf-8")
    assert "HEADLINE: Harbour reopens after storm" in page
    assert "analyze(article_path" not in page  # code cells hidden
    assert 'href="../index.html"' in page  # links back to the index
    assert "<script src=" not in page  # no scripts fetched from the web
    index = (out / "index.html").read_text("utf-8")
    assert "Harbour reopens after storm" in index and "Bridge closed for repairs" in index
    assert 'href="harbour/01_small.html"' in index and 'href="bridge/01_small.html"' in index

    again = render([articles], out_dir=out, notebooks=notebooks, progress=False)
    assert not again.written and len(again.skipped) == 2


def test_failing_notebook_keeps_the_previous_report(tmp_path, articles):
    notebooks = [write_notebook(tmp_path / "nbs", "01_small.ipynb")]
    out = tmp_path / "reports"
    render([articles], out_dir=out, notebooks=notebooks, progress=False)
    good = (out / "harbour" / "01_small.html").read_bytes()

    harbour = articles / "harbour.txt"
    harbour.write_text(harbour.read_text("utf-8") + "\nFAIL marker.\n", "utf-8")
    (articles / "bridge.txt").write_text(
        "Bridge reopened\n\nThe bridge in Lyon reopened on Sunday.\n", "utf-8")
    result = render([articles], out_dir=out, notebooks=notebooks, progress=False)

    (failure,) = result.failures
    assert failure.article == harbour and failure.notebook == "01_small.ipynb"
    assert failure.cell == 4  # In [4]: papermill's injected parameters cell runs third
    assert "this article is marked to fail" in failure.error
    assert "in: a = analyze(article_path, spacy_model)" in failure.error
    assert "01_small.ipynb (cell In [4])" in failure.describe()
    assert (out / "harbour" / "01_small.html").read_bytes() == good  # previous report intact
    assert failure.executed == out / "harbour" / "failed" / "01_small.ipynb"
    assert failure.executed.exists()
    # the batch went on: the other article was re-rendered
    assert [p.name for p in result.written] == ["bridge"]
    assert "Bridge reopened" in (out / "bridge" / "01_small.html").read_text("utf-8")
    assert not leftovers(out)  # no staging left


def test_cli_exits_non_zero_with_a_summary(tmp_path, articles, capsys, monkeypatch):
    (articles / "broken.txt").write_bytes(b"")
    notebooks = [write_notebook(tmp_path / "nbs", "01_small.ipynb")]
    monkeypatch.setattr("helpers.batch.render.report_notebooks", lambda: notebooks)
    code = main(["render", "--article", str(articles), "--out", str(tmp_path / "r")])
    err = capsys.readouterr().err
    assert code == 1
    assert "1 failure; previous reports were left in place" in err
    assert "broken.txt" in err and "is empty" in err
    assert (tmp_path / "r" / "harbour" / "01_small.html").exists()


LIMIT_NOTEBOOK = [
    ("code", "from helpers.analysis import analyze"),
    ("code", 'article_path = "x"\nspacy_model = "auto"\nstory = "auto"\nmax_bytes = None',
     ["parameters"]),
    ("code", "a = analyze(article_path, spacy_model, story, max_bytes=max_bytes)\n"
             "print('LIMIT:', max_bytes)"),
]
"""A report notebook with the real notebooks' parameters, showing the limit it was given."""


def test_max_bytes_of_a_folder_render_reaches_the_loader_and_the_notebooks(tmp_path, capsys,
                                                                          monkeypatch):
    """`render --max-bytes` of a folder: the article over the limit is refused, naming it; the
    other is read with the same limit by the notebooks (a parameter), and the environment does
    not carry it."""
    notebooks = [write_notebook(tmp_path / "nbs", "01_limit.ipynb", LIMIT_NOTEBOOK)]
    monkeypatch.setattr("helpers.batch.render.report_notebooks", lambda: notebooks)
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "short.txt").write_text("Harbour reopens\n\nThe harbour reopened.\n", "utf-8")
    long = folder / "long.txt"
    long.write_text("Harbour report\n\n" + "The harbour reopened on Monday. " * 20, "utf-8")
    environment = dict(os.environ)
    code = main(["render", "--article", str(folder), "--out", str(tmp_path / "r"),
                 "--max-bytes", "300"])
    err = capsys.readouterr().err
    assert code == 1
    assert "1 failure; previous reports were left in place" in err
    assert (f"long.txt / reading the article (before running):\n    {long} is "
            f"{long.stat().st_size} bytes or more, over the 300-byte limit for one article") in err
    assert "LIMIT: 300" in (tmp_path / "r" / "short" / "01_limit.html").read_text("utf-8")
    assert dict(os.environ) == environment


def test_bad_parameters_are_clear(tmp_path):
    with pytest.raises(ValueError, match="jobs must be a whole number of at least 1"):
        render([tmp_path], jobs=0)
    with pytest.raises(FileNotFoundError, match="Article not found"):
        find_articles([tmp_path / "missing.txt"])
    with pytest.raises(ValueError, match="holds no .txt or .html articles"):
        find_articles([tmp_path])


def test_empty_index(tmp_path):
    page = write_index(tmp_path).read_text("utf-8")
    assert "No reports rendered yet." in page


def test_seed_report_set(rendered_reports):
    """The real notebooks on the seed: headline, entity table and chart images in the HTML."""
    folder = rendered_reports / "000-c0fed61a49489022"
    reading = (folder / "01_reading_the_article.html").read_text("utf-8")
    assert "US and Allies Can’t Verify Russian Pullback of Troops near Ukraine" in reading
    assert "Most-mentioned actors" in reading or 'src="data:image/png;base64' in reading
    assert len(re.findall(r'<img[^>]+src="data:image/png;base64', reading)) >= 1
    assert "<th>Actor</th>" in reading or ">Actor<" in reading
    assert "from helpers" not in reading
    for html_page in folder.glob("*.html"):
        assert "Traceback" not in html_page.read_text("utf-8"), html_page.name
    figures = sorted(p.name for p in (folder / "figures").iterdir())
    assert any(name.endswith(".png") for name in figures)
    assert any(name.endswith(".svg") for name in figures)


def test_with_code_renders_the_code_into_its_own_folder(tmp_path, articles):
    notebooks = [write_notebook(tmp_path / "nbs", "01_small.ipynb")]
    out = tmp_path / "reports"
    result = render([articles / "harbour.txt"], out_dir=out, with_code=True,
                    notebooks=notebooks, progress=False)
    assert result.written == [out / "with-code" / "harbour"]
    page = (out / "with-code" / "harbour" / "01_small.html").read_text("utf-8")
    assert "analyze" in page and "article_path" in page  # the code is shown
    assert (out / "with-code" / "index.html").exists()
    assert not (out / "harbour").exists()  # the reader's reports are untouched


def test_report_reads_well_with_no_quotes_and_no_numbers(rendered_reports):
    page = (rendered_reports / "quiet-day" / "00_report.html").read_text("utf-8")
    assert "Nobody is quoted in the article, directly or in reported speech." in page
    assert "The article gives no figures to check." in page
    assert "no figure in it is checked against a public record." in page
    assert "The article quotes nobody." in page
    assert "Traceback" not in page


def test_two_articles_with_one_slug_do_not_overwrite_each_other(tmp_path, articles):
    (articles / "harbour.html").write_text(
        "<html><head><title>Other harbour</title></head><body><article><p>The other harbour "
        "in Kiel closed on Tuesday after a storm damaged the pier.</p></article></body></html>",
        "utf-8")
    notebooks = [write_notebook(tmp_path / "nbs", "01_small.ipynb")]
    result = render([articles], out_dir=tmp_path / "r", notebooks=notebooks, progress=False)
    (failure,) = result.failures
    assert failure.article.name == "harbour.txt"  # sorted after harbour.html
    assert "report folder 'harbour' is already taken" in failure.error
    assert sorted(p.name for p in result.written) == ["bridge", "harbour"]


def test_changed_story_pack_renders_again(tmp_path, articles, monkeypatch):
    """Editing a story pack's record data re-renders instead of skipping as unchanged."""
    import shutil

    from helpers import cache
    from helpers.paths import DATA_DIR

    data = tmp_path / "data"
    for folder in cache.FINGERPRINTED:
        shutil.copytree(DATA_DIR / folder, data / folder)
    monkeypatch.setattr(cache, "DATA_DIR", data)
    cache.code_fingerprint.cache_clear()
    notebooks = [write_notebook(tmp_path / "nbs", "01_small.ipynb")]
    out = tmp_path / "reports"
    harbour = [articles / "harbour.txt"]
    render(harbour, out_dir=out, notebooks=notebooks, progress=False)
    assert render(harbour, out_dir=out, notebooks=notebooks, progress=False).skipped
    (data / "stories" / "ukraine-2022" / "SOURCES.md").write_text("edited", encoding="utf-8")
    cache.code_fingerprint.cache_clear()
    again = render(harbour, out_dir=out, notebooks=notebooks, progress=False)
    cache.code_fingerprint.cache_clear()
    assert again.written == [out / "harbour"] and not again.skipped


# Issue 10: nothing lost, nothing runs that should not.


def test_an_article_named_with_code_never_replaces_the_classroom_render(tmp_path):
    """Item 3: `with code.txt` had the slug of the --with-code folder and deleted it."""
    notebooks = [write_notebook(tmp_path / "nbs", "01_small.ipynb")]
    (tmp_path / "a").mkdir()
    (tmp_path / "c").mkdir()
    report = tmp_path / "a" / "Report.txt"
    report.write_text("Classroom\n\nThe class read the story on Monday.\n", "utf-8")
    named = tmp_path / "c" / "with code.txt"
    named.write_text("With code\n\nThe council met in Lyon on Friday.\n", "utf-8")
    out = tmp_path / "reports"
    render([report], out_dir=out, with_code=True, notebooks=notebooks, progress=False)
    (classroom,) = (out / "with-code").glob("report-*/01_small.html")
    result = render([named], out_dir=out, notebooks=notebooks, progress=False)
    assert not result.failures
    (written,) = result.written
    assert written.name.startswith("with-code-") and written.name != "with-code"
    assert classroom.exists() and (out / "with-code" / "index.html").exists()


def test_names_that_differ_in_case_or_punctuation_get_their_own_reports(tmp_path):
    """Item 5: Talks.txt, talks.txt and talks!.txt wrote into one folder."""
    notebooks = [write_notebook(tmp_path / "nbs", "01_small.ipynb")]
    folder = tmp_path / "in"
    folder.mkdir()
    for number, name in enumerate(["Talks.txt", "talks.txt", "talks!.txt", "Крым.txt"]):
        (folder / name).write_text(f"Story {number}\n\nTalks went on in Vienna.\n", "utf-8")
    out = tmp_path / "reports"
    result = render([folder], out_dir=out, notebooks=notebooks, progress=False)
    assert not result.failures and len(result.written) == 4
    pages = {p.parent.name: p.read_text("utf-8") for p in out.glob("*/01_small.html")}
    assert len(pages) == 4 and "krym" in " ".join(pages)
    assert sorted(f"HEADLINE: Story {n}" in page for n in range(4)
                  for page in pages.values()).count(True) == 4


def test_a_slug_collision_across_runs_is_an_error_not_an_overwrite(tmp_path):
    """Item 5: a/talks.txt rendered, then b/talks.txt overwrote its report."""
    notebooks = [write_notebook(tmp_path / "nbs", "01_small.ipynb")]
    first, second = tmp_path / "a" / "talks.txt", tmp_path / "b" / "talks.txt"
    for path, city in ((first, "Vienna"), (second, "Geneva")):
        path.parent.mkdir()
        path.write_text(f"Talks in {city}\n\nThe talks in {city} went on.\n", "utf-8")
    out = tmp_path / "reports"
    render([first], out_dir=out, notebooks=notebooks, progress=False)
    result = render([second], out_dir=out, notebooks=notebooks, progress=False)
    (failure,) = result.failures
    assert f"holds the report of {first}" in failure.error and "rename one" in failure.error
    assert "Talks in Vienna" in (out / "talks" / "01_small.html").read_text("utf-8")


def test_files_a_reader_put_into_a_report_folder_are_kept(tmp_path, articles):
    """Item 6: a re-render deleted reports/<slug>/notes.md without a word."""
    notebooks = [write_notebook(tmp_path / "nbs", "01_small.ipynb")]
    out = tmp_path / "reports"
    render([articles / "harbour.txt"], out_dir=out, notebooks=notebooks, progress=False)
    (out / "harbour" / "notes.md").write_text("my notes", "utf-8")
    (out / "harbour" / "figures").mkdir(exist_ok=True)  # this notebook draws no chart
    (out / "harbour" / "figures" / "mine.png").write_bytes(b"png")
    result = render([articles / "harbour.txt"], out_dir=out, notebooks=notebooks, force=True,
                    progress=False)
    assert result.written == [out / "harbour"]
    assert (out / "harbour" / "notes.md").read_text("utf-8") == "my notes"
    assert (out / "harbour" / "figures" / "mine.png").read_bytes() == b"png"
    assert not leftovers(out)


def test_a_readers_file_that_the_new_report_would_replace_stops_that_report(tmp_path, articles):
    notebooks = [write_notebook(tmp_path / "nbs", "01_small.ipynb")]
    out = tmp_path / "reports"
    render([articles / "harbour.txt"], out_dir=out, notebooks=notebooks, progress=False)
    (out / "harbour" / "02_more.html").write_text("mine", "utf-8")
    notebooks.append(write_notebook(tmp_path / "nbs", "02_more.ipynb"))
    result = render([articles / "harbour.txt"], out_dir=out, notebooks=notebooks,
                    progress=False)
    (failure,) = result.failures
    assert "not part of its report" in failure.error and "02_more.html" in failure.error
    assert (out / "harbour" / "02_more.html").read_text("utf-8") == "mine"
    assert (out / "harbour" / "01_small.html").exists()


def test_a_folder_that_no_render_made_is_refused(tmp_path, articles):
    notebooks = [write_notebook(tmp_path / "nbs", "01_small.ipynb")]
    out = tmp_path / "reports"
    (out / "harbour").mkdir(parents=True)
    (out / "harbour" / "thesis.docx").write_bytes(b"mine")
    result = render([articles / "harbour.txt"], out_dir=out, notebooks=notebooks,
                    progress=False)
    (failure,) = result.failures
    assert "a folder that no render made" in failure.error
    assert (out / "harbour" / "thesis.docx").read_bytes() == b"mine"


@pytest.mark.parametrize("stamp", ["[1, 2]", '{"stamp": "x"}', "{not json",
                                   '{"headline": "h", "article": "a", "rendered": "r", '
                                   '"pages": [{"href": "javascript:alert(1)", "title": "t"}]}'])
def test_a_malformed_stamp_is_left_out_of_the_index_with_a_warning(tmp_path, articles, stamp):
    """Item 8: a .render.json that is a list or lacks keys ended every render in a traceback."""
    notebooks = [write_notebook(tmp_path / "nbs", "01_small.ipynb")]
    out = tmp_path / "reports"
    render([articles], out_dir=out, notebooks=notebooks, progress=False)
    (out / "harbour" / ".render.json").write_text(stamp, "utf-8")
    why = "it is not readable JSON" if stamp.startswith("{not") else ""
    with pytest.warns(UserWarning, match=rf"harbour/\.render\.json is damaged \({why}"):
        page = write_index(out).read_text("utf-8")
    assert "Bridge closed for repairs" in page and "harbour/" not in page
    assert "javascript:" not in page
    again = render([articles], out_dir=out, notebooks=notebooks, progress=False)
    assert again.written == [out / "harbour"]  # rendered anew, with a good stamp


def test_a_read_only_cache_folder_renders_with_one_warning(tmp_path, articles, monkeypatch,
                                                           capsys):
    """Item 9: a read-only cache folder failed the render."""
    from helpers import cache

    cache_dir = tmp_path / "cache"
    (cache_dir / "analysis").mkdir(parents=True)
    notebooks = [write_notebook(tmp_path / "nbs", "01_small.ipynb")]
    monkeypatch.setattr(cache, "ANALYSIS_CACHE", cache_dir / "analysis")
    monkeypatch.setattr(cache, "_warned", set())
    monkeypatch.setenv("HELPERS_CACHE_DIR", str(cache_dir))  # the kernels' cache
    monkeypatch.setattr("helpers.batch.render.report_notebooks", lambda: notebooks)
    with read_only(cache_dir / "analysis"):
        code = main(["render", "--article", str(articles), "--out", str(tmp_path / "r")])
    err = capsys.readouterr().err
    assert code == 0, err
    assert err.count("cannot be used") == 1
    for page in (tmp_path / "r").glob("*/*.html"):
        assert "cannot be used" not in page.read_text("utf-8")


@pytest.mark.parametrize("length", [245, 246])
def test_long_file_names_render_again_and_again(tmp_path, length):
    """Item 14: a 246-character stem failed with ENAMETOOLONG; a 245-character one rendered once
    and then crashed the next render in the swap."""
    notebooks = [write_notebook(tmp_path / "nbs", "01_small.ipynb")]
    folder = tmp_path / "in"
    folder.mkdir()
    article = folder / ("a" * length + ".txt")
    article.write_text("Long name\n\nThe harbour in Kiel reopened.\n", "utf-8")
    (folder / "short.txt").write_text("Short\n\nThe bridge in Lyon closed.\n", "utf-8")
    out = tmp_path / "reports"
    for _ in range(2):
        result = render([folder], out_dir=out, force=True, notebooks=notebooks, progress=False)
        assert not result.failures, [f.describe() for f in result.failures]
        assert len(result.written) == 2
    assert not leftovers(out)


COVERAGE_CELLS = [
    ("markdown", "# Coverage"),
    ("code", 'tables_dir = "x"\nstory = "auto"\nreports_href = "../"', ["parameters"]),
    ("code", "import json\nfrom pathlib import Path\n"
             "about = [json.loads((p / 'article.json').read_text('utf-8'))\n"
             "         for p in sorted(Path(tables_dir).iterdir())]\n"
             "print('ARTICLES:', len(about), '|'.join(a['headline'] for a in about))\n"
             "print('FIRST LINK:', f\"{reports_href}{about[0]['slug']}/00_report.html\")"),
]
"""A stand-in for notebooks/05_coverage.ipynb with its parameters: it reads the tables folder."""


@pytest.fixture
def coverage(tmp_path, monkeypatch) -> Path:
    import helpers.batch.render as render_module

    notebook = write_notebook(tmp_path / "coverage-nbs", "05_coverage.ipynb", COVERAGE_CELLS)
    monkeypatch.setattr(render_module, "COVERAGE_NOTEBOOK", notebook)
    return notebook


def test_a_batch_is_compared_on_one_coverage_page(tmp_path, articles, coverage):
    notebooks = [write_notebook(tmp_path / "nbs", "01_small.ipynb")]
    out = tmp_path / "reports"
    result = render([articles], out_dir=out, notebooks=notebooks, progress=False)
    assert not result.failures, [f.describe() for f in result.failures]
    batch = batch_name([articles])
    assert batch.startswith(f"{articles.name}-")
    assert sorted(p.name for p in result.written) == sorted(["bridge", "harbour", batch])
    tables = out / "corpus" / batch / "tables"
    assert sorted(p.name for p in tables.iterdir()) == ["bridge", "harbour"]
    about = json.loads((tables / "harbour" / "article.json").read_text("utf-8"))
    assert about["headline"] == "Harbour reopens after storm" and about["slug"] == "harbour"
    page = (out / "corpus" / batch / "05_coverage.html").read_text("utf-8")
    assert "ARTICLES: 2 Bridge closed for repairs|Harbour reopens after storm" in page
    assert "FIRST LINK: ../../bridge/00_report.html" in page
    assert "Coverage" not in [r["headline"] for r in reports(out)]  # not listed as an article

    again = render([articles], out_dir=out, notebooks=notebooks, progress=False)
    assert not again.written and sorted(p.name for p in again.skipped) == sorted([
        "bridge", "harbour", batch])

    (articles / "bridge.txt").write_text("Bridge reopened\n\nThe bridge in Lyon reopened.\n",
                                         "utf-8")
    third = render([articles], out_dir=out, notebooks=notebooks, progress=False)
    assert sorted(p.name for p in third.written) == sorted(["bridge", batch])
    assert "Bridge reopened|Harbour" in (out / "corpus" / batch / "05_coverage.html").read_text(
        "utf-8")
    assert not leftovers(out)


def test_a_second_batch_leaves_the_first_batchs_coverage_page(tmp_path, articles, coverage):
    """Issue 21: a render of another folder replaced reports/corpus/05_coverage.html, even in
    .versions/. Each batch now has its own folder, and the index links every coverage page
    with its batch's articles."""
    notebooks = [write_notebook(tmp_path / "nbs", "01_small.ipynb")]
    out = tmp_path / "reports"
    render([articles], out_dir=out, notebooks=notebooks, progress=False)
    first = out / "corpus" / batch_name([articles]) / "05_coverage.html"
    kept = first.read_bytes()
    other = tmp_path / "other"
    other.mkdir()
    for name in ("quay", "lock"):
        (other / f"{name}.txt").write_text(f"{name.title()} works\n\nThe {name} in Kiel shut.\n",
                                           "utf-8")
    result = render([other], out_dir=out, notebooks=notebooks, progress=False)
    assert not result.failures, [f.describe() for f in result.failures]
    second = out / "corpus" / batch_name([other]) / "05_coverage.html"
    assert first.read_bytes() == kept and second != first and second.is_file()
    index = lxml_html.fromstring((out / "index.html").read_bytes())
    links = index.xpath("//a/@href")
    assert f"corpus/{batch_name([articles])}/05_coverage.html" in links
    assert f"corpus/{batch_name([other])}/05_coverage.html" in links
    headings = [h.text_content() for h in index.xpath("//h2")]
    assert headings[:2] == [f"Batch {batch_name([other])}", f"Batch {batch_name([articles])}"]
    assert not leftovers(out)


def test_an_old_single_coverage_page_is_kept_as_a_batch(tmp_path, articles, coverage):
    """A report set from before per-batch folders: its corpus link becomes corpus/earlier."""
    from helpers.batch import versions

    notebooks = [write_notebook(tmp_path / "nbs", "01_small.ipynb")]
    out = tmp_path / "reports"
    out.mkdir()
    old = versions.new_version(out, "corpus")
    (old / "05_coverage.html").write_text("old page", "utf-8")
    (old / ".render.json").write_text('{"pages": [{"href": "05_coverage.html", "title": "C"}]}',
                                      "utf-8")
    versions.publish(old, out / "corpus")
    render([articles], out_dir=out, notebooks=notebooks, progress=False)
    assert (out / "corpus" / "earlier" / "05_coverage.html").read_text("utf-8") == "old page"
    assert (out / "corpus" / batch_name([articles]) / "05_coverage.html").is_file()


def test_one_article_or_no_coverage_notebook_renders_no_corpus(tmp_path, articles,
                                                                monkeypatch):
    import helpers.batch.render as render_module

    monkeypatch.setattr(render_module, "COVERAGE_NOTEBOOK", tmp_path / "05_coverage.ipynb")
    notebooks = [write_notebook(tmp_path / "nbs", "01_small.ipynb")]
    out = tmp_path / "reports"
    result = render([articles], out_dir=out, notebooks=notebooks, progress=False)
    assert sorted(p.name for p in result.written) == ["bridge", "harbour"]
    assert not (out / "corpus").exists()
    with pytest.raises(FileNotFoundError, match="coverage notebook"):
        render([articles], out_dir=out, notebooks=notebooks, progress=False, coverage=True)


def test_an_article_past_its_time_is_named_and_the_others_render(tmp_path, articles, capsys,
                                                                 monkeypatch):
    from test_runner import slow_text

    (articles / "slow.txt").write_text(slow_text(), encoding="utf-8")
    notebooks = [write_notebook(tmp_path / "nbs", "01_small.ipynb")]
    monkeypatch.setattr("helpers.batch.render.report_notebooks", lambda: notebooks)
    code = main(["render", "--article", str(articles), "--out", str(tmp_path / "r"),
                 "--workers", "2", "--timeout", "4"])
    err = capsys.readouterr().err
    assert code == 1
    assert re.search(r"slow\.txt / analysing the article \(before running\):\n    timed out: "
                     r"still running after 4 s", err)
    assert sorted(p.name for p in (tmp_path / "r").iterdir() if p.name[0] != ".") == [
        "bridge", "harbour", "index.html"]
