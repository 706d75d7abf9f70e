#!/usr/bin/env python3
"""PyTorch eager reference of deepfake-edge's training recipe, for speed and convergence checks.

It trains the same architectures (deepfake-edge's ModelZoo, layer for layer), on the same image
files (OUT/{train,val}/{real,fake}/..., as `deepfake-edge dataset synth` writes them), with the same
recipe as `deepfake-edge train` by default: PyTorch default initialisation, ImageNet
normalisation, random horizontal flip (p 0.5), Adam (lr 3e-4, betas 0.9/0.999, eps 1e-8, no weight
decay) with a per-step cosine decay to 0 over the run, dropout 0.5 before each hidden linear
layer, BatchNorm momentum 0.1 and eps 1e-5, cross-entropy, batch 32.

It prints one JSON line per epoch: training images/s (the training loop only: decoding of the
first epoch included, validation excluded), train loss/accuracy, and validation loss, accuracy
at 0.5 and ROC-AUC (p = softmax class 1), the numbers `deepfake-edge train` records per epoch.

Only torch, numpy and PIL are needed (Debian: apt-get install python3-torch). Not part of the
tool: a measuring stick. Examples:

    python3 scripts/pytorch_train_reference.py --data data/bench64 --arch teacher --epochs 2
    python3 scripts/pytorch_train_reference.py --data data/synth --arch student-10 --epochs 3 \\
        --validate --lr 1e-3 --schedule constant
"""
import argparse
import json
import math
import os
import platform
import time

import numpy as np
import torch
import torch.nn as nn
from PIL import Image

MEAN = np.array([0.485, 0.456, 0.406], dtype=np.float32)
STD = np.array([0.229, 0.224, 0.225], dtype=np.float32)
EXTENSIONS = {".png", ".jpg", ".jpeg", ".bmp", ".webp", ".tif", ".tiff", ".gif"}


def vgg(size, convs, hidden):
    layers, c = [], 3
    for out in convs:
        if out < 0:
            layers.append(nn.MaxPool2d(2, 2))
            continue
        layers += [nn.Conv2d(c, out, 3, 1, 1), nn.BatchNorm2d(out), nn.ReLU()]
        c = out
    return nn.Sequential(*layers, *head(c * (size // 32) ** 2, hidden))


def separable(size):
    blocks = [(3, 32, 1, 32), (32, 64, 32, 64), (64, 64, 64, 64), (64, 128, 64, 128), (128, 128, 128, 64)]
    layers = []
    for cin, mid, groups, out in blocks:
        layers += [nn.Conv2d(cin, mid, 3, 1, 1, groups=groups), nn.Conv2d(mid, out, 1),
                   nn.BatchNorm2d(out), nn.ReLU(), nn.MaxPool2d(2, 2)]
    return nn.Sequential(*layers, *head(64 * (size // 32) ** 2, [128]))


def head(features, hidden):
    layers = [nn.Flatten()]
    for h in hidden:
        layers += [nn.Dropout(0.5), nn.Linear(features, h), nn.ReLU()]
        features = h
    return layers + [nn.Linear(features, 2)]


def build(arch, size):
    return {
        "teacher": lambda: vgg(size, [64, 64, -1, 128, 128, -1, 256, 256, -1, 512, -1, 128, -1], [256, 256]),
        "student-40": lambda: vgg(size, [32, -1, 64, -1, 128, -1, 256, -1, 128, -1, 128, 128], [128, 128]),
        "student-30": lambda: vgg(size, [32, -1, 64, -1, 128, -1, 128, -1, 128, -1, 128], [128]),
        "student-20": lambda: vgg(size, [32, -1, 64, -1, 128, -1, 128, -1, 128, -1, 64, 64], [128]),
        "student-10": lambda: separable(size),
    }[arch]()


def samples(root, split):
    """(path, label) of every image under root/split/{real,fake} (any depth), sorted."""
    out = []
    for label, names in ((0, ("real", "0_real")), (1, ("fake", "1_fake"))):
        for name in names:
            d = os.path.join(root, split, name)
            for dirpath, _, files in os.walk(d, followlinks=True):
                out += [(os.path.join(dirpath, f), label) for f in files
                        if os.path.splitext(f)[1].lower() in EXTENSIONS and not f.startswith(".")]
    return sorted(out)


class Images:
    """Decodes, resizes (stretch, bilinear) and normalises; keeps decoded uint8 images if asked."""

    def __init__(self, items, size, cache):
        self.items, self.size, self.cache = items, size, {} if cache else None

    def rgb(self, i):
        if self.cache is not None and i in self.cache:
            return self.cache[i]
        im = Image.open(self.items[i][0]).convert("RGB")
        if im.size != (self.size, self.size):
            im = im.resize((self.size, self.size), Image.BILINEAR)
        a = np.asarray(im, dtype=np.uint8)
        if self.cache is not None:
            self.cache[i] = a
        return a

    def batch(self, idx, flips):
        x = np.empty((len(idx), 3, self.size, self.size), dtype=np.float32)
        for k, i in enumerate(idx):
            a = self.rgb(i)
            if flips is not None and flips[k]:
                a = a[:, ::-1, :]
            x[k] = ((a.astype(np.float32) / 255.0 - MEAN) / STD).transpose(2, 0, 1)
        y = np.array([self.items[i][1] for i in idx], dtype=np.int64)
        return torch.from_numpy(x), torch.from_numpy(y)


def auc(scores, labels):
    order = np.argsort(scores, kind="mergesort")
    s, l = scores[order], labels[order]
    pos, neg = l.sum(), len(l) - l.sum()
    if pos == 0 or neg == 0:
        return float("nan")
    ranks = np.empty(len(s))
    i = 0
    while i < len(s):  # average ranks of ties
        j = i
        while j + 1 < len(s) and s[j + 1] == s[i]:
            j += 1
        ranks[i:j + 1] = (i + j) / 2 + 1
        i = j + 1
    return float((ranks[l == 1].sum() - pos * (pos + 1) / 2) / (pos * neg))


def validate(model, data, batch):
    model.eval()
    losses, scores, labels = [], [], []
    with torch.no_grad():
        for start in range(0, len(data.items), batch):
            x, y = data.batch(list(range(start, min(start + batch, len(data.items)))), None)
            z = model(x)
            losses.append(nn.functional.cross_entropy(z, y, reduction="sum").item())
            scores.append(torch.softmax(z, 1)[:, 1].numpy())
            labels.append(y.numpy())
    model.train()
    s, l = np.concatenate(scores), np.concatenate(labels)
    return sum(losses) / len(l), float(((s >= 0.5) == (l == 1)).mean()), auc(s, l)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--data", required=True, help="dataset root with train/ (and val/ for --validate)")
    p.add_argument("--arch", default="teacher")
    p.add_argument("--image-size", type=int, default=64)
    p.add_argument("--batch", type=int, default=32)
    p.add_argument("--epochs", type=int, default=2)
    p.add_argument("--lr", type=float, default=3e-4)
    p.add_argument("--schedule", choices=["cosine", "constant"], default="cosine")
    p.add_argument("--weight-decay", type=float, default=0.0)
    p.add_argument("--threads", type=int, default=os.cpu_count())
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--no-flip", action="store_true", help="no horizontal flips")
    p.add_argument("--no-cache", action="store_true", help="decode every file in every epoch")
    p.add_argument("--validate", action="store_true", help="validation metrics after each epoch")
    a = p.parse_args()

    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    rng = np.random.default_rng(a.seed)
    model = build(a.arch, a.image_size)
    train = Images(samples(a.data, "train"), a.image_size, not a.no_cache)
    val = Images(samples(a.data, "val"), a.image_size, True) if a.validate else None
    steps_per_epoch = math.ceil(len(train.items) / a.batch)
    total = steps_per_epoch * a.epochs
    opt = torch.optim.Adam(model.parameters(), lr=a.lr, betas=(0.9, 0.999), eps=1e-8, weight_decay=a.weight_decay)
    lr_at = (lambda step: 0.5 * (1 + math.cos(math.pi * step / total))) if a.schedule == "cosine" else (lambda s: 1.0)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lr_at)
    print(json.dumps({"reference": "pytorch", "torch": torch.__version__, "threads": torch.get_num_threads(),
                      "cpu": platform.processor() or platform.machine(), "arch": a.arch,
                      "params": sum(t.numel() for t in model.parameters()), "train_images": len(train.items),
                      "batch": a.batch, "lr": a.lr, "schedule": a.schedule, "mkldnn": torch.backends.mkldnn.enabled}))
    model.train()
    for epoch in range(1, a.epochs + 1):
        order = rng.permutation(len(train.items))
        t0 = time.perf_counter()
        loss_sum, correct = 0.0, 0
        for b in range(steps_per_epoch):
            idx = order[b * a.batch:(b + 1) * a.batch].tolist()
            flips = None if a.no_flip else rng.random(len(idx)) < 0.5
            x, y = train.batch(idx, flips)
            opt.zero_grad(set_to_none=True)
            z = model(x)
            loss = nn.functional.cross_entropy(z, y)
            loss.backward()
            opt.step()
            sched.step()
            loss_sum += loss.item() * len(idx)
            correct += int((z.argmax(1) == y).sum())
        seconds = time.perf_counter() - t0
        rec = {"epoch": epoch, "seconds": round(seconds, 3), "images_per_s": round(len(train.items) / seconds, 2),
               "train_loss": loss_sum / len(train.items), "train_accuracy": correct / len(train.items),
               "lr": opt.param_groups[0]["lr"]}
        if val is not None:
            rec["val_loss"], rec["val_accuracy"], rec["val_auc"] = validate(model, val, a.batch)
        print(json.dumps(rec), flush=True)


if __name__ == "__main__":
    main()
