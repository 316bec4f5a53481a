"""Golden values for dlkit.nets' recurrent exercises: VanillaRnn backward (BPTT), Lstm, Gru.

Run from this folder with Debian's python3-torch:  /usr/bin/python3 recurrent.py
The loss is L = sum over t of sum(h_t * dh_t) (plus sum(c * dc) for the LSTM) with fixed random
dh_t, dc, so autograd's gradients are the vector-Jacobian products the Java backward computes.
Weights are written as the Java classes take them: W_x = weight_ih^T, W_h = weight_hh^T (column
blocks in PyTorch's gate order: LSTM i, f, g, o; GRU r, z, n); the LSTM and RNN biases are
summed (b = bias_ih + bias_hh), the GRU's kept apart (b_x = bias_ih, b_h = bias_hh).
"""
import torch

from golden_common import write

torch.manual_seed(20261201)


def rnn_case(t, n, d, h):
    rnn = torch.nn.RNN(d, h, nonlinearity="tanh")
    xs = torch.randn(t, n, d, requires_grad=True)
    h0 = torch.randn(1, n, h, requires_grad=True)
    dhs = torch.randn(t, n, h)
    output, _ = rnn(xs, h0)
    (output * dhs).sum().backward()
    return {"xs": xs, "h0": h0[0], "dhs": dhs,
            "wxh": rnn.weight_ih_l0.t(), "whh": rnn.weight_hh_l0.t(),
            "b": rnn.bias_ih_l0 + rnn.bias_hh_l0,
            "states": output,
            "dxs": xs.grad, "dh0": h0.grad[0],
            "dwxh": rnn.weight_ih_l0.grad.t(), "dwhh": rnn.weight_hh_l0.grad.t(), "db": rnn.bias_ih_l0.grad}


def lstm_case(n, d, h):
    cell = torch.nn.LSTMCell(d, h)
    x = torch.randn(n, d, requires_grad=True)
    h_prev = torch.randn(n, h, requires_grad=True)
    c_prev = torch.randn(n, h, requires_grad=True)
    dh = torch.randn(n, h)
    dc = torch.randn(n, h)
    h_new, c_new = cell(x, (h_prev, c_prev))
    ((h_new * dh).sum() + (c_new * dc).sum()).backward()
    return {"x": x, "hPrev": h_prev, "cPrev": c_prev, "dh": dh, "dc": dc,
            "wx": cell.weight_ih.t(), "wh": cell.weight_hh.t(), "b": cell.bias_ih + cell.bias_hh,
            "h": h_new, "c": c_new,
            "dx": x.grad, "dhPrev": h_prev.grad, "dcPrev": c_prev.grad,
            "dwx": cell.weight_ih.grad.t(), "dwh": cell.weight_hh.grad.t(), "db": cell.bias_ih.grad}


def gru_case(n, d, h):
    cell = torch.nn.GRUCell(d, h)
    x = torch.randn(n, d, requires_grad=True)
    h_prev = torch.randn(n, h, requires_grad=True)
    dh = torch.randn(n, h)
    h_new = cell(x, h_prev)
    (h_new * dh).sum().backward()
    return {"x": x, "hPrev": h_prev, "dh": dh,
            "wx": cell.weight_ih.t(), "wh": cell.weight_hh.t(), "bx": cell.bias_ih, "bh": cell.bias_hh,
            "h": h_new,
            "dx": x.grad, "dhPrev": h_prev.grad,
            "dwx": cell.weight_ih.grad.t(), "dwh": cell.weight_hh.grad.t(),
            "dbx": cell.bias_ih.grad, "dbh": cell.bias_hh.grad}


def lstm_sequence_case(t, n, d, h):
    """torch.nn.LSTM (one layer) over a sequence: the cell unrolled, to check the layout holds there too."""
    lstm = torch.nn.LSTM(d, h)
    xs = torch.randn(t, n, d)
    h0 = torch.randn(1, n, h)
    c0 = torch.randn(1, n, h)
    output, (h_n, c_n) = lstm(xs, (h0, c0))
    return {"xs": xs, "h0": h0[0], "c0": c0[0],
            "wx": lstm.weight_ih_l0.t(), "wh": lstm.weight_hh_l0.t(), "b": lstm.bias_ih_l0 + lstm.bias_hh_l0,
            "states": output, "c_n": c_n[0]}


def gru_sequence_case(t, n, d, h):
    gru = torch.nn.GRU(d, h)
    xs = torch.randn(t, n, d)
    h0 = torch.randn(1, n, h)
    output, _ = gru(xs, h0)
    return {"xs": xs, "h0": h0[0],
            "wx": gru.weight_ih_l0.t(), "wh": gru.weight_hh_l0.t(), "bx": gru.bias_ih_l0, "bh": gru.bias_hh_l0,
            "states": output}


write("recurrent", {
    "rnn": rnn_case(6, 3, 4, 5),
    "lstm": lstm_case(3, 4, 5),
    "gru": gru_case(3, 4, 5),
    "lstm_sequence": lstm_sequence_case(5, 2, 3, 4),
    "gru_sequence": gru_sequence_case(5, 2, 3, 4),
})
