"""Golden values for the Transformer exercises: MultiHeadAttention, TransformerEncoderBlock,
SinusoidalPositions.

Run from this folder with Debian's python3-torch:  /usr/bin/python3 transformer.py
Forward values and gradients come from torch.nn.MultiheadAttention(batch_first=True, dropout=0)
and torch.nn.TransformerEncoderLayer(norm_first=False, dropout=0, activation="relu",
batch_first=True) through autograd, with the loss sum(out * upstream), so every gradient is the
vector-Jacobian product a backward pass with gradOutput = upstream computes.

Layouts as the Java classes take them (weights (inputs, outputs), as dlkit.layers.Dense):
  in_proj_weight (3d, d) = [Wq^T; Wk^T; Wv^T], in_proj_bias (3d) = [bq, bk, bv],
  out_proj.weight = Wo^T, out_proj.bias = bo; linear1.weight = W1^T, linear2.weight = W2^T.
Masks are written in the kit's convention, 1 = may attend; PyTorch's boolean attn_mask is its
negation (True = may NOT attend). A batch (B, T, d) is B sequences, each (T, d).
Positions: torch has no built-in, so the PyTorch tutorial's formula is computed here with torch:
pe[:, 0::2] = sin(pos * div), pe[:, 1::2] = cos(pos * div), div = exp(-(2i) ln(10000) / d).
"""
import math

import torch

from golden_common import write

torch.manual_seed(20261201)


def randomize(module):
    """Every parameter drawn afresh (PyTorch starts biases at 0 and norms at gamma 1, beta 0)."""
    with torch.no_grad():
        for p in module.parameters():
            p.copy_(torch.randn_like(p) * 0.7)


def attention_weights(mha):
    d = mha.embed_dim
    w, b = mha.in_proj_weight, mha.in_proj_bias
    return {"wq": w[0:d].t(), "bq": b[0:d], "wk": w[d:2 * d].t(), "bk": b[d:2 * d],
            "wv": w[2 * d:].t(), "bv": b[2 * d:],
            "wo": mha.out_proj.weight.t(), "bo": mha.out_proj.bias}


def gradients(named):
    return {name: p.grad for name, p in named.items()}


def mha_case(batch, t, d, heads, mask=None):
    mha = torch.nn.MultiheadAttention(d, heads, dropout=0.0, batch_first=True)
    randomize(mha)
    x = torch.randn(batch, t, d, requires_grad=True)
    upstream = torch.randn(batch, t, d)
    attn_mask = None if mask is None else ~mask
    out, weights = mha(x, x, x, attn_mask=attn_mask, need_weights=True, average_attn_weights=False)
    (out * upstream).sum().backward()
    d_ = mha.embed_dim
    gw, gb = mha.in_proj_weight.grad, mha.in_proj_bias.grad
    case = {"heads": heads, "x": x, "upstream": upstream, "out": out, "weights": weights, "dx": x.grad,
            "grad_wq": gw[0:d_].t(), "grad_bq": gb[0:d_], "grad_wk": gw[d_:2 * d_].t(), "grad_bk": gb[d_:2 * d_],
            "grad_wv": gw[2 * d_:].t(), "grad_bv": gb[2 * d_:],
            "grad_wo": mha.out_proj.weight.grad.t(), "grad_bo": mha.out_proj.bias.grad}
    case.update(attention_weights(mha))
    if mask is not None:
        case["mask"] = mask.to(torch.int64)
    return case


def block_case(batch, t, d, heads, ff):
    layer = torch.nn.TransformerEncoderLayer(d, heads, dim_feedforward=ff, dropout=0.0, activation="relu",
                                             batch_first=True, norm_first=False)
    randomize(layer)
    x = torch.randn(batch, t, d, requires_grad=True)
    upstream = torch.randn(batch, t, d)
    layer.train()  # no inference fast path: the plain composition, differentiated by autograd
    out = layer(x)
    (out * upstream).sum().backward()
    mha = layer.self_attn
    d_ = d
    gw, gb = mha.in_proj_weight.grad, mha.in_proj_bias.grad
    case = {"heads": heads, "x": x, "upstream": upstream, "out": out, "dx": x.grad,
            "w1": layer.linear1.weight.t(), "b1": layer.linear1.bias,
            "w2": layer.linear2.weight.t(), "b2": layer.linear2.bias,
            "gamma1": layer.norm1.weight, "beta1": layer.norm1.bias,
            "gamma2": layer.norm2.weight, "beta2": layer.norm2.bias,
            "grad_wq": gw[0:d_].t(), "grad_bq": gb[0:d_], "grad_wk": gw[d_:2 * d_].t(), "grad_bk": gb[d_:2 * d_],
            "grad_wv": gw[2 * d_:].t(), "grad_bv": gb[2 * d_:],
            "grad_wo": mha.out_proj.weight.grad.t(), "grad_bo": mha.out_proj.bias.grad,
            "grad_w1": layer.linear1.weight.grad.t(), "grad_b1": layer.linear1.bias.grad,
            "grad_w2": layer.linear2.weight.grad.t(), "grad_b2": layer.linear2.bias.grad,
            "grad_gamma1": layer.norm1.weight.grad, "grad_beta1": layer.norm1.bias.grad,
            "grad_gamma2": layer.norm2.weight.grad, "grad_beta2": layer.norm2.bias.grad}
    case.update(attention_weights(mha))
    return case


def positions_case(t, d):
    position = torch.arange(t, dtype=torch.float64).unsqueeze(1)
    div = torch.exp(torch.arange(0, d, 2, dtype=torch.float64) * (-math.log(10000.0) / d))
    pe = torch.zeros(t, d)
    pe[:, 0::2] = torch.sin(position * div)
    pe[:, 1::2] = torch.cos(position * div[: d // 2])
    return {"positions": t, "dModel": d, "encodings": pe}


causal = torch.tril(torch.ones(5, 5, dtype=torch.bool))
padded = torch.ones(4, 4, dtype=torch.bool)
padded[:, 3] = False  # the last key is padding: no query may attend to it
padded[1, 0] = False
write("transformer", {
    "mha_two_heads": mha_case(2, 4, 6, 2),
    "mha_one_head": mha_case(1, 3, 4, 1),
    "mha_causal_mask": mha_case(2, 5, 8, 4, causal),
    "mha_padding_mask": mha_case(1, 4, 6, 3, padded),
    "block": block_case(2, 4, 6, 2, 10),
    "block_one_head": block_case(1, 3, 4, 1, 5),
    "positions_even": positions_case(9, 6),
    "positions_odd": positions_case(60, 5),
})
