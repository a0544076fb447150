#!/usr/bin/env python3
"""Merge shard histogram files into one, the way ROOT's hadd does.

Usage: merge_histograms.py [-f] TARGET SOURCE [SOURCE ...]

Bin contents, under/overflow, entries and counters are summed. Every
source must hold the same histograms with the same binning. Like hadd,
an existing TARGET is refused unless -f is given.
"""
import argparse
import os
import sys

from histogram import read_file, write_file


def fail(message):
    print(f"merge_histograms: {message}", file=sys.stderr)
    sys.exit(1)


def check_compatible(first_path, first, path, histograms):
    if set(first) != set(histograms):
        fail(f"{path} holds {sorted(histograms)}, "
             f"but {first_path} holds {sorted(first)}")
    for name, histogram in histograms.items():
        if histogram.binning() != first[name].binning():
            fail(f"binning of {name} in {path} is {histogram.binning()}, "
                 f"but {first[name].binning()} in {first_path}")


def merge(sources):
    merged, counters, _ = read_file(sources[0])
    print(f"Source file 1: {sources[0]}")
    for number, path in enumerate(sources[1:], start=2):
        print(f"Source file {number}: {path}")
        histograms, more, _ = read_file(path)
        check_compatible(sources[0], merged, path, histograms)
        if set(more) != set(counters):
            fail(f"counters in {path} differ from those in {sources[0]}")
        for name, histogram in histograms.items():
            merged[name].add(histogram)
        for name, value in more.items():
            counters[name] += value
    return merged, counters


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-f", dest="force", action="store_true",
                        help="overwrite an existing target")
    parser.add_argument("target")
    parser.add_argument("sources", nargs="+")
    args = parser.parse_args()

    if os.path.exists(args.target) and not args.force:
        fail(f"target file {args.target} already exists (use -f to overwrite)")
    print(f"Target file: {args.target}")
    try:
        merged, counters = merge(args.sources)
    except (OSError, ValueError, KeyError) as err:
        fail(str(err))
    write_file(args.target, merged, counters,
               {"sources": args.sources, "merged_files": len(args.sources)})
    entries = merged["dimuon_mass"].entries if "dimuon_mass" in merged else 0
    print(f"merged {len(args.sources)} files into {args.target} "
          f"({entries} selected candidates)")


if __name__ == "__main__":
    main()
