#!/usr/bin/env python3
"""Generate the PyTorch parity fixtures for the DigitKit Swift layer tests.

What it makes (safetensors files, written next to this script):

  Layer fixtures -- forward output and backward gradients of one op:
    linear, conv2d, conv2d_pad, maxpool2d, maxpool2d_odd, relu, tanh, sigmoid,
    log_softmax   keys: x, [weight, bias,] y, dy, dx, [dweight, dbias]
                  y = op(x); dy is a random upstream gradient of y's shape;
                  dx, dweight, dbias = gradients of (y * dy).sum().
    nll           keys: logp, target, loss (shape (1,)), dlogp
                  loss = F.nll_loss(logp, target) (mean reduction).

  Whole-network training-step fixtures, for net1, net2, net3 of the PyTorch
  reference (shared/bench/torch_reference.py):
    netN_step     keys: x (4,1,28,28), target (4,), init.<name>, out (4,10),
                  loss1 (1,), grad.<name>, loss2 (1,), after.<name>
                  <name> is the reference's state_dict name (e.g. conv1.weight).
                  Model in eval() mode (dropout off) with the reference's default
                  optimizer (net1/net2: SGD lr 0.01 momentum 0.5; net3: Adam lr 1e-3);
                  two training steps on the same batch. init = parameters before
                  step 1, out/loss1/grad = forward/loss/gradients of step 1,
                  loss2 = loss of step 2, after = parameters after step 2.
                  net1 stores grad.* only for l4 and l5 (size).

All tensors are float32 and contiguous (integer targets are stored as float32).
Everything is deterministic: fixed seeds (one per fixture), one thread.

How to run (from the repository root):

  /path/to/venv/bin/python Tests/DigitKitTests/Fixtures/make_fixtures.py

Needs torch, numpy and safetensors. The reference nets are imported from the file
named by the environment variable TORCH_REFERENCE, by default
<repo>/../shared/bench/torch_reference.py (relative to this script's location).

CI does not need torch: the generated .safetensors files are committed, and the
Swift tests only read them. Re-run this script only to change the fixtures.
"""
import importlib.util
import os
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F
from safetensors.torch import save_file

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
DEFAULT_REFERENCE = os.path.join(REPO, "..", "shared", "bench", "torch_reference.py")


def load_reference():
    path = os.path.abspath(os.environ.get("TORCH_REFERENCE", DEFAULT_REFERENCE))
    if not os.path.isfile(path):
        sys.exit(f"torch reference not found: {path} (set TORCH_REFERENCE)")
    sys.dont_write_bytecode = True  # leave no __pycache__ next to the reference
    spec = importlib.util.spec_from_file_location("torch_reference", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def save(name, tensors):
    out = {}
    for k, v in tensors.items():
        v = v.detach().to(torch.float32).contiguous().clone()
        out[k] = v
    path = os.path.join(HERE, name + ".safetensors")
    save_file(out, path)
    os.chmod(path, 0o644)
    print(f"{name}.safetensors  {os.path.getsize(path)} bytes")
    for k, v in out.items():
        print(f"  {k:28s} {tuple(v.shape)}")


def seed(s):
    torch.manual_seed(s)


# ---------------------------------------------------------------- layer fixtures

def layer_with_params(name, module, x_shape, s):
    seed(s)
    module = module.float()
    x = torch.randn(*x_shape, requires_grad=True)
    y = module(x)
    dy = torch.randn_like(y)
    (y * dy).sum().backward()
    save(name, {
        "x": x, "weight": module.weight, "bias": module.bias, "y": y, "dy": dy,
        "dx": x.grad, "dweight": module.weight.grad, "dbias": module.bias.grad,
    })


def layer_fn(name, fn, x):
    x = x.detach().clone().requires_grad_(True)
    y = fn(x)
    dy = torch.randn_like(y)
    (y * dy).sum().backward()
    save(name, {"x": x, "y": y, "dy": dy, "dx": x.grad})


def distinct(shape):
    """Values with no ties: a random permutation of 0..n-1, centred and scaled."""
    n = 1
    for d in shape:
        n *= d
    return ((torch.randperm(n).to(torch.float32) - n / 2) * 0.01).reshape(shape)


def layer_fixtures():
    # Each fixture seeds before building its module, so the parameters are fixed.
    seed(101); lin = nn.Linear(7, 5)
    layer_with_params("linear", lin, (3, 7), 1101)
    seed(102); conv = nn.Conv2d(3, 4, kernel_size=5)
    layer_with_params("conv2d", conv, (2, 3, 9, 9), 1102)
    seed(103); convp = nn.Conv2d(2, 3, kernel_size=3, padding=1)
    layer_with_params("conv2d_pad", convp, (2, 2, 6, 6), 1103)

    seed(104)
    layer_fn("maxpool2d", lambda t: F.max_pool2d(t, 2), distinct((2, 3, 8, 8)))
    seed(105)
    layer_fn("maxpool2d_odd", lambda t: F.max_pool2d(t, 2), distinct((1, 2, 7, 7)))

    seed(106)
    x = torch.randn(4, 6)
    x = torch.where(x >= 0, x + 0.05, x - 0.05)  # keep every value well away from the kink at 0
    assert (x.abs() > 1e-3).all()
    layer_fn("relu", F.relu, x)
    seed(107)
    layer_fn("tanh", torch.tanh, torch.randn(4, 6))
    seed(108)
    layer_fn("sigmoid", torch.sigmoid, torch.randn(4, 6))
    seed(109)
    layer_fn("log_softmax", lambda t: F.log_softmax(t, dim=1), torch.randn(4, 10) * 3)

    seed(110)
    logp = F.log_softmax(torch.randn(5, 10), dim=1).detach().requires_grad_(True)
    target = torch.randint(0, 10, (5,))
    loss = F.nll_loss(logp, target)
    loss.backward()
    save("nll", {"logp": logp, "target": target.to(torch.float32),
                 "loss": loss.reshape(1), "dlogp": logp.grad})


# ---------------------------------------------------------------- network fixtures

def net_fixture(ref, net, s):
    seed(s)
    model = ref.NETS[net]().float()
    x = torch.randn(4, 1, 28, 28)
    target = torch.randint(0, 10, (4,))
    model.eval()  # dropout off, so the Swift side can match deterministically
    opt = ref.optimizer(ref.default_opt(net), model, None)

    init = {k: v.detach().clone() for k, v in model.state_dict().items()}
    params = dict(model.named_parameters())

    opt.zero_grad()
    out = model(x)
    loss1 = F.nll_loss(out, target)
    loss1.backward()
    grads = {k: p.grad.detach().clone() for k, p in params.items()}
    opt.step()

    opt.zero_grad()
    loss2 = F.nll_loss(model(x), target)
    loss2.backward()
    opt.step()
    after = {k: v.detach().clone() for k, v in model.state_dict().items()}

    t = {"x": x, "target": target.to(torch.float32)}
    t.update({f"init.{k}": v for k, v in init.items()})
    t["out"] = out
    t["loss1"] = loss1.reshape(1)
    keep = (lambda k: k.startswith(("l4.", "l5."))) if net == "net1" else (lambda k: True)
    t.update({f"grad.{k}": v for k, v in grads.items() if keep(k)})
    t["loss2"] = loss2.reshape(1)
    t.update({f"after.{k}": v for k, v in after.items()})
    save(f"{net}_step", t)
    print(f"  loss1 {loss1.item():.6f}  loss2 {loss2.item():.6f}")
    return loss1.item(), loss2.item()


def main():
    torch.set_num_threads(1)
    torch.set_default_dtype(torch.float32)
    torch.use_deterministic_algorithms(True)
    ref = load_reference()
    print(f"torch {torch.__version__}")
    layer_fixtures()
    for i, net in enumerate(["net1", "net2", "net3"]):
        l1, l2 = net_fixture(ref, net, 201 + i)
        if net == "net3":
            assert l2 < l1, f"net3 loss did not decrease: {l1} -> {l2}"


if __name__ == "__main__":
    main()
