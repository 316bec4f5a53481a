"""Shared helpers for the scripts that compute the kit's golden values with PyTorch.

Each script NAME.py writes ../src/test/resources/golden/NAME.json. Run them with Debian's
python3-torch (apt-get install python3-torch), from this folder:  /usr/bin/python3 NAME.py
Everything is computed in float64 so the Java reference can be held to about 1e-12.
"""
import json
import os

import torch

torch.set_default_dtype(torch.float64)

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "test", "resources", "golden")


def to_json(value):
    """Tensors become lists of rows (matrices), lists (vectors) or numbers."""
    if isinstance(value, torch.Tensor):
        return value.detach().tolist()
    if isinstance(value, dict):
        return {k: to_json(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_json(v) for v in value]
    return value


def write(topic, cases):
    """Writes {case name: {field: value}} to golden/TOPIC.json, with the torch version used."""
    os.makedirs(OUT, exist_ok=True)
    data = {"_source": "PyTorch " + torch.__version__ + ", float64, solutions/golden/" + topic + ".py"}
    data.update(to_json(cases))
    with open(os.path.join(OUT, topic + ".json"), "w") as f:
        json.dump(data, f, indent=1)
        f.write("\n")
    print("wrote", os.path.join(OUT, topic + ".json"))
