from studio.core.context import Context


def test_list_basics_prints_the_article_line(run_ok):
    ctx = run_ok("python.list_basics")
    assert ctx.output[0] == "Python List Squared: [1, 4, 9, 16, 25]"
    assert ctx.results["sum_of_squares"] == 55


def test_list_basics_long_list_is_shortened_and_correct(run_ok):
    n = 50_000
    ctx = run_ok("python.list_basics", n=n)
    tail = f"{(n - 2) ** 2}, {(n - 1) ** 2}, {n ** 2}"
    assert ctx.output[0] == f"Python List Squared: [1, 4, 9, ..., {tail}]  (50,000 items)"
    assert ctx.results["sum_of_squares"] == n * (n + 1) * (2 * n + 1) // 6


class StopAtFirstProgress(Context):
    def progress(self, done, total):
        self.request_stop()
        super().progress(done, total)


def test_list_basics_loop_can_be_stopped(run):
    outcome, ctx = run("python.list_basics", ctx_class=StopAtFirstProgress, n=1_000_000)
    assert outcome.status == "cancelled"
    assert "sum_of_squares" not in ctx.results
