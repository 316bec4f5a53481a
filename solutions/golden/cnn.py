"""Golden values for the convolution exercises: Conv2d backward, MaxPool2d, DigitCnn.

Run from this folder with Debian's python3-torch:  /usr/bin/python3 cnn.py
Layouts as the Java classes state them: images (N, C*H*W) = x.reshape(N, -1), conv weights
(F, C*KH*KW) = weight.reshape(F, -1), outputs (N, F*OH*OW); the Dense weight is (D, M), the
transpose of nn.Linear's. Every backward pass is torch's autograd of sum(out * dY), so dX, dW
and db are x.grad, weight.grad and bias.grad for the upstream gradient dY.
Max pooling's ties: torch (CPU) selects the FIRST maximum of each window in row-major order;
the tie cases below are integer-valued so ties happen, and the script checks that rule against
torch's own indices before writing anything.
"""
import torch
import torch.nn.functional as F

from golden_common import write

torch.manual_seed(20261201)


def conv_backward_case(n, c, h, w, f, kh, kw, stride, padding):
    x = torch.randn(n, c, h, w, requires_grad=True)
    weight = torch.randn(f, c, kh, kw, requires_grad=True)
    bias = torch.randn(f, requires_grad=True)
    out = F.conv2d(x, weight, bias, stride=stride, padding=padding)
    dy = torch.randn_like(out)
    (out * dy).sum().backward()
    return {"channels": c, "height": h, "width": w, "kernelHeight": kh, "kernelWidth": kw,
            "stride": stride, "padding": padding,
            "x": x.reshape(n, -1), "weight": weight.reshape(f, -1), "bias": bias.reshape(1, -1),
            "out": out.reshape(n, -1), "dy": dy.reshape(n, -1),
            "dx": x.grad.reshape(n, -1), "dw": weight.grad.reshape(f, -1), "db": bias.grad.reshape(1, -1)}


def first_maximum_in_row_major(x, kernel, stride, indices):
    """Checks torch's indices against the rule the Java class states: the first maximum of each window."""
    n, c, h, w = x.shape
    oh, ow = indices.shape[2], indices.shape[3]
    for b in range(n):
        for ch in range(c):
            for i in range(oh):
                for j in range(ow):
                    best = None
                    for u in range(kernel):
                        for v in range(kernel):
                            r, q = i * stride + u, j * stride + v
                            if best is None or x[b, ch, r, q] > x[b, ch, best[0], best[1]]:
                                best = (r, q)
                    assert indices[b, ch, i, j].item() == best[0] * w + best[1], (b, ch, i, j)


def pool_case(x, kernel, stride):
    x = x.clone().requires_grad_(True)
    out, indices = F.max_pool2d(x, kernel, stride, return_indices=True)
    first_maximum_in_row_major(x.detach(), kernel, stride, indices)
    dy = torch.randn_like(out)
    (out * dy).sum().backward()
    n, c, h, w = x.shape
    return {"channels": c, "height": h, "width": w, "kernel": kernel, "stride": stride,
            "x": x.reshape(n, -1), "out": out.reshape(n, -1), "dy": dy.reshape(n, -1),
            "dx": x.grad.reshape(n, -1)}


def cnn_case(n, filters):
    """DigitCnn: conv 3x3 padding 1, ReLU, max pool 2, flatten, linear to 10 classes."""
    x = torch.randn(n, 1, 8, 8, requires_grad=True)
    conv_w = (torch.randn(filters, 1, 3, 3) * (2 / 9) ** 0.5).requires_grad_(True)
    conv_b = (0.1 * torch.randn(filters)).requires_grad_(True)
    dense_w = (torch.randn(filters * 16, 10) * (2 / (filters * 16)) ** 0.5).requires_grad_(True)
    dense_b = (0.1 * torch.randn(10)).requires_grad_(True)
    hidden = F.max_pool2d(F.relu(F.conv2d(x, conv_w, conv_b, padding=1)), 2, 2)
    logits = hidden.reshape(n, -1) @ dense_w + dense_b
    dy = torch.randn_like(logits)
    (logits * dy).sum().backward()
    return {"filters": filters, "x": x.reshape(n, -1),
            "convWeight": conv_w.reshape(filters, -1), "convBias": conv_b.reshape(1, -1),
            "denseWeight": dense_w, "denseBias": dense_b.reshape(1, -1),
            "logits": logits, "dy": dy, "dx": x.grad.reshape(n, -1),
            "dConvWeight": conv_w.grad.reshape(filters, -1), "dConvBias": conv_b.grad.reshape(1, -1),
            "dDenseWeight": dense_w.grad, "dDenseBias": dense_b.grad.reshape(1, -1)}


write("cnn", {
    "conv_stride2_pad1": conv_backward_case(2, 3, 7, 6, 4, 3, 3, 2, 1),
    "conv_rect_stride3_pad2": conv_backward_case(2, 2, 8, 5, 3, 2, 3, 3, 2),
    "conv_stride1_pad0": conv_backward_case(1, 1, 5, 5, 2, 3, 3, 1, 0),
    "conv_stride1_pad1_overlap": conv_backward_case(3, 2, 6, 6, 3, 3, 3, 1, 1),
    "pool_k2_s2": pool_case(torch.randn(2, 3, 6, 6), 2, 2),
    "pool_k3_s2_overlap": pool_case(torch.randn(2, 2, 7, 5), 3, 2),
    "pool_ties_k2_s1": pool_case(torch.randint(0, 3, (2, 2, 5, 5)).to(torch.float64), 2, 1),
    "pool_ties_k3_s3": pool_case(torch.randint(0, 2, (1, 2, 6, 6)).to(torch.float64), 3, 3),
    "cnn": cnn_case(5, 4),
})
