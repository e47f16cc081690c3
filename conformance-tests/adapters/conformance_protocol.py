"""The implementation's side of the conformance protocol (docs/conformance.md, "External process
(protocol 1)"), shared by the adapters in this directory: the handshake line, then one answer line
per request line."""
import json
import sys

PROTOCOL = 1


def word(s):
    """A 32-bit value of a vector: a hex string ("0x%08x") or a JSON integer."""
    return int(s, 16) & 0xffffffff if isinstance(s, str) else s & 0xffffffff


def hexw(v):
    """A 32-bit value as results write it."""
    return "0x%08x" % (v & 0xffffffff)


def serve(name, kinds, run, choices=()):
    """Answers each {"vector": V} line on stdin with {"id", "result"} or {"id", "error"}.

    run(V) returns (result, None) or (None, why). Any exception it raises becomes that vector's
    error, so one vector's failure is reported, never the end of the run."""
    handshake = {"protocol": PROTOCOL, "name": name, "kinds": list(kinds)}
    if choices:
        handshake["choices"] = list(choices)
    print(json.dumps(handshake), flush=True)
    for line in sys.stdin:
        if not line.strip():
            continue
        v = json.loads(line)["vector"]
        try:
            result, error = run(v)
        except Exception as e:
            result, error = None, "%s: %s" % (type(e).__name__, e)
        answer = {"id": v["id"], "error": error} if error else {"id": v["id"], "result": result}
        print(json.dumps(answer), flush=True)
