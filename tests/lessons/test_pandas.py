import pytest

from studio.cli import main
from studio.core.lesson import LessonError
from studio.lessons import pandas_csv_basics as csv_lesson

# What the article prints for example 6 (its web page adds blank lines, ignored here).
GROUPBY_ARTICLE_OUTPUT = """\
按姓名和科目分组后的平均分:
      Name  Subject  Score
0    Alice     Math   85.0
1      Bob     Math   90.0
2  Charlie     Math   78.0
3    David     Math   92.0
4      Eve  Science   88.0
5    Frank  Science   76.0
6    Grace  Science   95.0
7    Henry  Science   89.0


每个学生的平均成绩:
Name
Alice      85.0
Bob        90.0
Charlie    78.0
David      92.0
Eve        88.0
Frank      76.0
Grace      95.0
Henry      89.0
Name: Score, dtype: float64


每个科目的平均成绩:
Subject
Math       86.25
Science    87.00
Name: Score, dtype: float64
"""


def _lines(text):
    return [line for line in text.splitlines() if line.strip()]


def test_groupby_prints_the_articles_three_tables(run_ok):
    ctx = run_ok("pandas.groupby")
    out = ctx.output
    start = out.index("按姓名和科目分组后的平均分:")
    assert _lines("\n".join(out[start:])) == _lines(GROUPBY_ARTICLE_OUTPUT)
    # the code's own "\n" before the 2nd and 3rd headings: one blank line each
    assert out[out.index("每个学生的平均成绩:") - 1] == ""
    assert out[out.index("每个科目的平均成绩:") - 1] == ""
    # the original data comes first, as the article's code prints it
    assert out[0] == "原始数据:" and out[1].split() == ["Name", "Gender", "Subject", "Score"]
    assert ctx.results["subject_avg"] == {"Math": 86.25, "Science": 87.0}
    assert ctx.results["student_avg"]["Grace"] == 95.0
    assert list(ctx.tables["by name and subject"].columns) == ["Name", "Subject", "Score"]


def test_groupby_cli_prints_the_tables(capsys):
    assert main(["run", "pandas.groupby"]) == 0
    out = capsys.readouterr().out
    assert "Math       86.25\nScience    87.00\nName: Score, dtype: float64" in out


# -- pandas.csv_basics -------------------------------------------------------------------

def test_csv_basics_reads_the_shipped_file(run_ok):
    ctx = run_ok("pandas.csv_basics")
    r = ctx.results
    assert r["rows"] == 4
    assert r["oldest_name"] == "David" and r["oldest_age"] == 40
    assert r["adult_counts"] == {"Chicago": 1, "Los Angeles": 1, "New York": 1, "San Francisco": 1}
    assert r["names_by_age"] == ["David", "Charlie", "Bob", "Alice"]
    text = "\n".join(ctx.output)
    assert "      Name  Age           City\n0    Alice   25       New York" in text  # df.head()
    assert "Name: Is_Adult, dtype: int64" in text
    assert list(ctx.tables["sorted by age"]["Is_Adult"]) == [True] * 4


def test_csv_basics_reads_the_learners_own_file(run_ok, tmp_path):
    path = tmp_path / "people.csv"
    path.write_text("Name , Age,City\nMia,12,Paris\nLeo,70,Paris\nAda,36,Rome\n", encoding="utf-8")
    ctx = run_ok("pandas.csv_basics", path=str(path))
    assert ctx.results["adult_counts"] == {"Paris": 1, "Rome": 1}  # Mia is 12
    assert ctx.results["oldest_name"] == "Leo"
    assert ctx.results["names_by_age"] == ["Leo", "Ada", "Mia"]


BAD_FILES = {
    "missing": (None, csv_lesson.CsvNotFound, "CSV file not found"),
    "binary": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\xff\xfe", csv_lesson.NotACsv, "not UTF-8 text"),
    "empty": (b"", csv_lesson.NotACsv, "it is empty"),
    "ragged": (b'Name,Age,City\nAlice,25,"New York\n', csv_lesson.NotACsv, "is not a CSV file"),
    "columns": (b"Name,Years,Town\nAlice,25,Oslo\n", csv_lesson.CsvMissingColumns,
                "lacks the columns Age, City"),
    "semicolons": (b"Name;Age;City\nAlice;25;Oslo\n", csv_lesson.CsvMissingColumns,
                   "separated by something other than commas"),
    "age": (b"Name,Age,City\nAlice,25,Oslo\nBob,old,Rome\n", csv_lesson.CsvBadAge,
            "data row 2 has 'old'"),
}


def _bad_file(tmp_path, case):
    content = BAD_FILES[case][0]
    path = tmp_path / f"{case}.csv"
    if content is not None:
        path.write_bytes(content)
    return path


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_csv_basics_names_what_is_wrong_with_a_file(run, tmp_path, case):
    _, error_class, message = BAD_FILES[case]
    path = _bad_file(tmp_path, case)
    with pytest.raises(error_class, match=message) as info:
        csv_lesson.read_people(path)
    assert isinstance(info.value, LessonError) and str(path) in str(info.value)

    outcome, ctx = run("pandas.csv_basics", path=str(path))
    assert outcome.status == "failed"
    assert error_class.__name__ in outcome.error and message in outcome.error


def test_csv_basics_a_folder_is_not_a_csv(tmp_path):
    with pytest.raises(csv_lesson.NotACsv, match="is a folder"):
        csv_lesson.read_people(tmp_path)


@pytest.mark.parametrize("case", ["missing", "binary", "columns"])
def test_csv_basics_cli_reports_the_problem(capsys, tmp_path, case):
    path = _bad_file(tmp_path, case)
    assert main(["run", "pandas.csv_basics", "--set", f"path={path}"]) == 1
    out = capsys.readouterr().out
    assert BAD_FILES[case][2] in out and "pandas.csv_basics: failed" in out


# -- pandas.plotting ---------------------------------------------------------------------

def test_plotting_draws_bar_and_line_figures(run_ok):
    from matplotlib.figure import Figure

    ctx = run_ok("pandas.plotting")
    bar, line = ctx.figures["bar_chart"], ctx.figures["line_chart"]
    assert isinstance(bar, Figure) and isinstance(line, Figure)
    bar_ax, line_ax = bar.axes[0], line.axes[0]
    assert bar_ax.get_title() == "Sales and Profits Over Years"
    assert line_ax.get_title() == "Sales and Profits Over Years (Line Chart)"
    for ax in (bar_ax, line_ax):
        assert ax.get_xlabel() == "Year" and ax.get_ylabel() == "Amount"
        assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Sales", "Profits"]
    heights = [p.get_height() for p in bar_ax.patches]
    assert heights == [100, 150, 70, 200, 180, 220, 50, 60, 40, 80, 70, 90]
    sales, profits = line_ax.get_lines()
    assert list(sales.get_ydata()) == [100, 150, 70, 200, 180, 220]
    assert list(profits.get_ydata()) == [50, 60, 40, 80, 70, 90]
    assert ctx.results == {"total_sales": 920, "total_profits": 390, "best_sales_year": 2020}


def test_plotting_cli_writes_pngs(tmp_path, capsys):
    assert main(["run", "pandas.plotting", "--out", str(tmp_path)]) == 0
    for name in ("bar_chart", "line_chart"):
        assert (tmp_path / f"{name}.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
