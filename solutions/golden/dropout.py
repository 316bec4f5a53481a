"""Golden values for Dropout: torch.nn.Dropout on a fixed input, in training mode (its mask
cannot be reproduced in Java, so the test compares the elements both keep: their scale
1/(1-p)), with the gradient of sum(y * upstream) by autograd, and in eval mode (identity)."""
import torch

from golden_common import write

torch.manual_seed(32)

cases = {}
for p in [0.0, 0.25, 0.5, 0.8, 1.0]:
    x = torch.randn(12, 16)
    upstream = torch.randn(12, 16)
    layer = torch.nn.Dropout(p)
    layer.train()
    xt = x.clone().requires_grad_(True)
    y = layer(xt)
    (y * upstream).sum().backward()
    layer.eval()
    cases["p_%g" % p] = {"p": p, "x": x, "upstream": upstream, "train_output": y,
                         "train_grad_x": xt.grad, "eval_output": layer(x)}
write("dropout", cases)
