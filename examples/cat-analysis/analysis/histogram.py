"""Fixed-binning 1D histograms and counters stored as JSON.

A stand-in for ROOT's TH1 in this example: what matters for merging is
that two histograms can be added only when their binning is identical,
which is what hadd checks too.
"""
import json
import os

FORMAT = "cat-analysis-histograms/1"


class Histogram:
    def __init__(self, title, nbins, low, high, contents=None,
                 underflow=0, overflow=0, entries=0):
        self.title = title
        self.nbins = nbins
        self.low = float(low)
        self.high = float(high)
        self.contents = list(contents) if contents else [0] * nbins
        self.underflow = underflow
        self.overflow = overflow
        self.entries = entries

    def fill(self, value):
        self.entries += 1
        if value < self.low:
            self.underflow += 1
        elif value >= self.high:
            self.overflow += 1
        else:
            width = (self.high - self.low) / self.nbins
            self.contents[int((value - self.low) / width)] += 1

    def binning(self):
        return (self.nbins, self.low, self.high)

    def add(self, other):
        self.contents = [a + b for a, b in zip(self.contents, other.contents)]
        self.underflow += other.underflow
        self.overflow += other.overflow
        self.entries += other.entries

    def bin_center(self, index):
        width = (self.high - self.low) / self.nbins
        return self.low + (index + 0.5) * width

    def to_dict(self):
        return {
            "title": self.title,
            "binning": {"nbins": self.nbins, "low": self.low,
                        "high": self.high},
            "contents": self.contents,
            "underflow": self.underflow,
            "overflow": self.overflow,
            "entries": self.entries,
        }

    @classmethod
    def from_dict(cls, data):
        binning = data["binning"]
        return cls(data["title"], binning["nbins"], binning["low"],
                   binning["high"], data["contents"], data["underflow"],
                   data["overflow"], data["entries"])


def write_file(path, histograms, counters, metadata):
    """Write atomically, so a failed job never leaves half a file."""
    directory = os.path.dirname(path)
    if directory:
        os.makedirs(directory, exist_ok=True)
    document = {
        "format": FORMAT,
        "histograms": {name: h.to_dict() for name, h in histograms.items()},
        "counters": counters,
        "metadata": metadata,
    }
    partial = path + ".part"
    with open(partial, "w") as handle:
        json.dump(document, handle, indent=1)
        handle.write("\n")
    os.replace(partial, path)


def read_file(path):
    with open(path) as handle:
        document = json.load(handle)
    if document.get("format") != FORMAT:
        raise ValueError(f"{path}: not a {FORMAT} file")
    histograms = {name: Histogram.from_dict(data)
                  for name, data in document["histograms"].items()}
    return histograms, document["counters"], document["metadata"]
