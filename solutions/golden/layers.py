"""Golden values for the normalisation layers and leaky ReLU: torch.nn.BatchNorm1d, LayerNorm, LeakyReLU.

Run from this folder with Debian's python3-torch:  /usr/bin/python3 layers.py
"""
import torch

from golden_common import write

torch.manual_seed(20240611)
N, D = 5, 4


def batch_norm():
    bn = torch.nn.BatchNorm1d(D)  # momentum 0.1, eps 1e-5
    gamma = torch.randn(D)
    beta = torch.randn(D)
    with torch.no_grad():
        bn.weight.copy_(gamma)
        bn.bias.copy_(beta)
    bn.train()
    # Three training batches update the running statistics; the last one is also back-propagated.
    batches = [torch.randn(N, D) * 2 + 1 for _ in range(3)]
    for b in batches[:2]:
        bn(b)
    x = batches[2].clone().requires_grad_(True)
    y = bn(x)
    upstream = torch.randn(N, D)
    y.backward(upstream)
    bn.eval()
    x_eval = torch.randn(N, D)
    return {
        "gamma": gamma, "beta": beta, "batches": batches, "upstream": upstream,
        "train_y": y, "dx": x.grad, "dgamma": bn.weight.grad, "dbeta": bn.bias.grad,
        "running_mean": bn.running_mean, "running_var": bn.running_var,
        "eval_x": x_eval, "eval_y": bn(x_eval),
    }


def layer_norm():
    ln = torch.nn.LayerNorm(D)  # eps 1e-5
    gamma = torch.randn(D)
    beta = torch.randn(D)
    with torch.no_grad():
        ln.weight.copy_(gamma)
        ln.bias.copy_(beta)
    x = (torch.randn(N, D) * 3 - 1).requires_grad_(True)
    y = ln(x)
    upstream = torch.randn(N, D)
    y.backward(upstream)
    return {"gamma": gamma, "beta": beta, "x": x, "upstream": upstream, "y": y,
            "dx": x.grad, "dgamma": ln.weight.grad, "dbeta": ln.bias.grad}


def leaky_relu(slope):
    layer = torch.nn.LeakyReLU() if slope is None else torch.nn.LeakyReLU(slope)
    x = torch.randn(N, D).requires_grad_(True)
    y = layer(x)
    upstream = torch.randn(N, D)
    y.backward(upstream)
    return {"slope": layer.negative_slope, "x": x, "upstream": upstream, "y": y, "dx": x.grad}


write("layers", {
    "batch_norm": batch_norm(),
    "layer_norm": layer_norm(),
    "leaky_relu_default": leaky_relu(None),
    "leaky_relu_0.2": leaky_relu(0.2),
})
