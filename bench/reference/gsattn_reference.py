#!/usr/bin/python3
"""A plain-PyTorch reference of gsattn's five learned models and its training loop.

It exists only to be timed against gsattn (bench/train-vs-python.sh); it is
not part of the test suite. The models are gsattn's first default
configuration (docs/design.md, Models: one stem layer of width 9 for every
kind, no flank augmentation; bench/train-vs-python.sh asks gsattn for the
same) written the way a PyTorch user would: nn modules, and
attention as q/k/v projections with a masked softmax over a dense
[B, heads, L, keys] tensor (topk: over the K keys of each query, gathered
into [B, L, K, d] tensors by indexing). Same layers, sizes, parameter counts and
initialisation as gsattn (torch.manual_seed(seed), then the layers built in
gsattn's order); the training loop mirrors src/models/trainer.cpp, with
PyTorch's random numbers for the batch order and strands.

usage: /usr/bin/python3 bench/reference/gsattn_reference.py --model full|sparse|joint|window|topk
           --train-fasta A.fa --train-labels A.tsv --val-fasta B.fa --val-labels B.tsv
           --test-fasta C.fa --test-labels C.tsv [--epochs 5] [--batch-size 64]
           [--threads 2] [--seed 1]
Prints one JSON line: model, parameters, epochs, training_seconds, test_pearson.
"""
import argparse
import json
import math
import os
import sys
import time

# gsattn gives OpenBLAS one thread (src/threads.cpp): LibTorch already spreads
# the work over --threads. The same here, before torch loads OpenBLAS.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402
from torch import nn  # noqa: E402

# gsattn's defaults (include/gsattn/model_config.hpp, trainer.hpp).
D, CONV_WIDTH, HEADS, HEAD_HIDDEN = 32, 9, 4, 16
SPARSITY, BOTTLENECK, SELECTOR_GUIDE = 0.1, 8, 1.0
GLOBAL_TOKENS, DETECTORS = 2, 64
KEYS_PER_QUERY, SELECTOR_RANK, APPROXIMATOR_HIDDEN, APPROXIMATED_HEADS = 16, 8, 32, (0,)
LR, EMBEDDING_LR_MULT, WEIGHT_DECAY, CLIP_NORM = 2e-3, 5.0, 1e-4, 1.0

# A C G T N PAD; IUPAC codes read as N, U as T, lower case accepted.
PAD = 5
CODE = {**{c: 4 for c in "NRYSWKMBDHV"}, "A": 0, "C": 1, "G": 2, "T": 3, "U": 3}


# ---------------------------------------------------------------- models

class InputStem(nn.Module):
    """Embedding, then a width-9 convolution with GELU, residual and LayerNorm."""

    def __init__(self):
        super().__init__()
        self.embedding = nn.Embedding(6, D, padding_idx=PAD)
        self.context = nn.Conv1d(D, D, CONV_WIDTH, padding=CONV_WIDTH // 2)
        self.norm = nn.LayerNorm(D)

    def forward(self, tokens, mask):
        keep = mask.unsqueeze(-1).float()
        x = self.embedding(tokens) * keep
        local = F.gelu(self.context(x.transpose(1, 2)).transpose(1, 2))
        return self.norm(x + local) * keep  # padding stays zero


def masked_mean_max(x, mask):
    keep = mask.unsqueeze(-1)
    mean = (x * keep).sum(1) / keep.sum(1).clamp_min(1)
    top = x.masked_fill(~keep, -1e9).amax(1)
    return torch.cat([mean, top], 1)


class RegressionHead(nn.Module):
    def __init__(self, features):
        super().__init__()
        self.hidden = nn.Linear(features, HEAD_HIDDEN)
        self.out = nn.Linear(HEAD_HIDDEN, 1)

    def forward(self, x):
        return self.out(F.gelu(self.hidden(x))).squeeze(-1)


class SelfAttention(nn.Module):
    """Multi-head self-attention over the real positions of each sequence,
    optionally within a radius of the query, optionally plus learned global
    tokens that first read every position through the same projections."""

    def __init__(self):
        super().__init__()
        self.query = nn.Linear(D, D)
        self.key = nn.Linear(D, D)
        self.value = nn.Linear(D, D)
        self.output = nn.Linear(D, D)

    def forward(self, x, mask, radius=None, readers=None):
        B, L, _ = x.shape
        dh = D // HEADS

        def heads(t):  # [B, n, D] -> [B, HEADS, n, dh]
            return t.view(B, t.size(1), HEADS, dh).transpose(1, 2)

        q, k, v = heads(self.query(x)), heads(self.key(x)), heads(self.value(x))
        allowed = mask[:, None, :].expand(B, L, L)  # [B, query, key]: real keys
        if radius is not None:
            position = torch.arange(L)
            distance = (position[:, None] - position[None, :]).abs()
            allowed = allowed & (distance[None] <= radius[:, None, None])
        if readers is not None:
            # Each global token's query reads every real position (softmax over
            # positions, per head); keys and values of what it read join every query's.
            G = readers.size(0)
            qg = self.query(readers).view(G, HEADS, dh).transpose(0, 1)  # [HEADS, G, dh]
            logits = qg @ k.transpose(-1, -2) / math.sqrt(dh)  # [B, HEADS, G, L]
            read = logits.masked_fill(~mask[:, None, None, :], -1e9).softmax(-1) @ v
            summaries = read.transpose(1, 2).reshape(B, G, D)
            k = torch.cat([k, heads(self.key(summaries))], 2)
            v = torch.cat([v, heads(self.value(summaries))], 2)
            allowed = torch.cat([allowed, allowed.new_ones(B, L, G)], 2)
        logits = q @ k.transpose(-1, -2) / math.sqrt(dh)  # [B, HEADS, L, keys]
        weights = logits.masked_fill(~allowed[:, None], -1e9).softmax(-1)
        return self.output((weights @ v).transpose(1, 2).reshape(B, L, D))


class FullModel(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = InputStem()
        self.attention = SelfAttention()
        self.norm = nn.LayerNorm(D)
        self.head = RegressionHead(2 * D)

    def forward(self, tokens, mask):
        x = self.stem(tokens, mask)
        y = self.norm(x + self.attention(x, mask))
        return self.head(masked_mean_max(y, mask))


class WindowModel(nn.Module):
    """Local window (keys per query = ceil(sparsity L) - global tokens, odd,
    at least 3) plus learned global tokens."""

    def __init__(self):
        super().__init__()
        self.stem = InputStem()
        self.globals = nn.Parameter(torch.randn(GLOBAL_TOKENS, D) * 0.02)
        self.attention = SelfAttention()
        self.norm = nn.LayerNorm(D)
        self.head = RegressionHead(2 * D)

    def forward(self, tokens, mask):
        x = self.stem(tokens, mask)
        lengths = mask.sum(1)
        keys = (torch.ceil(SPARSITY * lengths.double() - 1e-9).long() - GLOBAL_TOKENS).clamp_min(3)
        radius = torch.minimum(keys | 1, 2 * lengths + 1) // 2
        y = self.norm(x + self.attention(x, mask, radius, self.globals))
        return self.head(masked_mean_max(y, mask))


class JointModel(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = InputStem()
        self.detectors = nn.Conv1d(D, DETECTORS, CONV_WIDTH, padding=CONV_WIDTH // 2)
        self.head = RegressionHead(2 * DETECTORS)

    def forward(self, tokens, mask):
        x = self.stem(tokens, mask)
        hits = F.relu(self.detectors(x.transpose(1, 2))).transpose(1, 2)
        return self.head(masked_mean_max(hits, mask))


def mlp(features, hidden, out):
    """Linear, GELU, Linear. The second Linear is built (and initialised)
    first, as in gsattn's compiled torch::nn::Sequential(...) call, whose
    arguments GCC evaluates right to left: so the initial weights are gsattn's."""
    second = nn.Linear(hidden, out)
    return nn.Sequential(nn.Linear(features, hidden), nn.GELU(), second)


class SparseModel(nn.Module):
    """Selector scores every position; the top k = ceil(sparsity L) by logit
    are kept, gated by sigmoid(score), mixed by the MLP approximator
    (concat(Q,K,V) -> 8 -> D). While training, a guide head predicts from
    every position gated by its score (training only, not counted)."""

    def __init__(self):
        super().__init__()
        self.stem = InputStem()
        self.selector = mlp(D, D // 2, 1)
        self.qkv = nn.Linear(D, 3 * D)
        self.approximator = mlp(3 * D, BOTTLENECK, D)
        self.norm = nn.LayerNorm(D)
        self.head = RegressionHead(2 * D)
        self.guide_head = RegressionHead(2 * D)

    def training_outputs(self, tokens, mask):
        """[(output, loss weight)]: the prediction, then the selector guide."""
        x = self.stem(tokens, mask)
        scores = self.selector(x).squeeze(-1).masked_fill(~mask, -math.inf)  # [B, L] logits
        outputs = [(self.predict(x, scores, mask), 1.0)]
        if self.training and SELECTOR_GUIDE > 0:
            gated = x * torch.sigmoid(scores).unsqueeze(-1)
            outputs.append((self.guide_head(masked_mean_max(gated, mask)), SELECTOR_GUIDE))
        return outputs

    def forward(self, tokens, mask):
        return self.training_outputs(tokens, mask)[0][0]

    def predict(self, x, scores, mask):
        lengths = mask.sum(1)
        keep = torch.minimum(torch.ceil(SPARSITY * lengths.double() - 1e-9).long().clamp_min(1),
                             lengths.clamp_min(1))
        k = min(int(keep.max()), x.size(1))
        top, positions = scores.topk(k, dim=1)
        valid = (torch.arange(k)[None, :] < keep[:, None]) & torch.isfinite(top)  # never padding
        gates = torch.sigmoid(top).masked_fill(~valid, 0)
        kept = x.gather(1, positions.unsqueeze(-1).expand(-1, -1, D)) * gates.unsqueeze(-1)
        y = self.norm(kept + self.approximator(self.qkv(kept)))
        return self.head(masked_mean_max(y, valid))


class KeySelector(nn.Module):
    """Each query's K keys among its 3K + 1 candidates: the K positions either
    side of it and the K that a token scorer ranks highest in the sequence
    (those inside the band not offered twice). A candidate's score is
    query(x_q) . key(x_k) / sqrt(rank) plus the key's token score."""

    def __init__(self):
        super().__init__()
        self.query = nn.Linear(D, SELECTOR_RANK)
        self.key = nn.Linear(D, SELECTOR_RANK)
        self.token = nn.Linear(D, 1)

    def forward(self, x, mask):
        """keys [B, L, K] positions, best first; their scores (-inf where
        invalid) and validity (false where a query has fewer than K candidates)."""
        B, L, _ = x.shape
        R = KEYS_PER_QUERY
        lengths = mask.sum(1)[:, None, None]
        tokens = self.token(x).squeeze(-1)  # [B, L]
        globals_ = tokens.masked_fill(~mask, -math.inf).topk(min(R, L), dim=1).indices  # [B, G]
        query = torch.arange(L)[None, :, None]
        band = query + torch.arange(-R, R + 1)[None, None, :]  # [1, L, 2R + 1]
        glob = globals_[:, None, :].expand(B, L, -1)  # [B, L, G]
        candidates = torch.cat([band.clamp(0, L - 1).expand(B, L, -1), glob], 2)  # [B, L, C]
        valid = torch.cat([((band >= 0) & (band < lengths)).expand(B, L, -1),
                           (glob < lengths) & ((glob - query).abs() > R)], 2) & (query < lengths)
        rows = torch.arange(B)[:, None, None]
        a, b = self.query(x), self.key(x)  # [B, L, rank]
        scores = ((a.unsqueeze(2) * b[rows, candidates]).sum(-1) / math.sqrt(SELECTOR_RANK)
                  + tokens[rows, candidates]).masked_fill(~valid, -math.inf)  # [B, L, C]
        best, where = scores.topk(R, dim=2)
        return candidates.gather(2, where), best, valid.gather(2, where)


class TopKModel(nn.Module):
    """Multi-head attention in which each query attends only to the K keys its
    KeySelector chose: an exact head by a softmax over q.k/sqrt(d/H) plus the
    selector's score of each key (how the task's gradient reaches the
    selector), head 0 by an MLP (K d/H -> 32 -> d/H) from the K chosen values,
    best first, each scaled by the sigmoid of its score. Then projection,
    residual and LayerNorm, pooling and head as in full."""

    def __init__(self):
        super().__init__()
        dh = D // HEADS
        self.stem = InputStem()
        self.selector = KeySelector()
        self.qkv = nn.Linear(D, 3 * D)
        self.approximators = nn.ModuleList(
            mlp(KEYS_PER_QUERY * dh, APPROXIMATOR_HIDDEN, dh) for _ in APPROXIMATED_HEADS)
        self.project = nn.Linear(D, D)
        self.norm = nn.LayerNorm(D)
        self.head = RegressionHead(2 * D)

    def forward(self, tokens, mask):
        x = self.stem(tokens, mask)
        keys, scores, valid = self.selector(x, mask)  # [B, L, K] each
        B, L, K = keys.shape
        dh = D // HEADS
        q, k, v = self.qkv(x).chunk(3, -1)
        rows = torch.arange(B)[:, None, None]
        chosen_k = k[rows, keys].view(B, L, K, HEADS, dh)
        chosen_v = v[rows, keys].view(B, L, K, HEADS, dh)
        logits = torch.einsum("blhe,blkhe->blhk", q.view(B, L, HEADS, dh), chosen_k) / math.sqrt(dh)
        logits = logits + scores.masked_fill(~valid, -1e9)[:, :, None, :]  # no weight for invalid keys
        heads = list(torch.einsum("blhk,blkhe->blhe", logits.softmax(-1), chosen_v).unbind(2))
        gate = torch.sigmoid(scores).masked_fill(~valid, 0)[..., None]  # [B, L, K, 1]
        for head, approximator in zip(APPROXIMATED_HEADS, self.approximators):
            heads[head] = approximator((chosen_v[:, :, :, head] * gate).reshape(B, L, K * dh))
        y = self.norm(x + self.project(torch.cat(heads, -1)))
        return self.head(masked_mean_max(y, mask))


MODELS = {"full": FullModel, "sparse": SparseModel, "joint": JointModel, "window": WindowModel,
          "topk": TopKModel}


def count_parameters(model):
    """gsattn's "parameters": the sparse model's guide head is not counted."""
    return sum(p.numel() for name, p in model.named_parameters() if not name.startswith("guide_head."))


def training_outputs(model, tokens, mask):
    if hasattr(model, "training_outputs"):
        return model.training_outputs(tokens, mask)
    return [(model(tokens, mask), 1.0)]


# ---------------------------------------------------------------- data

def read_fasta(path):
    records, name = {}, None
    with open(path) as f:
        for line in f:
            line = line.strip()
            if line.startswith(">"):
                name = line[1:].split()[0]
                records[name] = []
            elif line:
                records[name].append(line)
    return {name: "".join(parts) for name, parts in records.items()}


def read_labels(path):
    """name<TAB>label[, more columns]; a first line whose label is not a number is a header."""
    labels = {}
    with open(path) as f:
        for i, line in enumerate(f):
            fields = line.rstrip("\n").split("\t")
            try:
                labels[fields[0]] = float(fields[1])
            except ValueError:
                if i > 0:
                    raise
    return labels


class Dataset:
    """Sequences as padded token tensors on both strands, and their labels."""

    def __init__(self, fasta, labels_path):
        sequences, labels = read_fasta(fasta), read_labels(labels_path)
        names = list(sequences)
        self.labels = torch.tensor([labels[n] for n in names], dtype=torch.float64)
        self.lengths = torch.tensor([len(sequences[n]) for n in names])
        longest = int(self.lengths.max())
        self.tokens = torch.full((len(names), longest), PAD, dtype=torch.long)
        self.reverse = torch.full((len(names), longest), PAD, dtype=torch.long)
        for i, n in enumerate(names):
            codes = torch.tensor([CODE[c] for c in sequences[n].upper()])
            self.tokens[i, :len(codes)] = codes
            # Reverse complement (N stays N); padding stays at the end.
            self.reverse[i, :len(codes)] = torch.where(codes < 4, 3 - codes, codes).flip(0)

    def __len__(self):
        return len(self.labels)

    def batch(self, rows, reverse=False):
        """Tokens and mask of `rows`, padded to the longest of them."""
        longest = int(self.lengths[rows].max())
        tokens = (self.reverse if reverse else self.tokens)[rows, :longest]
        return tokens, tokens != PAD


def predict(model, data, batch_size):
    """Standardised outputs, the mean of both strands (trainer.cpp predict_outputs)."""
    model.eval()
    out = []
    with torch.no_grad():
        for first in range(0, len(data), batch_size):
            rows = torch.arange(first, min(len(data), first + batch_size))
            forward, reverse = model(*data.batch(rows)), model(*data.batch(rows, reverse=True))
            out.append((forward + reverse) / 2)
    return torch.cat(out)


def pearson(a, b):
    a, b = a.double() - a.double().mean(), b.double() - b.double().mean()
    return float((a * b).sum() / (a.norm() * b.norm()))


# ---------------------------------------------------------------- training

def train(model, train_data, val_data, epochs, batch_size, mean, sd, generator):
    """src/models/trainer.cpp: AdamW (embeddings at 5x the rate, no decay),
    cosine decay to 5 %, one random strand per batch, MSE on standardised
    labels, clipping, validation loss each epoch, best weights kept. Returns
    the seconds of the epoch loop, gsattn's training_seconds."""
    embeddings = [p for n, p in model.named_parameters() if "embedding" in n]
    others = [p for n, p in model.named_parameters() if "embedding" not in n]
    optimizer = torch.optim.AdamW([
        {"params": others, "lr": LR, "weight_decay": WEIGHT_DECAY},
        {"params": embeddings, "lr": LR * EMBEDDING_LR_MULT, "weight_decay": 0.0},
    ])
    base_rates = [group["lr"] for group in optimizer.param_groups]
    train_targets = ((train_data.labels - mean) / sd).float()
    val_targets = ((val_data.labels - mean) / sd).float()
    best_loss, best_state = math.inf, None

    start = time.perf_counter()
    for epoch in range(1, epochs + 1):
        progress = (epoch - 1) / (epochs - 1) if epochs > 1 else 0.0
        factor = 0.05 + 0.95 * 0.5 * (1 + math.cos(math.pi * progress))
        for group, rate in zip(optimizer.param_groups, base_rates):
            group["lr"] = rate * factor
        model.train()
        order = torch.randperm(len(train_data), generator=generator)
        loss_sum = 0.0
        for first in range(0, len(order), batch_size):
            rows = order[first:first + batch_size]
            flip = bool(torch.randint(2, (1,), generator=generator))
            tokens, mask = train_data.batch(rows, reverse=flip)
            targets = train_targets[rows]
            optimizer.zero_grad()
            outputs = training_outputs(model, tokens, mask)
            loss = F.mse_loss(outputs[0][0], targets)
            total = loss
            for output, weight in outputs[1:]:
                total = total + weight * F.mse_loss(output, targets)
            total.backward()
            nn.utils.clip_grad_norm_(model.parameters(), CLIP_NORM)
            optimizer.step()
            loss_sum += loss.item() * len(rows)
        val_loss = F.mse_loss(predict(model, val_data, 4 * batch_size), val_targets).item()
        improved = val_loss < best_loss
        if improved:
            best_loss = val_loss
            best_state = {k: v.detach().clone() for k, v in model.state_dict().items()}
        print(f"epoch {epoch}: train loss {loss_sum / len(train_data):.4f}, "
              f"validation loss {val_loss:.4f}{' *' if improved else ''}", file=sys.stderr)
    seconds = time.perf_counter() - start
    model.load_state_dict(best_state)
    return seconds


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--model", choices=sorted(MODELS), required=True)
    for part in ("train", "val", "test"):
        p.add_argument(f"--{part}-fasta", required=True)
        p.add_argument(f"--{part}-labels", required=True)
    p.add_argument("--epochs", type=int, default=5)
    p.add_argument("--batch-size", type=int, default=64)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--seed", type=int, default=1)
    a = p.parse_args()

    torch.set_num_threads(a.threads)
    torch.set_num_interop_threads(1)
    train_data = Dataset(a.train_fasta, a.train_labels)
    val_data = Dataset(a.val_fasta, a.val_labels)
    test_data = Dataset(a.test_fasta, a.test_labels)
    # Population SD of the training labels, as gsattn's LabelScaling.
    mean, sd = float(train_data.labels.mean()), float(train_data.labels.std(unbiased=False))

    torch.manual_seed(a.seed)
    model = MODELS[a.model]()
    generator = torch.Generator().manual_seed(a.seed)
    seconds = train(model, train_data, val_data, a.epochs, a.batch_size, mean, sd, generator)

    predictions = predict(model, test_data, 4 * a.batch_size).double() * sd + mean
    print(json.dumps({"model": a.model, "parameters": count_parameters(model), "epochs": a.epochs,
                      "training_seconds": round(seconds, 3),
                      "test_pearson": round(pearson(predictions, test_data.labels), 6)}))


if __name__ == "__main__":
    main()
