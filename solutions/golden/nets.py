"""Golden values for dlkit.nets: Conv2d, VanillaRnn, ScaledDotProductAttention.

Run from this folder with Debian's python3-torch:  /usr/bin/python3 nets.py
Layouts as the Java classes state them: images (N, C*H*W) = x.reshape(N, -1), conv weights
(F, C*KH*KW) = weight.reshape(F, -1), conv output (N, F*OH*OW). RNN weights are written as the
Java class takes them (W_xh = weight_ih_l0^T, W_hh = weight_hh_l0^T) with PyTorch's two biases.
torch 1.13 has no scaled_dot_product_attention, so attention is softmax(QK^T/sqrt(d_k) + mask)V
with masked_fill(-inf), computed here with torch's own softmax.
"""
import math

import torch
import torch.nn.functional as F

from golden_common import write

torch.manual_seed(20240613)


def conv_case(n, c, h, w, f, kh, kw, stride, padding):
    x = torch.randn(n, c, h, w)
    weight = torch.randn(f, c, kh, kw)
    bias = torch.randn(f)
    out = F.conv2d(x, weight, bias, stride=stride, padding=padding)
    return {"channels": c, "height": h, "width": w, "kernelHeight": kh, "kernelWidth": kw,
            "stride": stride, "padding": padding,
            "outHeight": out.shape[2], "outWidth": out.shape[3],
            "x": x.reshape(n, -1), "weight": weight.reshape(f, -1), "bias": bias,
            "out": out.reshape(n, -1)}


def rnn_case(t, n, d, h):
    rnn = torch.nn.RNN(d, h, nonlinearity="tanh")
    xs = torch.randn(t, n, d)
    h0 = torch.randn(1, n, h)
    output, h_n = rnn(xs, h0)
    return {"xs": xs, "h0": h0[0],
            "wxh": rnn.weight_ih_l0.t(), "whh": rnn.weight_hh_l0.t(),
            "bias_ih": rnn.bias_ih_l0, "bias_hh": rnn.bias_hh_l0,
            "states": output, "h_n": h_n[0]}


def attention_case(n, m, dk, dv, mask=None, offset=0.0):
    """offset > 0 adds a shared first coordinate: every score gains offset / sqrt(dk), far past
    exp's overflow at 709, while the differences between scores, and so the weights, stay ordinary."""
    q = torch.randn(n, dk)
    k = torch.randn(m, dk)
    if offset:
        q[:, 0] = 1.0
        k[:, 0] = offset
    v = torch.randn(m, dv)
    scores = q @ k.t() / math.sqrt(dk)
    if mask is not None:
        scores = scores.masked_fill(~mask, float("-inf"))
    weights = torch.softmax(scores, dim=-1)
    case = {"q": q, "k": k, "v": v, "weights": weights, "out": weights @ v}
    if mask is not None:
        case["mask"] = mask.to(torch.int64)
    return case


mask = torch.rand(4, 6) < 0.6
mask[:, 0] = True  # every query may attend to at least one key: no NaN rows in PyTorch
mask[2, :] = torch.tensor([False, False, False, True, False, False])
write("nets", {
    "conv_stride2_pad1": conv_case(2, 3, 7, 6, 4, 3, 3, 2, 1),
    "conv_rect_stride3_pad2": conv_case(2, 2, 8, 5, 3, 2, 3, 3, 2),
    "conv_stride1_pad0": conv_case(1, 1, 5, 5, 2, 3, 3, 1, 0),
    "rnn": rnn_case(5, 3, 4, 6),
    "attention_no_mask": attention_case(3, 5, 4, 2),
    "attention_mask": {**attention_case(4, 6, 8, 3, mask)},
    "attention_large_scores": attention_case(3, 4, 2, 3, offset=2000.0),
})
