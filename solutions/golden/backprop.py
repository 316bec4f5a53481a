"""Golden values for backpropagation: torch autograd on a dense layer, the activations ReLU,
sigmoid, tanh and softmax, and a Linear-Tanh-Linear network. For each: the inputs, an upstream
gradient dY, the forward output and the vector-Jacobian products torch computes from dY.
The kit's Dense stores W as (in, out); torch's nn.Linear stores W^T, so x @ W + b is used here.
Run: /usr/bin/python3 backprop.py
"""
import torch

from golden_common import write

torch.manual_seed(8)


def grads(y, dy, *leaves):
    """The gradients of sum(y * dy) with respect to the leaves."""
    return torch.autograd.grad(y, leaves, grad_outputs=dy)


def dense():
    x = torch.randn(5, 4, requires_grad=True)
    w = torch.randn(4, 3, requires_grad=True)
    b = torch.randn(1, 3, requires_grad=True)
    y = x @ w + b
    dy = torch.randn(5, 3)
    dx, dw, db = grads(y, dy, x, w, b)
    return {"X": x, "W": w, "b": b, "dY": dy, "Y": y, "dX": dx, "dW": dw, "db": db}


def activation(fn, x):
    x = x.clone().requires_grad_(True)
    y = fn(x)
    dy = torch.randn(*y.shape)
    (dx,) = grads(y, dy, x)
    return {"X": x, "dY": dy, "Y": y, "dX": dx}


def relu():
    x = torch.randn(4, 5)
    x[0, 0] = 0.0      # the kink: torch's derivative there is 0, the kit's convention too
    x[2, 3] = 0.0
    return activation(torch.relu, x)


def sigmoid():
    x = torch.randn(4, 5) * 3
    x[0, :] = torch.tensor([-1000.0, -40.0, 0.0, 40.0, 1000.0])
    return activation(torch.sigmoid, x)


def tanh():
    x = torch.randn(4, 5) * 2
    x[0, 0], x[0, 1] = 25.0, -25.0
    return activation(torch.tanh, x)


def softmax():
    z = torch.randn(4, 5) * 2
    z[1, :] = torch.tensor([1000.0, -1000.0, 999.0, 0.0, 1000.0])
    z[2, :] = torch.tensor([-1000.0, -1001.0, -999.5, -1000.0, -1002.0])
    return activation(lambda t: torch.softmax(t, dim=1), z)


def sequential():
    x = torch.randn(5, 4, requires_grad=True)
    w1 = (torch.randn(4, 6) * 0.5).requires_grad_(True)
    b1 = (torch.randn(1, 6) * 0.1).requires_grad_(True)
    w2 = (torch.randn(6, 3) * 0.5).requires_grad_(True)
    b2 = (torch.randn(1, 3) * 0.1).requires_grad_(True)
    y = torch.tanh(x @ w1 + b1) @ w2 + b2
    dy = torch.randn(5, 3)
    dx, dw1, db1, dw2, db2 = grads(y, dy, x, w1, b1, w2, b2)
    return {"X": x, "W1": w1, "b1": b1, "W2": w2, "b2": b2, "dY": dy, "Y": y,
            "dX": dx, "dW1": dw1, "db1": db1, "dW2": dw2, "db2": db2}


write("backprop", {"dense": dense(), "relu": relu(), "sigmoid": sigmoid(), "tanh": tanh(),
                   "softmax": softmax(), "sequential": sequential()})
