import json

import pytest

from studio.cli import main
from studio.core.devices import cuda_available


def test_lessons_lists_ids(capsys):
    assert main(["lessons"]) == 0
    assert "torch.binary_classifier" in capsys.readouterr().out
    assert main(["lessons", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert any(l["id"] == "torch.linear_regression" and l["title"]["zh"] for l in listed)


def test_run_json_prints_one_object(capsys):
    assert main(["run", "torch.linear_regression", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["lesson"] == "torch.linear_regression"
    assert out["status"] == "done" and out["device"] == "cpu"
    assert out["params"] == {"epochs": 100, "lr": 0.01, "seed": 1}
    assert out["results"]["final_loss"] < 0.01
    assert len(out["scalars"]["loss"]) == 100 and out["scalars"]["loss"][0][0] == 1
    assert out["seconds"] > 0


def test_run_prints_output_and_results(capsys):
    assert main(["run", "torch.linear_regression", "--set", "epochs=20"]) == 0
    out = capsys.readouterr().out
    assert "Epoch [20/20], Loss:" in out and "final_loss = " in out


@pytest.mark.parametrize("args, message", [
    (["run", "no.such.lesson"], "unknown lesson 'no.such.lesson'"),
    (["run", "torch.linear_regression", "--set", "speed=3"], "has no parameter 'speed'"),
    (["run", "torch.linear_regression", "--set", "epochs=many"], "expects a whole number"),
    (["run", "torch.linear_regression", "--set", "epochs=0"], "must be >= 1"),
    (["run", "torch.linear_regression", "--set", "lr=5"], "must be <= 1"),
    (["run", "torch.linear_regression", "--set", "epochs"], "expected NAME=VALUE"),
    (["run", "torch.linear_regression", "--device", "tpu"], "unknown device 'tpu'"),
])
def test_bad_input_exits_2_with_one_clear_line(capsys, args, message):
    assert main(args) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and message in err[0] and err[0].startswith("studio: error:")


@pytest.mark.skipif(cuda_available(), reason="a CUDA GPU is present")
def test_cuda_without_a_gpu_exits_2(capsys):
    assert main(["run", "torch.linear_regression", "--device", "cuda"]) == 2
    assert "no CUDA GPU is available" in capsys.readouterr().err


@pytest.mark.cuda
@pytest.mark.skipif(not cuda_available(), reason="needs a CUDA GPU")
def test_cuda_run_uses_the_gpu(capsys):
    assert main(["run", "torch.binary_classifier", "--device", "cuda", "--set", "epochs=200", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["device"] == "cuda:0"
