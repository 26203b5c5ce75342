"""Shared set-up for the PyTorch lessons."""

from __future__ import annotations


def prepare(ctx, seed: int):
    """Import torch, seed every generator, and report where and how the lesson computes."""
    import numpy as np
    import torch

    torch.manual_seed(seed)
    np.random.seed(seed)
    device = torch.device(ctx.device)
    ctx.log(f"[studio] device: {device}, torch {torch.__version__}, threads: {torch.get_num_threads()}")
    return torch, device
