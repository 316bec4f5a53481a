"""Golden values for the losses: MSELoss, HuberLoss, MultiMarginLoss, weighted CrossEntropyLoss and a
multiclass focal loss written out in torch (autograd gives its gradient).

Run from this folder with Debian's python3-torch:  /usr/bin/python3 losses.py
"""
import torch
import torch.nn.functional as F

from golden_common import write

torch.manual_seed(20240612)
N, C = 7, 4


def with_grad(loss_fn, inputs, *rest):
    x = inputs.clone().requires_grad_(True)
    loss = loss_fn(x, *rest)
    loss.backward()
    return loss, x.grad


def regression(loss_fn):
    p = torch.randn(N, 3) * 2
    t = torch.randn(N, 3) * 2
    loss, grad = with_grad(loss_fn, p, t)
    return {"predictions": p, "targets": t, "loss": loss, "grad": grad}


def hinge():
    s = torch.randn(N, C) * 1.5
    y = torch.randint(0, C, (N,))
    loss, grad = with_grad(torch.nn.MultiMarginLoss(), s, y)  # p = 1, margin = 1: divides by C too
    return {"scores": s, "labels": y, "num_classes": C, "loss": loss, "grad": grad}


def weighted_ce():
    s = torch.randn(N, C) * 3
    y = torch.randint(0, C, (N,))
    w = torch.rand(C) * 2 + 0.1
    loss, grad = with_grad(torch.nn.CrossEntropyLoss(weight=w), s, y)
    return {"scores": s, "labels": y, "weights": w, "loss": loss, "grad": grad}


def focal(gamma, alpha):
    s = torch.randn(N, C) * 3
    y = torch.randint(0, C, (N,))

    def loss_fn(z, labels):
        log_pt = F.log_softmax(z, dim=1).gather(1, labels[:, None])[:, 0]
        a = torch.ones(C) if alpha is None else alpha
        return (-a[labels] * (1 - log_pt.exp()) ** gamma * log_pt).mean()

    loss, grad = with_grad(loss_fn, s, y)
    return {"scores": s, "labels": y, "gamma": gamma, "alpha": alpha, "loss": loss, "grad": grad}


write("losses", {
    "mse": regression(torch.nn.MSELoss()),
    "huber": regression(torch.nn.HuberLoss()),  # delta 1.0
    "huber_delta_0.5": regression(torch.nn.HuberLoss(delta=0.5)),
    "multi_margin": hinge(),
    "weighted_cross_entropy": weighted_ce(),
    "focal_gamma_2_alpha": focal(2.0, torch.tensor([0.25, 0.5, 1.0, 2.0])),
    "focal_gamma_0.5": focal(0.5, None),
})
