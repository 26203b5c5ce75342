"""The deep-learning lessons (Keras and PyTorch), the MNIST loader and its download.

Training tests use a few epochs on small data and assert that learning happened; the full
article defaults are what `studio run ... --json` checks by hand (see the lesson summaries).
"""

import gzip
import hashlib
import http.server
import math
import struct
import threading
from pathlib import Path

import numpy as np
import pytest

from studio.cli import main
from studio.core import datasets
from studio.core.context import Context
from studio.core.devices import cuda_available
from studio.core.lesson import catalog
from studio.core.runner import run_lesson

LESSONS = ("keras.iris_mlp", "torch.iris_mlp", "keras.rnn_sine", "torch.rnn_sine",
           "torch.mnist_mlp", "torch.model_compression")
SMALL = {  # a few epochs on a slice of the data: seconds, not minutes
    "keras.iris_mlp": {"epochs": 10, "lr": 0.01},
    "torch.iris_mlp": {"epochs": 10, "lr": 0.01},
    "keras.rnn_sine": {"epochs": 2, "sequences": 320, "lr": 0.003},
    "torch.rnn_sine": {"epochs": 2, "sequences": 800, "lr": 0.01},
    "torch.mnist_mlp": {"epochs": 3},
    "torch.model_compression": {"epochs": 2, "wide1": 128, "wide2": 64},
}
pytestmark = pytest.mark.usefixtures("one_torch_thread")  # steadier on a shared 2-core machine


def _run(lesson_id, ctx_class=Context, device="cpu", **given):
    lesson = catalog().get(lesson_id)
    params = lesson.resolve_params(given)
    ctx = ctx_class(device, params)
    return run_lesson(lesson, ctx, params), ctx


def _curve(ctx, name):
    return ctx.scalars[name].snapshot()[:, 2]


# -- the lesson contract ------------------------------------------------------------------------


@pytest.mark.parametrize("lesson_id", LESSONS)
def test_lesson_declares_devices_code_and_bilingual_text(lesson_id):
    lesson = catalog().get(lesson_id)
    assert lesson.devices == ("cpu", "cuda") and lesson.uses_torch and not lesson.long_steps
    assert lesson.title["zh"] and lesson.summary["zh"] and lesson.changes
    assert all(c.text["en"] and c.text["zh"] for c in lesson.changes)
    assert lesson.article_code.count("\n") >= 7  # the article's line breaks restored
    lesson.resolve_params()  # defaults are within their bounds
    for other in lesson.related:
        assert lesson_id in catalog().get(other).related  # linked both ways


def test_keras_and_torch_twins_show_the_same_article_code():
    for name in ("iris_mlp", "rnn_sine"):
        keras_lesson, torch_lesson = catalog().get(f"keras.{name}"), catalog().get(f"torch.{name}")
        assert keras_lesson.related == (f"torch.{name}",)
        assert keras_lesson.article_code == torch_lesson.article_code
    assert "OneHotEncoder(sparse=False)" in catalog().get("keras.iris_mlp").article_code
    assert "np.random.rand(4, batch_size, 1)" in catalog().get("torch.rnn_sine").article_code


# -- learning happens ---------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("lesson_id", ["keras.iris_mlp", "torch.iris_mlp"])
def test_iris_mlp_learns_and_prints_like_the_article(lesson_id):
    out, ctx = _run(lesson_id, **SMALL[lesson_id])
    assert out.status == "done", out.error
    loss, val_loss = _curve(ctx, "loss"), _curve(ctx, "val_loss")
    assert len(loss) == len(val_loss) == 10 and len(_curve(ctx, "val_accuracy")) == 10
    assert loss[-1] < 0.7 * loss[0] and val_loss[-1] < val_loss[0]
    assert out.results["test_accuracy"] >= 0.8
    assert any(line.startswith("Test Loss: ") for line in ctx.output)
    assert any(line.startswith("Test Accuracy: ") for line in ctx.output)
    assert ctx.progress_value == (10 * 4, 10 * 4)  # 108 training rows in batches of 32


@pytest.mark.slow
@pytest.mark.parametrize("lesson_id", ["keras.rnn_sine", "torch.rnn_sine"])
def test_rnn_sine_learns_and_forecasts_ten_points(lesson_id):
    given = SMALL[lesson_id]
    out, ctx = _run(lesson_id, **given)
    assert out.status == "done", out.error
    n_train = int(given["sequences"] * 0.8)
    steps = math.ceil(n_train / 32)
    batch = _curve(ctx, "batch_loss")
    assert len(batch) == 2 * steps and ctx.progress_value == (2 * steps, 2 * steps)
    assert batch[-1] < 0.5 * batch[0]  # smoothed per-batch loss fell
    assert len(_curve(ctx, "loss")) == len(_curve(ctx, "val_loss")) == 2
    assert out.results["train_loss"] < 0.05  # sine amplitudes up to 0.7: a flat guess is ~0.1
    assert f"({given['sequences']}, 50, 1)" in ctx.output  # the article's print(X_train.shape)
    seed, forecast = ctx.plots["forecast"].series
    assert len(seed.x) == 50 and seed.x[-1] == pytest.approx(1 - 1 / 6)
    assert len(forecast.x) == 60 and forecast.x[-1] == 1.0
    assert np.allclose(forecast.y[:50], seed.y)  # the forecast continues the seed sequence
    assert len(out.results["forecast"]) == 10 and np.all(np.isfinite(out.results["forecast"]))


@pytest.mark.slow
def test_mnist_mlp_on_digits_reports_per_class_accuracy_and_mistakes():
    out, ctx = _run("torch.mnist_mlp", **SMALL["torch.mnist_mlp"])
    assert out.status == "done", out.error
    assert any("not MNIST" in line for line in ctx.output)  # said plainly
    assert any("Network 64-64-10" in line for line in ctx.output)
    val_accuracy = _curve(ctx, "val_accuracy")
    assert val_accuracy[-1] > val_accuracy[0] and out.results["test_accuracy"] >= 0.75
    table = ctx.tables["per-class accuracy"]
    assert list(table["digit"]) == list(range(10)) and table["test images"].sum() == 360
    assert table["correct"].sum() == round(out.results["test_accuracy"] * 360)
    fig = ctx.figures["misclassified"]
    assert 1 <= len(fig.axes) <= 16


@pytest.mark.slow
def test_model_compression_compares_wide_and_small():
    out, ctx = _run("torch.model_compression", **SMALL["torch.model_compression"])
    assert out.status == "done", out.error
    r = out.results
    assert r["small_parameters"] == 64 * 64 + 64 + 64 * 10 + 10
    assert r["wide_parameters"] == 64 * 128 + 128 + 128 * 64 + 64 + 64 * 10 + 10
    assert r["wide_bytes"] == 4 * r["wide_parameters"]  # float32
    assert r["small_test_accuracy"] >= 0.6 and r["wide_test_accuracy"] >= 0.6
    assert r["small_seconds_per_epoch"] > 0 and r["wide_seconds_per_epoch"] > 0
    table = ctx.tables["wide vs small"]
    assert list(table.index) == ["wide", "small"] and "memory (KiB)" in table
    for tag in ("wide", "small"):
        loss = _curve(ctx, f"loss_{tag}")
        assert len(loss) == 2 and loss[-1] < loss[0]


# -- Stop ------------------------------------------------------------------------------------------


class StopAtBatch(Context):
    """Presses Stop when the fifth batch reports progress."""

    def progress(self, done, total):
        if done == 5:
            self.request_stop()
        super().progress(done, total)  # raises Cancelled


@pytest.mark.slow
@pytest.mark.parametrize("lesson_id, given", [
    ("keras.rnn_sine", {"sequences": 400}),
    ("torch.rnn_sine", {"sequences": 400}),
    ("keras.iris_mlp", {"batch_size": 8}),
    ("torch.iris_mlp", {"batch_size": 8}),
    ("torch.mnist_mlp", {}),
])
def test_stop_ends_the_run_at_the_next_batch(lesson_id, given):
    out, ctx = _run(lesson_id, StopAtBatch, epochs=3, **given)
    assert out.status == "cancelled", out.error
    assert ctx.progress_value[0] == 5  # not one batch more
    assert "loss" not in ctx.scalars  # stopped inside the first epoch
    assert ctx.output[-1] == "Stopped."
    if lesson_id == "keras.iris_mlp":  # Keras keeps state per thread: the next run still works
        again, _ = _run(lesson_id, epochs=1, **given)
        assert again.status == "done", again.error


@pytest.mark.slow
def test_keras_stop_also_works_in_the_validation_pass():
    class StopAfterTraining(Context):
        def progress(self, done, total):
            if done == total:
                self.request_stop()  # the last batch is done; validation of epoch 2 is next
            super().progress(done, total)

    out, ctx = _run("keras.rnn_sine", StopAfterTraining, epochs=2, sequences=200)
    assert out.status == "cancelled", out.error
    assert len(_curve(ctx, "val_loss")) == 1 and "train_loss" not in out.results


@pytest.mark.slow
def test_stop_from_another_thread_while_training():
    lesson = catalog().get("torch.rnn_sine")
    params = lesson.resolve_params({"epochs": 50, "sequences": 400})
    ctx = Context("cpu", params)
    result = {}
    worker = threading.Thread(target=lambda: result.setdefault("out", run_lesson(lesson, ctx, params)))
    worker.start()
    while "batch_loss" not in ctx.scalars and worker.is_alive():
        worker.join(0.01)
    ctx.request_stop()
    worker.join(30)
    assert not worker.is_alive() and result["out"].status == "cancelled"
    assert ctx.progress_value[0] < 50 * 10


def test_keras_batch_loss_undoes_the_running_mean():
    """Keras logs the epoch's running mean; the callback recovers each batch's own loss."""
    from studio.lessons._keras import import_keras, stream_callback

    keras = import_keras()
    raw = [0.9, 0.5, 0.7, 0.1]  # batches of 4, 4, 4 and the short last one of 2 rows
    sizes = [4, 4, 4, 2]
    ctx = Context()
    cb = stream_callback(keras, ctx, epochs=1, n_train=14, batch_size=4, batch_loss=True)
    cb.smooth = lambda value: value  # compare raw values
    seen, total = 0, 0.0
    for batch, (loss, size) in enumerate(zip(raw, sizes)):
        seen += size
        total += loss * size
        cb.on_train_batch_end(batch, {"loss": total / seen})
    assert np.allclose(_curve(ctx, "batch_loss"), raw)
    assert ctx.progress_value == (4, 4)


# -- MNIST files -------------------------------------------------------------------------------


def write_idx(path: Path, array: np.ndarray) -> Path:
    """The IDX format: magic (0, 0, type 0x08 = ubyte, ndim), big-endian dims, then the bytes."""
    array = np.asarray(array, dtype=np.uint8)
    data = struct.pack(">BBBB", 0, 0, 0x08, array.ndim) + struct.pack(f">{array.ndim}I", *array.shape)
    data += array.tobytes()
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix == ".gz":
        data = gzip.compress(data)
    path.write_bytes(data)
    return path


def write_fake_mnist(folder: Path, n_train=900, n_test=300) -> None:
    """scikit-learn's digits blown up to 28x28, written as MNIST's four IDX files (images
    gzipped, labels plain, as people keep them either way)."""
    from sklearn.datasets import load_digits

    digits = load_digits()
    images = np.kron(digits.images, np.ones((3, 3)))  # 24x24
    images = np.pad(images, ((0, 0), (2, 2), (2, 2))) * (255 / 16)
    labels = digits.target
    write_idx(folder / "train-images-idx3-ubyte.gz", images[:n_train])
    write_idx(folder / "train-labels-idx1-ubyte", labels[:n_train])
    write_idx(folder / "t10k-images-idx3-ubyte.gz", images[n_train:n_train + n_test])
    write_idx(folder / "t10k-labels-idx1-ubyte", labels[n_train:n_train + n_test])


@pytest.mark.parametrize("name", ["labels-idx1-ubyte", "images-idx3-ubyte.gz"])
def test_read_idx_round_trip(tmp_path, name):
    array = np.arange(2 * 3 * 4).reshape(2, 3, 4) if "images" in name else np.arange(7)
    assert np.array_equal(datasets.read_idx(write_idx(tmp_path / name, array)), array)


def test_load_mnist_reads_the_four_files(studio_home):
    write_fake_mnist(datasets.mnist_dir(), n_train=100, n_test=40)
    X_tr, y_tr, X_te, y_te = datasets.load_mnist()
    assert X_tr.shape == (100, 28, 28) and X_te.shape == (40, 28, 28) and X_tr.dtype == np.uint8
    assert y_tr.shape == (100,) and y_te.max() <= 9 and X_tr.max() == 255


def test_truncated_idx_file_names_itself_and_the_fetch(tmp_path):
    path = write_idx(tmp_path / "train-images-idx3-ubyte", np.zeros((10, 28, 28)))
    path.write_bytes(path.read_bytes()[:-100])
    with pytest.raises(datasets.DatasetError, match="train-images-idx3-ubyte is truncated") as err:
        datasets.read_idx(path)
    assert "studio data fetch mnist" in str(err.value)


def test_corrupt_gzip_and_bad_magic_are_clear_errors(tmp_path):
    noise = np.random.default_rng(0).integers(0, 256, (50, 28, 28))
    gz = write_idx(tmp_path / "t10k-images-idx3-ubyte.gz", noise)
    gz.write_bytes(gz.read_bytes()[:200])  # a download cut short
    with pytest.raises(datasets.DatasetError, match="t10k-images-idx3-ubyte.gz is corrupt"):
        datasets.read_idx(gz)
    html = tmp_path / "t10k-labels-idx1-ubyte"
    html.write_text("<html>403 Forbidden</html>")  # what a bad mirror serves
    with pytest.raises(datasets.DatasetError, match="not an IDX file"):
        datasets.read_idx(html)


def test_missing_or_mismatched_mnist_files(tmp_path):
    with pytest.raises(datasets.DatasetError, match=r"train-images-idx3-ubyte\(.gz\) is missing"):
        datasets.load_mnist(tmp_path)
    write_fake_mnist(tmp_path, n_train=60, n_test=20)
    write_idx(tmp_path / "train-labels-idx1-ubyte", np.zeros(59))
    with pytest.raises(datasets.DatasetError, match="59 labels for 60 images"):
        datasets.load_mnist(tmp_path)


@pytest.mark.slow
def test_mnist_mlp_trains_on_idx_files(studio_home):
    write_fake_mnist(datasets.mnist_dir())
    out, ctx = _run("torch.mnist_mlp", dataset="mnist", epochs=3)
    assert out.status == "done", out.error
    assert any("Network 784-64-10" in line for line in ctx.output)
    assert any(line.startswith("Data: MNIST (900 training + 300 test images, 28x28)") for line in ctx.output)
    assert out.results["test_accuracy"] >= 0.75


def test_mnist_lesson_without_files_says_how_to_fetch(studio_home):
    out, ctx = _run("torch.mnist_mlp", dataset="mnist")
    assert out.status == "failed"
    assert out.error.startswith("Error: MNIST file") and "studio data fetch mnist" in out.error
    assert "Traceback" not in "\n".join(ctx.output)  # one clear line, not a traceback


# -- downloading ----------------------------------------------------------------------------------


@pytest.fixture
def server(tmp_path):
    """An HTTP server on 127.0.0.1 serving tmp_path/www."""
    root = tmp_path / "www"
    root.mkdir()

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(root), **kwargs)

        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield root, f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_fetch_downloads_checks_sha256_and_reports_progress(server, tmp_path):
    root, url = server
    payload = bytes(range(256)) * 1000
    (root / "a.bin").write_bytes(payload)
    seen = []
    dest = tmp_path / "data"
    [path] = datasets.fetch({"a.bin": _sha(payload)}, [url], dest,
                            progress=lambda done, total, name: seen.append((done, total, name)))
    assert path.read_bytes() == payload
    assert seen[-1] == (len(payload), len(payload), "a.bin") and len(seen) > 1
    assert list(dest.iterdir()) == [path]  # no .part file left


def test_fetch_tries_the_next_mirror_and_rejects_a_wrong_hash(server, tmp_path):
    root, url = server
    (root / "good").mkdir()
    (root / "bad").mkdir()
    (root / "good" / "a.bin").write_bytes(b"right")
    (root / "bad" / "a.bin").write_bytes(b"wrong")
    mirrors = [url + "missing/", url + "bad/", url + "good"]
    [path] = datasets.fetch({"a.bin": _sha(b"right")}, mirrors, tmp_path / "d")
    assert path.read_bytes() == b"right"
    with pytest.raises(datasets.DatasetError) as err:
        datasets.fetch({"a.bin": _sha(b"other")}, mirrors[:2], tmp_path / "e")
    message = str(err.value)
    assert "could not download a.bin" in message and "404" in message and "SHA-256" in message
    assert not (tmp_path / "e" / "a.bin").exists() and not (tmp_path / "e" / "a.bin.part").exists()


def test_fetch_from_a_file_url_and_keeps_a_good_copy(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.bin").write_bytes(b"payload")
    dest = tmp_path / "dest"
    datasets.fetch({"a.bin": _sha(b"payload")}, [src.as_uri()], dest)
    (src / "a.bin").unlink()  # present and verified: not downloaded again
    [path] = datasets.fetch({"a.bin": _sha(b"payload")}, [src.as_uri()], dest)
    assert path.read_bytes() == b"payload"


def test_a_stop_during_download_leaves_no_partial_file(server, tmp_path):
    root, url = server
    (root / "a.bin").write_bytes(b"x" * 500_000)

    class Stop(Exception):
        pass

    def progress(done, total, name):
        raise Stop

    with pytest.raises(Stop):
        datasets.fetch({"a.bin": _sha(b"x" * 500_000)}, [url], tmp_path / "d", progress)
    assert list((tmp_path / "d").iterdir()) == []


def test_official_hashes_guard_the_mnist_download(server, studio_home, capsys):
    root, url = server
    write_fake_mnist(root, n_train=20, n_test=10)
    for name in ("train-labels-idx1-ubyte", "t10k-labels-idx1-ubyte"):
        (root / f"{name}.gz").write_bytes(gzip.compress((root / name).read_bytes()))
    assert set(datasets.MNIST_SHA256) == {p.name for p in root.glob("*.gz")}
    assert all(len(h) == 64 for h in datasets.MNIST_SHA256.values())
    # Not the real files: the download is refused, from the CLI too (exit 2, one clear line).
    assert main(["data", "fetch", "mnist", "--mirror", url]) == 2
    assert "SHA-256" in capsys.readouterr().err
    assert main(["data", "check", "mnist"]) == 1
    assert "train-images-idx3-ubyte.gz   missing" in capsys.readouterr().out
    (datasets.mnist_dir() / "t10k-labels-idx1-ubyte.gz").write_bytes(b"not it")
    assert datasets.check_mnist()["t10k-labels-idx1-ubyte.gz"] == "wrong SHA-256"


@pytest.mark.slow
def test_mnist_lesson_downloads_when_asked(server, studio_home, monkeypatch):
    root, url = server
    write_fake_mnist(root)
    hashes = {}
    for name in list(datasets.MNIST_SHA256):
        plain = root / name.removesuffix(".gz")
        if plain.exists():
            (root / name).write_bytes(gzip.compress(plain.read_bytes()))
        hashes[name] = _sha((root / name).read_bytes())
    monkeypatch.setattr(datasets, "MNIST_SHA256", hashes)  # this server's files stand in
    monkeypatch.setattr(datasets, "MNIST_MIRRORS", (url + "gone/", url))
    out, ctx = _run("torch.mnist_mlp", dataset="mnist", download=True, epochs=1)
    assert out.status == "done", out.error
    assert any(line.startswith("[studio] downloading MNIST") for line in ctx.output)
    assert datasets.check_mnist() == {name: "ok" for name in hashes}


# -- CUDA ----------------------------------------------------------------------------------------


@pytest.mark.skipif(cuda_available(), reason="a CUDA GPU is present")
def test_cuda_without_a_gpu_is_a_clear_cli_error(capsys):
    assert main(["run", "keras.rnn_sine", "--device", "cuda"]) == 2
    assert "no CUDA GPU is available" in capsys.readouterr().err


@pytest.mark.cuda
@pytest.mark.slow
@pytest.mark.skipif(not cuda_available(), reason="needs a CUDA GPU (none found: no NVIDIA GPU, "
                    "driver or CUDA build of torch)")
@pytest.mark.parametrize("lesson_id", LESSONS)
def test_lesson_runs_on_cuda(lesson_id):
    given = dict(SMALL[lesson_id], epochs=1)
    out, ctx = _run(lesson_id, device="cuda:0", **given)
    assert out.status == "done", out.error
    assert any("cuda" in line for line in ctx.output if line.startswith("[studio]"))
