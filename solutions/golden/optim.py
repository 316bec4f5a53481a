"""Golden values for the optimisers of dlkit.optim beside Adam: SGD with momentum (classical and
Nesterov), RMSprop, parameter groups with their own learning rates and a frozen backbone, and
gradient clipping (by value, by global norm). Run: /usr/bin/python3 optim.py
"""
import torch

from golden_common import write

STEPS = 25
gen = torch.Generator().manual_seed(20240611)


def normal(*shape, std=1.0):
    return std * torch.randn(*shape, generator=gen)


def run(make_optimizer, w0, grads, lr_changes=None):
    """Steps an optimiser over the given gradients; lr_changes maps step index -> new lr, set before that step."""
    w = w0.clone().requires_grad_(True)
    opt = make_optimizer([w])
    weights, states = [], []
    for t, g in enumerate(grads):
        if lr_changes and t in lr_changes:
            for group in opt.param_groups:
                group["lr"] = lr_changes[t]
        w.grad = g.clone()
        opt.step()
        weights.append(w.detach().clone())
        state = opt.state[w]
        states.append((state["momentum_buffer"] if "momentum_buffer" in state else state["square_avg"]).clone())
    return weights, states


cases = {}
w0 = normal(3, 4)
grads = [normal(3, 4, std=float(10 ** (t % 3 - 1))) for t in range(STEPS)]
for name, make, changes in [
    ("momentum", lambda p: torch.optim.SGD(p, lr=0.05, momentum=0.9), None),
    ("momentum_lr_change", lambda p: torch.optim.SGD(p, lr=0.05, momentum=0.9), {10: 0.01, 18: 0.2}),
    ("nesterov", lambda p: torch.optim.SGD(p, lr=0.05, momentum=0.8, nesterov=True), None),
    ("nesterov_lr_change", lambda p: torch.optim.SGD(p, lr=0.05, momentum=0.8, nesterov=True), {10: 0.01}),
    ("rmsprop", lambda p: torch.optim.RMSprop(p, lr=0.01, alpha=0.99, eps=1e-8), None),
    ("rmsprop_tiny_grads", lambda p: torch.optim.RMSprop(p, lr=0.01, alpha=0.9, eps=1e-4), None),
]:
    g = [x * 1e-5 for x in grads] if name.endswith("tiny_grads") else grads
    weights, states = run(make, w0, g, changes)
    cases[name] = {"w0": w0, "grads": g, "lr_changes": {str(k): v for k, v in (changes or {}).items()},
                   "weights": weights, "state": states}

# Parameter groups: backbone (lr 0.01, frozen for the first 5 steps) and head (lr 0.1),
# SGD momentum 0.9, StepLR(step_size=4, gamma=0.5) stepped after every optimiser step.
backbone0, head0 = normal(4, 3), normal(1, 3)
bg = [normal(4, 3) for _ in range(STEPS)]
hg = [normal(1, 3) for _ in range(STEPS)]
backbone, head = backbone0.clone().requires_grad_(True), head0.clone().requires_grad_(True)
opt = torch.optim.SGD([{"params": [backbone], "lr": 0.01}, {"params": [head], "lr": 0.1}], lr=0.1, momentum=0.9)
sched = torch.optim.lr_scheduler.StepLR(opt, step_size=4, gamma=0.5)
bw, hw, lrs = [], [], []
for t in range(STEPS):
    backbone.grad = None if t < 5 else bg[t].clone()   # frozen: no gradient, skipped by torch
    head.grad = hg[t].clone()
    lrs.append([group["lr"] for group in opt.param_groups])
    opt.step()
    sched.step()
    bw.append(backbone.detach().clone())
    hw.append(head.detach().clone())
cases["param_groups"] = {"backbone0": backbone0, "head0": head0, "backbone_grads": bg, "head_grads": hg,
                         "lrs": lrs, "backbone": bw, "head": hw}

# Clipping: three tensors of different shapes and scales.
for name, scale in [("clip_large", 3.0), ("clip_small", 0.01)]:
    gs = [normal(2, 3, std=scale), normal(1, 5, std=scale * 10), normal(4, 1, std=scale)]
    ps = [torch.zeros_like(g, requires_grad=True) for g in gs]
    for p, g in zip(ps, gs):
        p.grad = g.clone()
    total = torch.nn.utils.clip_grad_norm_(ps, max_norm=1.5)
    by_norm = [p.grad.clone() for p in ps]
    for p, g in zip(ps, gs):
        p.grad = g.clone()
    torch.nn.utils.clip_grad_value_(ps, clip_value=0.5 * scale)
    by_value = [p.grad.clone() for p in ps]
    cases[name] = {"grads": gs, "max_norm": 1.5, "total_norm": total, "by_norm": by_norm,
                   "clip_value": 0.5 * scale, "by_value": by_value}

write("optim", cases)
