"""Golden values for L1Penalty and L2Penalty: penalties and their (sub)gradients by autograd
(torch's d|w|/dw is sign(w), 0 at 0), one torch.optim.SGD step with weight_decay, and the L1
proximal step from the soft-thresholding formula."""
import torch

from golden_common import write

torch.manual_seed(38)

w = torch.randn(5, 4)
w[1, 2] = 0.0  # an exact zero: the L1 subgradient there is 0
lam = 0.03

wl1 = w.clone().requires_grad_(True)
l1 = lam * wl1.abs().sum()
l1.backward()

wl2 = w.clone().requires_grad_(True)
l2 = lam * (wl2 ** 2).sum()
l2.backward()

# SGD with weight decay: w <- w - lr * (g + wd * w)
g = torch.randn(5, 4)
lr, wd = 0.1, 0.05
p = torch.nn.Parameter(w.clone())
p.grad = g.clone()
torch.optim.SGD([p], lr=lr, weight_decay=wd).step()

# The same step as a gradient step on loss + lambda * sum w^2 with lambda = wd / 2.
q = w.clone().requires_grad_(True)
((wd / 2) * (q ** 2).sum()).backward()
penalised = w - lr * (g + q.grad)

# Proximal step: soft-threshold w - lr * g by lr * lambda.
u = w - lr * g
prox = torch.sign(u) * torch.clamp(u.abs() - lr * lam, min=0.0)
# torch's own soft-threshold gives the same values.
assert torch.equal(prox, torch.nn.functional.softshrink(u, lr * lam))

write("regularization", {
    "w": w, "lambda": lam, "grad": g, "lr": lr, "weight_decay": wd,
    "l1_penalty": l1, "l1_subgradient": wl1.grad,
    "l2_penalty": l2, "l2_gradient": wl2.grad,
    "sgd_weight_decay_step": p.detach(),
    "gradient_step_with_half_wd_as_lambda": penalised,
    "proximal_step": prox,
})
