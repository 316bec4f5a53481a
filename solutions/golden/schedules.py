"""Golden values for dlkit.optim.Schedules: the learning rate torch.optim.lr_scheduler gives at
each epoch (after t calls of scheduler.step()); inverse-time decay as LambdaLR of Keras'
InverseTimeDecay formula. Run: /usr/bin/python3 schedules.py
"""
import torch

from golden_common import write

EPOCHS = 40


def lrs(make_scheduler, base_lr):
    w = torch.zeros(1, requires_grad=True)
    opt = torch.optim.SGD([w], lr=base_lr)
    sched = make_scheduler(opt)
    out = []
    for _ in range(EPOCHS):
        out.append(opt.param_groups[0]["lr"])
        opt.step()
        sched.step()
    return out


S = torch.optim.lr_scheduler
cases = {
    "step": {"base_lr": 0.1, "step_size": 7, "gamma": 0.3,
             "lrs": lrs(lambda o: S.StepLR(o, step_size=7, gamma=0.3), 0.1)},
    "exponential": {"base_lr": 0.05, "gamma": 0.93,
                    "lrs": lrs(lambda o: S.ExponentialLR(o, gamma=0.93), 0.05)},
    # Stepped recursively by torch; both curves run past T_max, where the cosine goes back up.
    "cosine": {"base_lr": 0.1, "eta_min": 0.002, "t_max": 15,
               "lrs": lrs(lambda o: S.CosineAnnealingLR(o, T_max=15, eta_min=0.002), 0.1)},
    "cosine_short": {"base_lr": 0.3, "eta_min": 0.01, "t_max": 4,
                     "lrs": lrs(lambda o: S.CosineAnnealingLR(o, T_max=4, eta_min=0.01), 0.3)},
    "warmup": {"base_lr": 0.2, "start_factor": 0.1, "warmup": 6,
               "lrs": lrs(lambda o: S.LinearLR(o, start_factor=0.1, end_factor=1.0, total_iters=6), 0.2)},
    "warmup_lambda": {"base_lr": 0.2, "start_factor": 0.0, "warmup": 5,
                      "lrs": lrs(lambda o: S.LambdaLR(o, lambda t: min(t, 5) / 5), 0.2)},
    # Keras' InverseTimeDecay, which PyTorch lacks, as the LambdaLR of its formula.
    "inverse_time": {"base_lr": 0.1, "decay_rate": 0.5, "decay_steps": 3, "staircase": False,
                     "lrs": lrs(lambda o: S.LambdaLR(o, lambda t: 1 / (1 + 0.5 * t / 3)), 0.1)},
    "inverse_time_staircase": {"base_lr": 0.1, "decay_rate": 0.5, "decay_steps": 3, "staircase": True,
                               "lrs": lrs(lambda o: S.LambdaLR(o, lambda t: 1 / (1 + 0.5 * (t // 3))), 0.1)},
}
write("schedules", cases)
