"""Hand-off notebooks: the full-scale versions of late-stage lessons, to run on a GPU in Colab or Kaggle.

A late lesson learns a skill at small scale on the PC; its hand-off notebook is the same skill at
the size the article means (ResNet50 fine-tuned on real images, BERT fine-tuned on real text),
which needs a GPU. `studio export-notebook NAME -o FILE.ipynb` writes one (NAME from
`NOTEBOOKS`); late.cnn writes the ResNet50 one when it runs. They are not run here: they download
pre-trained weights and data sets, and want a GPU.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from studio.core.notebook import GPU_NOTE


@dataclass(frozen=True)
class HandOff:
    name: str
    title: str  # English / Chinese
    intro: str  # Markdown, both languages
    install: str  # the %pip line
    code: str
    lesson: str  # the lesson to do first, on the PC


RESNET50 = HandOff(
    name="resnet50-finetune",
    title="Fine-tune a pre-trained ResNet50 (torchvision) / 微调预训练的 ResNet50",
    lesson="late.cnn",
    intro=(
        "The article's computer-vision workload: ResNet50 on ImageNet needs a GPU (about 2.8e18 "
        "FLOPs for 90 epochs). What a learner does first on a free GPU is *fine-tune* a ResNet50 "
        "pre-trained on ImageNet: here on CIFAR-10 (60,000 small images, downloaded by torchvision), "
        "first the new last layer only, then the last block too, with mixed precision. On a T4 an "
        "epoch takes a few minutes; on a 2-core CPU it would take hours. Do the lesson `late.cnn` "
        "first: it trains a small CNN on your PC and counts what ResNet50 costs.\n\n"
        "原文的计算机视觉场景：用 ImageNet 训练 ResNet50 需要 GPU（90 轮约 2.8e18 次浮点运算）。在免费 GPU 上，"
        "初学者先做的是*微调*一个在 ImageNet 上预训练好的 ResNet50：这里用 CIFAR-10（6 万张小图，由 torchvision "
        "下载），先只训练新的最后一层，再连同最后一个残差块一起训练，使用混合精度。在 T4 上每轮几分钟；在 2 核 CPU "
        "上要几个小时。请先在本机完成课程 `late.cnn`：它训练一个小 CNN，并算出 ResNet50 的开销。"),
    install="%pip install -q torch torchvision",
    code='''\
import time

import torch
from torch import nn
from torch.utils.data import DataLoader
from torchvision import datasets, transforms
from torchvision.models import ResNet50_Weights, resnet50

DEVICE = "cuda" if torch.cuda.is_available() else "cpu"
EPOCHS_HEAD, EPOCHS_BLOCK, BATCH = 1, 2, 128
print("device:", DEVICE, torch.cuda.get_device_name(0) if DEVICE == "cuda" else "")

weights = ResNet50_Weights.IMAGENET1K_V2
norm = transforms.Normalize(mean=[0.485, 0.456, 0.406], std=[0.229, 0.224, 0.225])  # ImageNet's statistics
train_tf = transforms.Compose([transforms.Resize(224), transforms.RandomHorizontalFlip(), transforms.ToTensor(), norm])
test_tf = transforms.Compose([transforms.Resize(224), transforms.ToTensor(), norm])
train_set = datasets.CIFAR10("data", train=True, download=True, transform=train_tf)
test_set = datasets.CIFAR10("data", train=False, download=True, transform=test_tf)
train_loader = DataLoader(train_set, BATCH, shuffle=True, num_workers=2, pin_memory=True)
test_loader = DataLoader(test_set, 256, num_workers=2, pin_memory=True)

model = resnet50(weights=weights)  # 25.6M parameters, 4.1 GFLOPs per 224x224 image
for p in model.parameters():
    p.requires_grad = False
model.fc = nn.Linear(model.fc.in_features, 10)  # a new head for CIFAR-10's 10 classes
model = model.to(DEVICE)
scaler = torch.amp.GradScaler(enabled=DEVICE == "cuda")


def evaluate():
    model.eval()
    correct = 0
    with torch.no_grad(), torch.autocast(DEVICE, enabled=DEVICE == "cuda"):
        for x, y in test_loader:
            correct += (model(x.to(DEVICE)).argmax(1).cpu() == y).sum().item()
    model.train()
    return correct / len(test_set)


def train(epochs, params, lr):
    optimizer = torch.optim.AdamW(params, lr=lr)
    for epoch in range(epochs):
        start = time.perf_counter()
        for step, (x, y) in enumerate(train_loader):
            x, y = x.to(DEVICE, non_blocking=True), y.to(DEVICE, non_blocking=True)
            with torch.autocast(DEVICE, enabled=DEVICE == "cuda"):
                loss = nn.functional.cross_entropy(model(x), y)
            optimizer.zero_grad()
            scaler.scale(loss).backward()
            scaler.step(optimizer)
            scaler.update()
            if step % 100 == 0:
                print(f"epoch {epoch + 1} step {step}/{len(train_loader)} loss {loss.item():.3f}")
        print(f"epoch {epoch + 1}: {time.perf_counter() - start:.0f} s, test accuracy {evaluate():.4f}")


train(EPOCHS_HEAD, model.fc.parameters(), 1e-3)  # stage 1: the new head only
for p in model.layer4.parameters():  # stage 2: the last residual block too, more gently
    p.requires_grad = True
train(EPOCHS_BLOCK, [*model.layer4.parameters(), *model.fc.parameters()], 1e-4)
torch.save(model.state_dict(), "resnet50_cifar10.pt")
print("saved resnet50_cifar10.pt")
''',
)

BERT = HandOff(
    name="bert-finetune",
    title="Fine-tune BERT-base for text classification / 微调 BERT-base 做文本分类",
    lesson="late.transformer_scale",
    intro=(
        "The article's NLP workload: fine-tuning BERT needs more than 8 GB of GPU memory, and the "
        "article forbids the untrimmed model (110M parameters) on an ordinary PC. This notebook "
        "fine-tunes `bert-base-uncased` on SST-2 (movie-review sentiment) with Hugging Face "
        "Transformers, in mixed precision on a free T4 (16 GB). Do the lesson "
        "`late.transformer_scale` first: it measures on your PC what each Transformer size costs.\n\n"
        "原文的自然语言处理场景：BERT 微调需要 8 GB 以上显存，原文禁止在普通电脑上尝试未裁剪的模型（1.1 亿参数）。"
        "本笔记本用 Hugging Face Transformers 在 SST-2（影评情感）上微调 `bert-base-uncased`，在免费的 T4（16 GB）"
        "上使用混合精度。请先在本机完成课程 `late.transformer_scale`：它在你的电脑上测出每种 Transformer 规模的开销。"),
    install="%pip install -q transformers datasets accelerate evaluate",
    code='''\
import numpy as np
import torch
from datasets import load_dataset
from transformers import (AutoModelForSequenceClassification, AutoTokenizer, DataCollatorWithPadding, Trainer,
                          TrainingArguments)

NAME = "bert-base-uncased"
data = load_dataset("glue", "sst2")
tokenizer = AutoTokenizer.from_pretrained(NAME)
data = data.map(lambda b: tokenizer(b["sentence"], truncation=True, max_length=128), batched=True)
model = AutoModelForSequenceClassification.from_pretrained(NAME, num_labels=2)
print(f"{sum(p.numel() for p in model.parameters()):,} parameters")


def accuracy(eval_pred):
    logits, labels = eval_pred
    return {"accuracy": float((np.argmax(logits, axis=1) == labels).mean())}


args = TrainingArguments("bert-sst2", per_device_train_batch_size=32, per_device_eval_batch_size=64,
                         num_train_epochs=1, learning_rate=2e-5, fp16=torch.cuda.is_available(),
                         eval_strategy="epoch", logging_steps=100, report_to=[])
trainer = Trainer(model=model, args=args, train_dataset=data["train"], eval_dataset=data["validation"],
                  data_collator=DataCollatorWithPadding(tokenizer), compute_metrics=accuracy)
trainer.train()
print(trainer.evaluate())
if torch.cuda.is_available():
    print(f"peak GPU memory: {torch.cuda.max_memory_allocated() / 1e9:.1f} GB")
''',
)

NOTEBOOKS = {h.name: h for h in (RESNET50, BERT)}


def notebook(handoff: HandOff):
    """The hand-off as an nbformat v4 notebook (GPU runtime)."""
    import nbformat.v4 as nbf

    md, py = nbf.new_markdown_cell, nbf.new_code_cell
    nb = nbf.new_notebook(cells=[
        md(f"# {handoff.title}\n\n{handoff.intro}\n\n*Hand-off notebook of Zero-Compute ML Studio "
           f"(`studio export-notebook {handoff.name}`). 本笔记本由 Zero-Compute ML Studio 导出。*"),
        md(GPU_NOTE),
        py(f"# Install what is missing (Colab and Kaggle already have most of it).\n{handoff.install}"),
        py(handoff.code.rstrip()),
    ])
    nb.metadata.update({
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "language_info": {"name": "python"}, "accelerator": "GPU",
        "studio": {"handoff": handoff.name, "lesson_first": handoff.lesson},
    })
    return nb


def write(name: str, path: Path | str) -> Path:
    import nbformat

    nb = notebook(NOTEBOOKS[name])
    nbformat.validate(nb)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, str(path))
    return path
