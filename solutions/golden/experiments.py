"""Golden values for the experiments: per-layer weight-gradient norms of deep networks (loss = sum
of the outputs) by torch autograd; the XOR network's outputs; least-squares polynomial
coefficients (torch.linalg.lstsq) and a bias-variance decomposition of a fixed prediction matrix.
The kit's Dense stores W as (in, out), so x @ W + b is used here.
Run: /usr/bin/python3 experiments.py
"""
import torch

from golden_common import write

torch.manual_seed(17)


def gradient_norms(activation, std, depth=10, width=12, n=6):
    ws = [(torch.randn(width, width) * std).requires_grad_(True) for _ in range(depth)]
    x = torch.randn(n, width)
    h = x
    for w in ws:
        h = activation(h @ w)   # zero biases
    h.sum().backward()
    return {"X": x, "W": [w.detach() for w in ws], "norms": [w.grad.norm().item() for w in ws]}


def xor():
    x = torch.tensor([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0], [0.5, 0.5], [2.0, -0.3], [-1.0, 3.0]])
    w1 = torch.tensor([[1.0, 1.0], [1.0, 1.0]])
    b1 = torch.tensor([0.0, -1.0])
    w2 = torch.tensor([[1.0], [-2.0]])
    return {"X": x, "Y": torch.relu(x @ w1 + b1) @ w2}


def polynomial():
    x = torch.rand(15, 1) * 2 - 1
    y = torch.randn(15, 1)
    v = torch.cat([x ** j for j in range(4)], dim=1)
    return {"x": x, "y": y, "degree": 3, "c": torch.linalg.lstsq(v, y).solution}


def decomposition():
    p = torch.randn(7, 5)
    f = torch.randn(1, 5)
    noise = 0.3
    mean = p.mean(dim=0, keepdim=True)
    return {"predictions": p, "truth": f, "noise": noise,
            "bias2": ((mean - f) ** 2).mean().item(),
            "variance": ((p - mean) ** 2).mean().item(),
            "expectedError": ((p - f) ** 2).mean().item() + noise}


write("experiments", {
    "sigmoid": gradient_norms(torch.sigmoid, 12 ** -0.5),
    "tanh_large": gradient_norms(torch.tanh, 5 * 12 ** -0.5),
    "relu_he": gradient_norms(torch.relu, (2 / 12) ** 0.5),
    "xor": xor(),
    "polynomial": polynomial(),
    "decomposition": decomposition(),
})
