"""Golden values for dlkit.optim.AdamW: torch.optim.AdamW (decoupled weight decay, amsgrad off)
over 25 steps, weights and both moments after every step, with learning-rate changes in one case
and gradients of very different sizes, where decoupled decay and L2 differ most. Also
torch.optim.Adam(weight_decay=...), Adam with L2 added to the gradient, on the same gradients, to
show how far apart the two are. Run: /usr/bin/python3 adamw.py
"""
import torch

from golden_common import write

STEPS = 25
gen = torch.Generator().manual_seed(20261201)


def normal(*shape, std=1.0):
    return std * torch.randn(*shape, generator=gen)


def run(make_optimizer, w0, grads, lr_changes):
    w = w0.clone().requires_grad_(True)
    opt = make_optimizer([w])
    weights, first, second = [], [], []
    for t, g in enumerate(grads):
        if t in lr_changes:
            for group in opt.param_groups:
                group["lr"] = lr_changes[t]
        w.grad = g.clone()
        opt.step()
        weights.append(w.detach().clone())
        first.append(opt.state[w]["exp_avg"].clone())
        second.append(opt.state[w]["exp_avg_sq"].clone())
    return {"weights": weights, "first_moment": first, "second_moment": second}


cases = {}
w0 = normal(3, 4)
grads = [normal(3, 4, std=float(10 ** (t % 3 - 1))) for t in range(STEPS)]
# Columns of very different gradient sizes: L2 through Adam hardly decays the large-gradient columns.
scaled = [g * torch.tensor([1e-3, 1e-1, 1.0, 1e2]) for g in grads]
for name, lr, betas, eps, wd, g, changes in [
    ("adamw", 0.01, (0.9, 0.999), 1e-8, 0.01, grads, {}),
    ("adamw_strong_decay", 0.05, (0.8, 0.99), 1e-6, 0.5, scaled, {}),
    ("adamw_lr_change", 0.02, (0.9, 0.999), 1e-8, 0.1, grads, {8: 0.005, 16: 0.05}),
]:
    case = {"w0": w0, "grads": g, "lr": lr, "beta1": betas[0], "beta2": betas[1], "eps": eps,
            "weight_decay": wd, "lr_changes": {str(k): v for k, v in changes.items()}}
    case["adamw"] = run(lambda p: torch.optim.AdamW(p, lr=lr, betas=betas, eps=eps, weight_decay=wd, amsgrad=False),
                        w0, g, changes)
    case["adam_l2"] = run(lambda p: torch.optim.Adam(p, lr=lr, betas=betas, eps=eps, weight_decay=wd), w0, g, changes)
    cases[name] = case

write("adamw", cases)
