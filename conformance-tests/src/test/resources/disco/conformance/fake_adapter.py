#!/usr/bin/env python3
"""A fake implementation for the runner's tests: answers from the vectors' own expectations, except
for the vector named on the command line, where it misbehaves as MODE says."""
import json
import sys
import time

mode, victim, vectors = sys.argv[1], sys.argv[2], sys.argv[3]
expect = {}
with open(vectors) as f:
    for line in f:
        if line.strip():
            v = json.loads(line)
            expect[v["id"]] = v["expect"]

if mode == "nohandshake":
    sys.exit(4)
if mode == "badversion":
    print(json.dumps({"protocol": 99, "name": "fake", "kinds": ["instruction"]}), flush=True)
    sys.exit(0)
if mode == "badchoices":
    print(json.dumps({"protocol": 1, "name": "fake", "kinds": ["instruction"], "choices": "all"}), flush=True)
    sys.exit(0)
handshake = {"protocol": 1, "name": "fake", "kinds": ["instruction"]}
if mode == "choices":
    handshake["choices"] = ["count-per-instruction"]
print(json.dumps(handshake), flush=True)
for line in sys.stdin:
    vid = json.loads(line)["vector"]["id"]
    if vid == victim:
        if mode == "crash":
            print("boom", file=sys.stderr, flush=True)
            sys.exit(3)
        if mode == "hang":
            time.sleep(3600)
        if mode == "garbage":
            print("hello, I am not JSON", flush=True)
            continue
        if mode == "wrongid":
            print(json.dumps({"id": "someone-else", "result": expect[vid]}), flush=True)
            continue
        if mode == "error":
            print(json.dumps({"id": vid, "error": "cannot run this"}), flush=True)
            continue
        if mode == "wrong":
            r = dict(expect[vid])
            r["pc"] = "0xdeadbeef"
            print(json.dumps({"id": vid, "result": r}), flush=True)
            continue
    print(json.dumps({"id": vid, "result": expect[vid]}), flush=True)
