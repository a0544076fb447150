#!/usr/bin/env python3
"""Print one histogram of a histogram file as text, with its peak."""
import argparse

from histogram import read_file


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("file")
    parser.add_argument("name", nargs="?", default="dimuon_mass")
    parser.add_argument("--width", type=int, default=50)
    args = parser.parse_args()

    histograms, counters, _ = read_file(args.file)
    histogram = histograms[args.name]
    tallest = max(histogram.contents) or 1
    print(f"{histogram.title}: {histogram.entries} entries")
    for index, count in enumerate(histogram.contents):
        bar = "#" * round(args.width * count / tallest)
        print(f"{histogram.bin_center(index):8.1f} | {count:5d} {bar}")
    peak = histogram.contents.index(max(histogram.contents))
    print(f"peak at {histogram.bin_center(peak):.1f}")
    print("cut flow: " + ", ".join(f"{k}={v}" for k, v in counters.items()))


if __name__ == "__main__":
    main()
