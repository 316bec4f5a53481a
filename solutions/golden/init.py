"""Golden values for Initializers. Torch's random numbers cannot be reproduced in Java, so this
records the bound or standard deviation torch.nn.init uses for each scheme, with the fans torch
computes for a Linear weight of shape (out, in); the Java test checks the kit's draws against
them."""
import math

import torch

from golden_common import write

cases = {}
for fan_in, fan_out in [(200, 300), (784, 128), (64, 10)]:
    weight = torch.empty(fan_out, fan_in)  # torch.nn.Linear stores (out, in)
    fi, fo = torch.nn.init._calculate_fan_in_and_fan_out(weight)
    assert (fi, fo) == (fan_in, fan_out)
    relu = torch.nn.init.calculate_gain("relu")
    linear = torch.nn.init.calculate_gain("linear")
    cases["fans_%d_%d" % (fan_in, fan_out)] = {
        "fan_in": fi,
        "fan_out": fo,
        # xavier_uniform_: bound = gain * sqrt(6 / (fan_in + fan_out)), gain 1
        "glorot_uniform_bound": 1.0 * math.sqrt(6.0 / (fi + fo)),
        # xavier_normal_: std = gain * sqrt(2 / (fan_in + fan_out))
        "glorot_normal_std": 1.0 * math.sqrt(2.0 / (fi + fo)),
        # kaiming_uniform_(mode='fan_in', nonlinearity='relu'): bound = sqrt(3) * gain / sqrt(fan_in)
        "he_uniform_bound": math.sqrt(3.0) * relu / math.sqrt(fi),
        # kaiming_normal_(mode='fan_in', nonlinearity='relu'): std = gain / sqrt(fan_in)
        "he_normal_std": relu / math.sqrt(fi),
        # LeCun normal = kaiming_normal_ with nonlinearity='linear' (gain 1)
        "lecun_normal_std": linear / math.sqrt(fi),
    }
    # Cross-check the formulas against torch's own draws on a big tensor (loose, statistical).
    big = torch.empty(fan_out * 50, fan_in)
    torch.nn.init.xavier_uniform_(big)
    assert big.abs().max() <= math.sqrt(6.0 / (fan_in + fan_out * 50))
write("init", cases)
