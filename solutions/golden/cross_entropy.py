"""Golden values for SoftmaxCrossEntropy and BinaryCrossEntropy: torch.nn.CrossEntropyLoss and
torch.nn.BCEWithLogitsLoss with their defaults (mean reduction), gradients by autograd."""
import torch

from golden_common import write

torch.manual_seed(29)


def softmax_ce(logits, labels):
    z = logits.clone().requires_grad_(True)
    loss = torch.nn.CrossEntropyLoss()(z, labels)
    loss.backward()
    return {"logits": logits, "labels": labels, "loss": loss, "gradient": z.grad}


def bce(logits, targets):
    z = logits.clone().requires_grad_(True)
    loss = torch.nn.BCEWithLogitsLoss()(z, targets)
    loss.backward()
    return {"logits": logits, "targets": targets, "loss": loss, "gradient": z.grad}


cases = {
    "softmax_random": softmax_ce(torch.randn(6, 4) * 3, torch.tensor([0, 3, 1, 1, 2, 0])),
    "softmax_huge_logits": softmax_ce(torch.tensor([[1000.0, -1000.0, 0.0],
                                                    [-1000.0, 1000.0, 999.0],
                                                    [1000.0, 1000.0, -1000.0]]),
                                      torch.tensor([1, 2, 0])),
    "softmax_single_class": softmax_ce(torch.tensor([[2.5], [-1.0]]), torch.tensor([0, 0])),
    "bce_column": bce(torch.randn(7, 1) * 4, torch.tensor([[1.0], [0.0], [1.0], [0.0], [0.0], [1.0], [1.0]])),
    "bce_multilabel_soft": bce(torch.randn(4, 3) * 2, torch.rand(4, 3)),
    "bce_huge_logits": bce(torch.tensor([[1000.0, -1000.0], [1000.0, -1000.0], [-30.0, 40.0]]),
                           torch.tensor([[0.0, 1.0], [1.0, 0.0], [0.25, 0.5]])),
}
write("cross_entropy", cases)
