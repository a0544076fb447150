#!/usr/bin/env python3
"""Select Z -> mu mu candidates in one shard of the event file.

Each CI job of `parallel: N` reads its own contiguous slice of the events
(shard i of N), the way a batch analysis splits its input files into
chunks, and writes the shard's histograms and cut flow.
"""
import argparse
import csv
import math
import sys

from histogram import Histogram, write_file

MUON_MASS = 0.10566
CUTS = ["all", "opposite_charge", "leading_pt", "subleading_pt", "eta",
        "mass_window"]


def four_vector(pt, eta, phi):
    px, py, pz = pt * math.cos(phi), pt * math.sin(phi), pt * math.sinh(eta)
    energy = math.sqrt(px * px + py * py + pz * pz + MUON_MASS * MUON_MASS)
    return energy, px, py, pz


def invariant_mass(mu1, mu2):
    e, px, py, pz = (a + b for a, b in zip(four_vector(*mu1),
                                           four_vector(*mu2)))
    return math.sqrt(max(e * e - px * px - py * py - pz * pz, 0.0))


def shard_rows(rows, shard, shards):
    start = (shard - 1) * len(rows) // shards
    stop = shard * len(rows) // shards
    return rows[start:stop]


def book():
    return {
        "dimuon_mass": Histogram("Dimuon invariant mass [GeV]", 60, 60, 120),
        "leading_muon_pt": Histogram("Leading muon pT [GeV]", 40, 0, 120),
        "subleading_muon_pt": Histogram("Subleading muon pT [GeV]", 40, 0,
                                        120),
    }


def passed_cuts(row, mass):
    """Names of the cuts this event passes, in order, up to the first fail."""
    muons = sorted(
        [(float(row[f"mu{i}_pt"]), float(row[f"mu{i}_eta"])) for i in (1, 2)],
        reverse=True)
    tests = [
        ("opposite_charge", int(row["mu1_charge"]) * int(row["mu2_charge"]) < 0),
        ("leading_pt", muons[0][0] > 25.0),
        ("subleading_pt", muons[1][0] > 15.0),
        ("eta", all(abs(eta) < 2.4 for _, eta in muons)),
        ("mass_window", 60.0 <= mass < 120.0),
    ]
    passed = ["all"]
    for name, ok in tests:
        if not ok:
            break
        passed.append(name)
    return passed, muons


def analyse(rows):
    histograms = book()
    cutflow = {name: 0 for name in CUTS}
    for row in rows:
        mu1 = tuple(float(row[f"mu1_{k}"]) for k in ("pt", "eta", "phi"))
        mu2 = tuple(float(row[f"mu2_{k}"]) for k in ("pt", "eta", "phi"))
        mass = invariant_mass(mu1, mu2)
        passed, muons = passed_cuts(row, mass)
        for name in passed:
            cutflow[name] += 1
        if len(passed) == len(CUTS):
            histograms["dimuon_mass"].fill(mass)
            histograms["leading_muon_pt"].fill(muons[0][0])
            histograms["subleading_muon_pt"].fill(muons[1][0])
    return histograms, cutflow


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--input", required=True)
    parser.add_argument("--shard", type=int, required=True)
    parser.add_argument("--shards", type=int, required=True)
    parser.add_argument("--output", required=True)
    args = parser.parse_args()
    if not 1 <= args.shard <= args.shards:
        sys.exit(f"select_events: shard {args.shard} is not in 1..{args.shards}")

    with open(args.input, newline="") as handle:
        rows = shard_rows(list(csv.DictReader(handle)), args.shard, args.shards)
    histograms, cutflow = analyse(rows)
    write_file(args.output, histograms, cutflow, {
        "source": args.input, "shard": args.shard, "shards": args.shards})

    print(f"shard {args.shard}/{args.shards}: {len(rows)} events read")
    for name in CUTS:
        print(f"  {name:<16} {cutflow[name]:>6}")
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
