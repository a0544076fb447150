"""HTCondor's own parsers as a test oracle, driven with JSON on stdin.

  condor-oracle.py submit   [{"id": ..., "text": <submit description>}, ...]
      -> [{"id", "ok": true, "qargs", "ads": [{attr: value}]}
          | {"id", "ok": false, "error"}]
  condor-oracle.py events   ["<event log path>", ...]
      -> [{"file", "events": [{type, cluster, proc, time, ...}]}
          | {"file", "error"}]

Calls used (htcondor 24.12.24): htcondor.Submit(text), Submit.getQArgs(),
Submit.jobs(count, itemdata, clusterid, procid, qdate, owner) from the v1
module, which builds job ads without a schedd; htcondor2.JobEventLog(path)
.events(stop_after=0) and JobEvent.type/.cluster/.proc/.timestamp/.get().
"""
import json
import os
import sys

os.environ.setdefault("CONDOR_CONFIG", "/dev/null")

import classad  # noqa: E402
import htcondor  # noqa: E402
import htcondor2  # noqa: E402


def to_json(value):
    """A ClassAd value as JSON; expressions keep their source text."""
    if isinstance(value, classad.ExprTree):
        return {"expr": str(value)}
    if isinstance(value, classad.ClassAd):
        return {"ad": {k: to_json(v) for k, v in value.items()}}
    if isinstance(value, classad.Value):
        return {"value": str(value)}
    if isinstance(value, (list, tuple)):
        return [to_json(v) for v in value]
    return value


def split_v2_raw(raw):
    """Splits HTCondor's V2 raw argument form (the job ad's Arguments and
    Environment): blanks separate words, '...' quotes, '' inside quotes is
    one literal quote."""
    words, word, started, quoted, i = [], [], False, False, 0
    while i < len(raw):
        c = raw[i]
        if quoted and c == "'" and raw[i + 1:i + 2] == "'":
            word.append("'")
            i += 2
            continue
        if c == "'":
            quoted, started = not quoted, True
        elif c in " \t\n" and not quoted:
            if started:
                words.append("".join(word))
            word, started = [], False
        else:
            word.append(c)
            started = True
        i += 1
    if started:
        words.append("".join(word))
    return words


def job_ads(case):
    try:
        sub = htcondor.Submit(case["text"])
        ads = []
        for ad in sub.jobs(qdate=1, owner="ci"):
            out = {k: to_json(v) for k, v in ad.items()}
            if isinstance(ad.get("Arguments"), str):
                out["__argv"] = split_v2_raw(ad["Arguments"])
            if isinstance(ad.get("Environment"), str):
                out["__env"] = split_v2_raw(ad["Environment"])
            ads.append(out)
        return {"id": case["id"], "ok": True, "qargs": sub.getQArgs(), "ads": ads}
    except Exception as exc:  # the parser's refusal is the answer
        return {"id": case["id"], "ok": False, "error": f"{type(exc).__name__}: {exc}"}


EVENT_FIELDS = {
    "ReturnValue": "returnValue",
    "TerminatedNormally": "terminatedNormally",
    "TerminatedBySignal": "signal",
    "HoldReasonCode": "holdCode",
    "HoldReasonSubCode": "holdSubcode",
}


def event_json(e):
    out = {
        "type": int(e.type),
        "cluster": e.cluster,
        "proc": e.proc,
        "time": e.timestamp,
    }
    for attr, name in EVENT_FIELDS.items():
        value = e.get(attr)
        if value is not None:
            out[name] = value
    return out


def log_events(path):
    try:
        events = htcondor2.JobEventLog(path).events(stop_after=0)
        return {"file": path, "events": [event_json(e) for e in events]}
    except Exception as exc:
        return {"file": path, "error": f"{type(exc).__name__}: {exc}"}


def main():
    mode = sys.argv[1] if len(sys.argv) > 1 else ""
    request = json.load(sys.stdin)
    if mode == "submit":
        answer = [job_ads(case) for case in request]
    elif mode == "events":
        answer = [log_events(path) for path in request]
    else:
        sys.exit("usage: condor-oracle.py submit|events < request.json")
    json.dump(answer, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
