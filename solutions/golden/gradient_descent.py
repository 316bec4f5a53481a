"""Golden values for plain gradient descent: torch.optim.SGD (no momentum) on a quadratic and on
least-squares linear regression, every iterate recorded. Run: /usr/bin/python3 gradient_descent.py
"""
import torch

from golden_common import write

torch.manual_seed(9)


def run_sgd(loss_of, w0, lr, steps):
    """Iterates w_0..w_T and values f(w_0)..f(w_T) of torch.optim.SGD on loss_of(w)."""
    w = w0.clone().requires_grad_(True)
    opt = torch.optim.SGD([w], lr=lr)
    iterates, values = [w.detach().clone()], [loss_of(w).item()]
    for _ in range(steps):
        opt.zero_grad()
        loss_of(w).backward()
        opt.step()
        iterates.append(w.detach().clone())
        values.append(loss_of(w).item())
    return iterates, values


def quadratic():
    d = 4
    m = torch.randn(d, d)
    a = m @ m.T + d * torch.eye(d)          # symmetric positive definite
    b = torch.randn(d, 1)
    w0 = torch.randn(d, 1)
    lr = 0.05
    f = lambda w: 0.5 * (w.T @ a @ w).squeeze() - (b.T @ w).squeeze()
    iterates, values = run_sgd(f, w0, lr, 25)
    return {"A": a, "b": b, "w0": w0, "lr": lr, "steps": 25, "iterates": iterates, "values": values,
            "minimizer": torch.linalg.solve(a, b)}


def linear_regression():
    n, d = 12, 3
    x = torch.randn(n, d)
    y = x @ torch.tensor([[1.5], [-2.0], [0.5]]) + 0.1 * torch.randn(n, 1)
    w0 = torch.zeros(d, 1)
    lr = 0.1
    f = lambda w: torch.nn.functional.mse_loss(x @ w, y)
    w_probe = torch.randn(d, 1, requires_grad=True)
    value = f(w_probe)
    value.backward()
    iterates, values = run_sgd(f, w0, lr, 30)
    return {"X": x, "y": y, "w0": w0, "lr": lr, "steps": 30, "iterates": iterates, "values": values,
            "wProbe": w_probe, "valueAtProbe": value.item(), "gradientAtProbe": w_probe.grad}


write("gradient_descent", {"quadratic": quadratic(), "linearRegression": linear_regression()})
