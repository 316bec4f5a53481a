"""Golden values for dlkit.gan.Gan: the discriminator's loss BCE(D(real), 1) + BCE(D(fake), 0),
the non-saturating generator loss BCE(D(G(z)), 1) and the saturating one mean log(1 - D(G(z))),
each with its gradient with respect to the logits (torch.nn.functional.binary_cross_entropy_with_logits,
mean reduction, and autograd); the generator loss's gradient with respect to the samples through
a Dense-Tanh-Dense discriminator; and one whole alternating training step with torch.optim.Adam
(betas 0.5, 0.999), in the order of PyTorch's DCGAN example. Weights are written as the kit's
Dense takes them, (in, out) = nn.Linear.weight^T. Run: /usr/bin/python3 gan.py
"""
import torch
import torch.nn.functional as F

from golden_common import write

gen = torch.Generator().manual_seed(20261201)


def normal(*shape, std=1.0):
    return std * torch.randn(*shape, generator=gen)


def losses(real_logits, fake_logits):
    r = real_logits.clone().requires_grad_(True)
    f = fake_logits.clone().requires_grad_(True)
    d_loss = F.binary_cross_entropy_with_logits(r, torch.ones_like(r)) + \
        F.binary_cross_entropy_with_logits(f, torch.zeros_like(f))
    dr, df = torch.autograd.grad(d_loss, [r, f])
    f2 = fake_logits.clone().requires_grad_(True)
    g_loss = F.binary_cross_entropy_with_logits(f2, torch.ones_like(f2))
    (dg,) = torch.autograd.grad(g_loss, [f2])
    f3 = fake_logits.clone().requires_grad_(True)
    sat_loss = torch.log1p(-torch.sigmoid(f3)).mean() if fake_logits.abs().max() < 30 else -F.softplus(f3).mean()
    (ds,) = torch.autograd.grad(sat_loss, [f3])
    return {"real_logits": real_logits, "fake_logits": fake_logits,
            "discriminator_loss": d_loss, "real_gradient": dr, "fake_gradient": df,
            "generator_loss": g_loss, "generator_gradient": dg,
            "saturating_loss": sat_loss, "saturating_gradient": ds}


def mlp(n_in, hidden):
    net = torch.nn.Sequential(torch.nn.Linear(n_in, hidden), torch.nn.Tanh(), torch.nn.Linear(hidden, 1))
    with torch.no_grad():
        for layer in (net[0], net[2]):
            layer.weight.copy_(normal(*layer.weight.shape))
            layer.bias.copy_(normal(*layer.bias.shape, std=0.5))
    return net


def weights(net):
    """Copies, as the kit's Dense takes them: training goes on changing the tensors in place."""
    return {"w1": net[0].weight.t().clone(), "b1": net[0].bias.reshape(1, -1).clone(),
            "w2": net[2].weight.t().clone(), "b2": net[2].bias.reshape(1, -1).clone()}


cases = {
    "losses": losses(normal(6, 1, std=2.0), normal(4, 1, std=2.0)),
    # Logits of +-40: sigmoid(40) rounds to 1 in float64, so only the stable forms keep the gradients right.
    "losses_large": losses(torch.tensor([[40.0], [-40.0], [3.0]]), torch.tensor([[-40.0], [40.0]])),
}

# The generator loss's gradient with respect to the samples, through the discriminator.
disc = mlp(1, 5)
x = normal(7, 1, std=2.0).requires_grad_(True)
g_loss = F.binary_cross_entropy_with_logits(disc(x), torch.ones(7, 1))
(dx,) = torch.autograd.grad(g_loss, [x])
cases["sample_gradient"] = {"discriminator": weights(disc), "samples": x.detach(), "loss": g_loss, "gradient": dx}

# One training step, DCGAN order: D on real and detached fakes, then G against the updated D.
gnet, dnet = mlp(2, 4), mlp(1, 5)
cases["train_step_before"] = {"generator": weights(gnet), "discriminator": weights(dnet)}
real, noise = normal(6, 1, std=2.0), normal(5, 2)
g_opt = torch.optim.Adam(gnet.parameters(), lr=0.01, betas=(0.5, 0.999), eps=1e-8)
d_opt = torch.optim.Adam(dnet.parameters(), lr=0.01, betas=(0.5, 0.999), eps=1e-8)
steps = []
for step in range(3):
    fake = gnet(noise)
    d_opt.zero_grad()
    d_loss = F.binary_cross_entropy_with_logits(dnet(real), torch.ones(6, 1)) + \
        F.binary_cross_entropy_with_logits(dnet(fake.detach()), torch.zeros(5, 1))
    d_loss.backward()
    d_opt.step()
    g_opt.zero_grad()
    g_loss = F.binary_cross_entropy_with_logits(dnet(fake), torch.ones(5, 1))
    g_loss.backward()
    g_opt.step()
    steps.append({"discriminator_loss": d_loss, "generator_loss": g_loss,
                  "generator": weights(gnet), "discriminator": weights(dnet)})
cases["train_step"] = {"lr": 0.01, "real": real, "noise": noise, "steps": steps}

write("gan", cases)
