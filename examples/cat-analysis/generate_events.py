#!/usr/bin/env python3
"""Write the synthetic di-muon sample in data/dimuon_events.csv.

Run once; the CSV is committed so that every pipeline reads the same
events. A fixed seed makes the file reproducible.

The sample mixes three kinds of events, each as a muon pair in the lab
frame (pt in GeV, eta, phi, charge):
  * Z -> mu mu: Breit-Wigner mass around 91.19 GeV, smeared by the detector;
  * Drell-Yan continuum: a falling mass spectrum from 40 GeV;
  * fakes: same-sign pairs with a flat mass, removed by the charge cut.
"""
import argparse
import csv
import math
import random

Z_MASS = 91.1876
Z_WIDTH = 2.4952
MUON_MASS = 0.10566
COLUMNS = [
    "event", "mu1_pt", "mu1_eta", "mu1_phi", "mu1_charge",
    "mu2_pt", "mu2_eta", "mu2_phi", "mu2_charge",
]


def breit_wigner(rng):
    return Z_MASS + 0.5 * Z_WIDTH * math.tan(math.pi * (rng.random() - 0.5))


def continuum(rng):
    return 40.0 + rng.expovariate(1.0 / 25.0)


def decay(mass, rng):
    """Two muons from a parent of this mass, as (pt, eta, phi) each."""
    pt_parent = rng.expovariate(1.0 / 8.0)
    rapidity = rng.uniform(-2.2, 2.2)
    phi_parent = rng.uniform(-math.pi, math.pi)
    mt = math.sqrt(mass * mass + pt_parent * pt_parent)
    parent = (
        mt * math.cosh(rapidity),
        pt_parent * math.cos(phi_parent),
        pt_parent * math.sin(phi_parent),
        mt * math.sinh(rapidity),
    )
    p = math.sqrt(max(mass * mass / 4.0 - MUON_MASS * MUON_MASS, 0.0))
    cos_t = rng.uniform(-1.0, 1.0)
    sin_t = math.sqrt(1.0 - cos_t * cos_t)
    phi = rng.uniform(-math.pi, math.pi)
    direction = (sin_t * math.cos(phi), sin_t * math.sin(phi), cos_t)
    energy = mass / 2.0
    muons = []
    for sign in (1.0, -1.0):
        rest = (energy, sign * p * direction[0], sign * p * direction[1],
                sign * p * direction[2])
        muons.append(to_pt_eta_phi(boost(rest, parent, mass)))
    return muons


def boost(vec, parent, mass):
    """Lorentz boost of vec from the parent's rest frame to the lab."""
    e, px, py, pz = vec
    pe, ppx, ppy, ppz = parent
    bx, by, bz = ppx / pe, ppy / pe, ppz / pe
    b2 = bx * bx + by * by + bz * bz
    gamma = pe / mass
    bp = bx * px + by * py + bz * pz
    factor = (gamma - 1.0) * bp / b2 if b2 > 0 else 0.0
    return (
        gamma * (e + bp),
        px + factor * bx + gamma * bx * e,
        py + factor * by + gamma * by * e,
        pz + factor * bz + gamma * bz * e,
    )


def to_pt_eta_phi(vec):
    _, px, py, pz = vec
    pt = math.hypot(px, py)
    eta = math.asinh(pz / pt) if pt > 0 else 0.0
    return pt, eta, math.atan2(py, px)


def smear(muon, rng):
    pt, eta, phi = muon
    return pt * rng.gauss(1.0, 0.015), eta, phi


def make_event(rng):
    kind = rng.random()
    if kind < 0.65:
        mass, charges = breit_wigner(rng), (1, -1)
    elif kind < 0.9:
        mass, charges = continuum(rng), (1, -1)
    else:
        mass = rng.uniform(20.0, 160.0)
        charge = rng.choice((1, -1))
        charges = (charge, charge)
    mass = min(max(mass, 12.0), 400.0)
    muons = [smear(m, rng) for m in decay(mass, rng)]
    if rng.random() < 0.5:
        muons.reverse()
    return muons, charges


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=20240222)
    parser.add_argument("--output", default="data/dimuon_events.csv")
    args = parser.parse_args()

    rng = random.Random(args.seed)
    with open(args.output, "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        for number in range(1, args.events + 1):
            (m1, m2), (q1, q2) = make_event(rng)
            writer.writerow([
                number,
                f"{m1[0]:.3f}", f"{m1[1]:.4f}", f"{m1[2]:.4f}", q1,
                f"{m2[0]:.3f}", f"{m2[1]:.4f}", f"{m2[2]:.4f}", q2,
            ])


if __name__ == "__main__":
    main()
