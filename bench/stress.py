"""Stress and soak run: mixed signed Slack traffic against the real `web:` server, with Slack
faults, duplicate deliveries and reloads (good and bad), then `docs/reliability.md`.

    .venv/bin/python -m bench.stress [--seconds 120] [--max-requests 200000] [--no-write]

Everything runs on 127.0.0.1: the fake Slack Web API (tests/slack/fake_slack.py, with faults
keyed per channel / user / response_url so each request's fate is known), gunicorn with two
workers, and the clients. Bounded in time (`--seconds`) and in count (`--max-requests`).

What it checks, from the run only:
- every request Slack would retry or expect an answer to is answered exactly once (slash
  commands in the ack; mentions, DMs and Share buttons through the fake), or, where the fault
  makes that impossible (invalid_auth), gets one apology; duplicates (Slack retries) get zero
  extra answers;
- reloads alternate version A, version B and a broken file: good ones load, bad ones are
  refused with `file:line:`, and every answer is whole A or whole B;
- resident memory of each worker, sampled through the run: flat after warm-up;
- slow clients (`--slow-clients`, each sending one byte every 3 s and reconnecting when the
  server closes it) and a Slack Web API that stalls 9 s on some calls never delay an ack.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.slack_ack import QUESTIONS as SLACK_ACK_QUESTIONS  # noqa: E402
from tests.reliability.conftest import wait_for_workers  # noqa: E402
from tests.reliability.corpus import fresh_kb  # noqa: E402
from tests.reliability.slowclients import Trickle  # noqa: E402
from tests.slack.fake_slack import BOT_USER_ID, Call, FakeSlack  # noqa: E402
from tests.slack.fake_slack import Fault as FakeFault  # noqa: E402
from tests.slack.helpers import (  # noqa: E402
    ADMIN_ID,
    WebServer,
    command_body,
    dm,
    event_body,
    interactive_body,
    mention,
    request,
    server_env,
    share_payload,
    signed_post,
)

FORM = "application/x-www-form-urlencoded"
JSON = "application/json"
APOLOGIES = ("Sorry, something went wrong", "Slack did not accept my answer")
# the ack benchmark's questions, plus an advice question and one full of live markup
QUESTIONS = [
    *SLACK_ACK_QUESTIONS,
    "advise 4 squads, 40 engineers, 60% of the PM's time on backlog",
    "<!channel> who owns pricing? @here",
]
# transient faults: retried by the bot, so the answer must still arrive exactly once
TRANSIENT = [("429", {"retry_after": 1}), ("500", {}), ("drop", {}), ("stall", {"seconds": 2.0})]
FATAL = [("invalid_auth", {})]  # not retried: one apology instead
# Slack at its slowest (under the 10 s per-call timeout): the answer waits, the ack must not
LONG_STALL = ("stall", {"seconds": 9.0})


class KeyedFake(FakeSlack):
    """Faults that hit one channel, user or response_url; remembers which calls failed."""

    def __init__(self) -> None:
        super().__init__()
        self.keyed: dict[tuple[str, str], list[FakeFault]] = {}
        self.faulted: set[int] = set()

    def inject_for(self, method: str, key: str, kind: str, **options: Any) -> None:
        with self._cond:
            self.keyed.setdefault((method, key), []).append(FakeFault(kind, 1, **options))

    def _record(self, call: Call) -> FakeFault | None:
        key = str(call.params.get("_id") or call.params.get("channel") or "")
        with self._cond:
            queue = self.keyed.get((call.method, key))
            if queue:
                fault = queue.pop(0)
                self.calls.append(call)
                if fault.kind != "stall":  # a stalled call still succeeds
                    self.faulted.add(id(call))
                self._cond.notify_all()
                return fault
        return super()._record(call)


@dataclass
class Expect:
    """One request that must end in exactly one answer (or one apology) at the fake."""

    kind: str  # mention, dm, share
    method: str  # the call the answer arrives on
    key: str  # channel or response_url id
    fault: str = ""
    fatal: bool = False


@dataclass
class Stats:
    latencies: list[float] = field(default_factory=list)
    sent: Counter = field(default_factory=Counter)
    bad_status: Counter = field(default_factory=Counter)
    expects: list[Expect] = field(default_factory=list)
    duplicates_sent: int = 0
    answers_ab: Counter = field(default_factory=Counter)
    mixed: int = 0
    reloads: Counter = field(default_factory=Counter)
    refused_lines: list[str] = field(default_factory=list)
    rss: list[tuple[float, dict[int, int]]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


def worker_pids(master: int) -> list[int]:
    pids = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == master:
            pids.append(int(entry))
    return sorted(pids)


def rss_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as handle:
            for line in handle:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


class Run:
    def __init__(
        self, seconds: float, max_requests: int, clients: int, seed: int, slow_clients: int
    ) -> None:
        self.seconds = seconds
        self.max_requests = max_requests
        self.clients = clients
        self.rng = random.Random(seed)
        self.stats = Stats()
        self.count = 0
        self.count_lock = threading.Lock()
        self.stop = threading.Event()
        self.root = Path(tempfile.mkdtemp(prefix="pmpo-stress-"))
        self.fake = KeyedFake().start()
        self.kb = fresh_kb(self.root / "kb")
        self.versions = self._versions()
        env = server_env(self.fake.api_url, self.kb, self.root / "state")
        self.log_path = self.root / "server.log"
        self.server = WebServer(env, self.log_path, workers=2)
        wait_for_workers(self.server, 2)
        self.answer_a = self.answer_b = b""
        self.sent_bodies: list[tuple[str, str]] = []  # (body, content type) for duplicates
        port = int(self.server.base.rsplit(":", 1)[1])
        self.trickle = Trickle(port, slow_clients - slow_clients // 3, slow_clients // 3)

    # -- set-up ----------------------------------------------------------------------------
    def _versions(self) -> tuple[Path, str, str]:
        from bot.kb.loader import load_dir

        entry = load_dir(self.kb).kb.entries["owns-roadmap"]
        path = self.kb / Path(entry.file).name
        text = path.read_text(encoding="utf-8")
        at = text.index("id: owns-roadmap")

        def version(tag: str) -> str:
            tail = text[at:]
            for value in (entry.title, entry.verdict, entry.reason):
                tail = tail.replace(value, f"{value} (version {tag})", 1)
            return text[:at] + tail

        return path, version("A"), version("B")

    def _write(self, text: str) -> None:
        path = self.versions[0]
        tmp = path.with_name(f".{path.name}.tmp")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)

    def reload(self, name: str) -> str:
        body = command_body("reload", user_id=ADMIN_ID, response_url=self.fake.response_url(name))
        signed_post(self.server.base, "/slack/events", body, FORM)
        posted = self.fake.wait_for("response_url", _id=name, timeout=20)
        return json.dumps(posted[0].params) if posted else ""

    def settle(self, tag: str) -> bytes:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            bodies = {self.ask_roadmap() for _ in range(6)}
            if len(bodies) == 1 and f"(version {tag})".encode() in next(iter(bodies)):
                return bodies.pop()
            time.sleep(0.1)
        raise SystemExit(f"stress: workers never settled on version {tag}")

    def ask_roadmap(self) -> bytes:
        body = command_body("whois-owns roadmap")
        return signed_post(self.server.base, "/slack/events", body, FORM).body

    # -- traffic ---------------------------------------------------------------------------
    def next_id(self) -> int | None:
        with self.count_lock:
            if self.count >= self.max_requests:
                return None
            self.count += 1
            return self.count

    def client(self, n: int) -> None:
        rng = random.Random(n * 7919)
        while not self.stop.is_set():
            i = self.next_id()
            if i is None:
                self.stop.set()
                return
            roll = rng.random()
            try:
                if roll < 0.40:
                    self.slash(i, rng)
                elif roll < 0.58:
                    self.event(i, rng, "mention")
                elif roll < 0.70:
                    self.event(i, rng, "dm")
                elif roll < 0.80:
                    self.share(i, rng)
                elif roll < 0.95:
                    self.duplicate(rng)
                else:
                    self.hostile(i, rng)
            except Exception as exc:  # noqa: BLE001 - counted, the run goes on
                with self.stats.lock:
                    self.stats.bad_status[f"client {type(exc).__name__}"] += 1

    def timed_post(self, kind: str, body: str, ctype: str, **kwargs: Any) -> int:
        started = time.perf_counter()
        resp = signed_post(self.server.base, "/slack/events", body, ctype, **kwargs)
        took = time.perf_counter() - started
        with self.stats.lock:
            self.stats.sent[kind] += 1
            self.stats.latencies.append(took)
            if resp.status != 200:
                self.stats.bad_status[f"{kind} HTTP {resp.status}"] += 1
        if kind == "slash" and resp.status == 200:
            self.check_slash(body, resp.body)
        return resp.status

    def check_slash(self, body: str, answer: bytes) -> None:
        if "whois-owns+roadmap" in body:
            with self.stats.lock:
                if answer == self.answer_a:
                    self.stats.answers_ab["A"] += 1
                elif answer == self.answer_b:
                    self.stats.answers_ab["B"] += 1
                else:
                    self.stats.mixed += 1
        elif b'"blocks"' not in answer:
            with self.stats.lock:
                self.stats.bad_status["slash without blocks"] += 1

    def slash(self, i: int, rng: random.Random) -> None:
        question = "whois-owns roadmap" if rng.random() < 0.3 else rng.choice(QUESTIONS)
        self.timed_post("slash", command_body(question, user_id=f"U0LOAD{i % 97}"), FORM)

    def fault_for(self, rng: random.Random) -> tuple[str, dict[str, Any], bool, str]:
        """(fault kind, its options, fatal?, label for the tally)."""
        roll = rng.random()
        if roll < 0.15:
            kind, options = rng.choice(TRANSIENT)
            return kind, options, False, kind
        if roll < 0.18:
            kind, options = FATAL[0]
            return kind, options, True, kind
        if roll < 0.185:
            kind, options = LONG_STALL
            return kind, options, False, "stall-9"
        return "", {}, False, ""

    def event(self, i: int, rng: random.Random, kind: str) -> None:
        channel = f"C0S{i}" if kind == "mention" else f"D0S{i}"
        question = rng.choice(QUESTIONS)
        payload = (
            mention(f"<@{BOT_USER_ID}> {question}", channel=channel)
            if kind == "mention"
            else dm(question, channel=channel)
        )
        fault, options, fatal, label = self.fault_for(rng)
        if fault:
            self.fake.inject_for("chat.postMessage", channel, fault, **options)
        body = event_body(payload)
        with self.stats.lock:
            self.stats.expects.append(Expect(kind, "chat.postMessage", channel, label, fatal))
            self.sent_bodies.append((body, JSON))
        self.timed_post(kind, body, JSON)

    def share(self, i: int, rng: random.Random) -> None:
        name = f"share{i}"
        fault, options, fatal, label = self.fault_for(rng)
        if fault:
            self.fake.inject_for("response_url", name, fault, **options)
        payload = share_payload(
            rng.choice(SLACK_ACK_QUESTIONS), self.fake.response_url(name), user_id=f"U0SH{i}"
        )
        with self.stats.lock:
            self.stats.expects.append(Expect("share", "response_url", name, label, fatal))
        self.timed_post("share", interactive_body(payload), FORM)

    def duplicate(self, rng: random.Random) -> None:
        with self.stats.lock:
            if not self.sent_bodies:
                return
            body, ctype = rng.choice(self.sent_bodies[-200:])
            self.stats.duplicates_sent += 1
        retry = {"X-Slack-Retry-Num": str(rng.randint(1, 3)), "X-Slack-Retry-Reason": "timeout"}
        self.timed_post("duplicate", body, ctype, headers=retry)

    def hostile(self, i: int, rng: random.Random) -> None:
        """Forged, stale and oversized requests: must be refused (401/413), never served."""
        roll = rng.random()
        body = command_body(f"reload <@{ADMIN_ID}>", user_id=f"U0EVIL{i}")
        if roll < 0.4:
            resp = signed_post(self.server.base, "/slack/events", body, FORM, secret="f" * 32)
            expected = 401
        elif roll < 0.7:
            stale = int(time.time()) - 600
            resp = signed_post(self.server.base, "/slack/events", body, FORM, timestamp=stale)
            expected = 401
        else:
            big = command_body("x" * (70 * 1024))
            resp = signed_post(self.server.base, "/slack/events", big, FORM)
            expected = 413
        with self.stats.lock:
            self.stats.sent["hostile"] += 1
            if resp.status != expected:
                self.stats.bad_status[f"hostile got {resp.status}, not {expected}"] += 1

    # -- reloads and memory ----------------------------------------------------------------
    def reloader(self) -> None:
        step = 0
        while not self.stop.wait(4.0):
            step += 1
            phase = step % 3
            if phase == 0:
                bad = self.kb / "zz-broken.yml"
                bad.write_text("entries:\n  - id: [unclosed\n", encoding="utf-8")
                text = self.reload(f"reload{step}")
                bad.unlink()
                ok = "Reload refused" in text and "zz-broken.yml:3:" in text
                self.stats.reloads["refused" if ok else "bad reload NOT refused"] += 1
                if ok:
                    line = next(
                        ln for ln in json.loads(text)["text"].splitlines() if "zz-broken" in ln
                    )
                    self.stats.refused_lines.append(line.strip(" •").split("/")[-1])
            else:
                self._write(self.versions[1] if phase == 1 else self.versions[2])
                text = self.reload(f"reload{step}")
                ok = "Knowledge base reloaded" in text
                self.stats.reloads["loaded" if ok else "good reload failed"] += 1

    def sampler(self) -> None:
        master = self.server.proc.pid
        while True:
            pids = worker_pids(master)
            self.stats.rss.append((time.monotonic(), {pid: rss_kib(pid) for pid in pids}))
            if self.stop.wait(2.0):
                return

    # -- the run ---------------------------------------------------------------------------
    def run(self) -> dict[str, Any]:
        self._write(self.versions[1])
        assert "reloaded" in self.reload("setup-a")
        self.answer_a = self.settle("A")
        self._write(self.versions[2])
        assert "reloaded" in self.reload("setup-b")
        self.answer_b = self.settle("B")
        started = time.monotonic()
        threads = [threading.Thread(target=self.client, args=(n,)) for n in range(self.clients)]
        threads += [threading.Thread(target=self.reloader), threading.Thread(target=self.sampler)]
        threads.append(threading.Thread(target=self.trickle.run))
        self.trickle.stop = self.stop
        for thread in threads:
            thread.start()
        while not self.stop.wait(0.5):
            if time.monotonic() - started >= self.seconds:
                self.stop.set()
        for thread in threads:
            thread.join(timeout=60)
        elapsed = time.monotonic() - started
        time.sleep(15.0)  # answers in flight (a 9 s stall, or a 2 s one plus retries) land
        health = request(self.server.base, "GET", "/healthz").status
        alive = self.server.proc.poll() is None
        workers = worker_pids(self.server.proc.pid)
        code = self.server.stop()
        result = self.tally(elapsed)
        result.update(health=health, alive=alive, workers=workers, exit_code=code)
        self.fake.stop()
        return result

    def tally(self, elapsed: float) -> dict[str, Any]:
        s = self.stats
        by_key: dict[tuple[str, str], list[Call]] = {}
        for call in self.fake.calls:
            key = str(call.params.get("_id") or call.params.get("channel") or "")
            by_key.setdefault((call.method, key), []).append(call)
        lost = doubled = apologised = survived = faulted = unexpected_apology = 0
        for expect in s.expects:
            calls = by_key.get((expect.method, expect.key), [])
            good = [c for c in calls if id(c) not in self.fake.faulted]
            answers = [c for c in good if not _apology(c)]
            sorry = [c for c in good + self._dm_apologies(by_key, expect) if _apology(c)]
            if expect.fault:
                faulted += 1
            if expect.fatal:
                if len(sorry) == 1 and not answers:
                    apologised += 1
                    survived += 1
                elif not sorry and not answers:
                    lost += 1
                else:
                    doubled += max(0, len(answers) + len(sorry) - 1)
                continue
            if len(answers) == 0:
                lost += 1
            elif len(answers) > 1:
                doubled += len(answers) - 1
            elif expect.fault:
                survived += 1
            if sorry:
                unexpected_apology += len(sorry)
        lat = sorted(s.latencies)
        warm = [sample for sample in s.rss if sample[0] >= s.rss[0][0] + min(20.0, elapsed / 5)]
        first = warm[0][1] if warm else (s.rss[0][1] if s.rss else {})
        last = s.rss[-1][1] if s.rss else {}
        log = self.log_path.read_text(errors="replace")
        served = sum(v for k, v in s.sent.items() if k != "hostile")
        errors = sum(s.bad_status.values()) + s.mixed + unexpected_apology
        return {
            "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
            "seconds": round(elapsed, 1),
            "clients": self.clients,
            "requests": dict(s.sent),
            "served": served,
            "hostile_refused": s.sent["hostile"]
            - sum(v for k, v in s.bad_status.items() if k.startswith("hostile")),
            "errors": errors,
            "error_kinds": dict(s.bad_status),
            "duplicates_sent": s.duplicates_sent,
            "duplicates_answered": doubled,
            "async_expected": len(s.expects),
            "lost": lost,
            "apologies_for_fatal_faults": apologised,
            "unexpected_apologies": unexpected_apology,
            "faults_injected": faulted,
            "faults_survived": survived,
            "answers_a_b": dict(s.answers_ab),
            "mixed_answers": s.mixed,
            "reloads": dict(s.reloads),
            "refused_example": s.refused_lines[0] if s.refused_lines else "",
            "p50_ms": round(1000 * lat[len(lat) // 2], 1) if lat else 0,
            "p99_ms": round(1000 * lat[int(len(lat) * 0.99)], 1) if lat else 0,
            "max_ms": round(1000 * lat[-1], 1) if lat else 0,
            "rps": round(len(lat) / elapsed, 1) if elapsed else 0,
            "rss_start_kib": first,
            "rss_end_kib": last,
            "rss_series": [
                (round(t - s.rss[0][0]), sum(m.values()) // max(1, len(m))) for t, m in s.rss
            ],
            "slow_clients": self.trickle.headers + self.trickle.bodies,
            "slow_closed": self.trickle.closed_by_server,
            "slow_408": self.trickle.timeouts_408,
            "long_stalls": sum(1 for e in s.expects if e.fault == "stall-9"),
            "tracebacks": log.count("Traceback"),
            "log_lines": log.count("\n"),
        }

    def _dm_apologies(self, by_key: dict, expect: Expect) -> list[Call]:
        if expect.kind != "share":
            return []
        user = "U0SH" + expect.key.removeprefix("share")
        return by_key.get(("chat.postMessage", user), [])


def _apology(call: Call) -> bool:
    text = str(call.params.get("text") or "")
    return any(a in text for a in APOLOGIES)


def report(r: dict[str, Any]) -> str:
    start = r["rss_start_kib"]
    end = r["rss_end_kib"]
    rss_rows = "\n".join(
        f"| worker {n + 1} | {start.get(pid, 0) / 1024:.1f} MiB | {end.get(pid, 0) / 1024:.1f} MiB "
        f"| {(end.get(pid, 0) - start.get(pid, 0)) / 1024:+.1f} MiB |"
        for n, pid in enumerate(sorted(set(start) | set(end)))
    )
    series = ", ".join(
        f"{t}s: {kib / 1024:.1f}"
        for t, kib in r["rss_series"][:: max(1, len(r["rss_series"]) // 12)]
    )
    return f"""# Reliability

How pmpo holds up under load, Slack faults, hostile input and broken knowledge files. The
figures below come from one run of `python -m bench.stress --seconds {round(r["seconds"])}` on
{r["date"]} (loopback only: the real `web:` server, gunicorn with 2 asyncio workers,
against the fake Slack Web API of `tests/slack/fake_slack.py`); re-run it to refresh them.
The tests in `tests/reliability/` check the same properties on every CI run.

## Stress run

| | |
|---|---|
{_rows(r)}

Resident memory per worker, after warm-up (first 20 s) and at the end:

| | after warm-up | end | change |
|---|---|---|---|
{rss_rows}

Mean worker RSS over the run (MiB): {series}.

{_memory_verdict(r)}

## What is covered, and where

- **Broken knowledge files**: `tests/fixtures/broken/` plus cases built at test time
  (`tests/reliability/corpus.py`, {_corpus_size()} kinds: invalid YAML, tabs, duplicate keys and
  ids, wrong types, unknown owner/source/entry, missing sources, empty file and directory,
  missing directory, non-UTF-8 bytes and file names, binary, a 1 MiB+ file, nesting 30 and
  60,000 deep, Python object tags, an alias bomb, merge keys, non-finite and 5,000-digit
  numbers, a broken advice threshold, a shared owner without split, symlinks out of the
  directory and in a loop, a FIFO and a directory named `x.yml` (tests run as root, so
  `chmod 000` proves nothing), a file that vanishes between listing and reading). Each:
  `pmpo kb check` exits 1 with `file:line:`, and `/pmpo reload` through the real server
  refuses with the same line while the old knowledge base answers byte for byte.
- **Reload under load**: `test_reload_under_load.py`, and the run above.
- **Slack faults** on chat.postMessage, users.info and response_url: `test_slack_faults.py`
  (bounded retries, answer or apology, healthz after, one log line per retry and per failure).
- **Hostile input**: `test_hostile_input.py` (hypothesis over grammar, matcher, advisor, the
  three renderers), `test_hostile_requests.py` (signatures, freshness, body limits, malformed
  signed bodies, the admin check), `test_zz_log_scan.py` (no token, secret, response_url or
  traceback in any server log of the run).
- **Bounded memory**: `test_bounded_state.py` (dedup cache by size and age, one knowledge
  snapshot), and the RSS figures above.
- **Slow clients and a slow Slack**: `test_slow_clients.py` (150 connections trickling
  headers or bodies for 30 s; `/healthz` and signed `/pmpo` answer within 1 s at p99),
  `test_slow_slack.py` (chat.postMessage and response_url stall 9 s under 30 DMs and 20
  slash commands: every ack within 2.5 s, every reply once).
- **Restarts and the state directory**: `test_restarts_and_state.py` (a worker killed after
  a file broke comes back on the last good knowledge base, `/healthz` 200 throughout; a
  state directory owned by another user or writable by others is refused; a planted
  symlink is replaced, not followed; an unwritable state directory is named in the reload
  reply; a 5,000-digit timestamp gets 400).
- **Graceful stop**: `test_graceful_stop.py` (gunicorn finishes a reload in flight after
  SIGTERM and exits 0; Socket Mode `pmpo run` exits 0 on SIGTERM).

## Limits

- Each worker runs Slack calls on a reply pool of 32 threads with at most 1,024 replies
  waiting; each call times out after 10 s. If Slack stalls long enough to fill that, a new
  reply is dropped with one log line (`reply dropped: ...`); acks still go out at once.
- A read timeout on chat.postMessage is not retried: Slack may have posted already, and a retry
  would post twice. The person gets an apology instead.
- Processes follow a reload by loading the snapshot it published (by content hash); if that
  snapshot cannot be read they keep their knowledge base, log why, and retry every 2 s.
- Slow clients: headers must arrive within 5 s of a connection opening (or of its previous
  response), a body within 10 s of its headers; otherwise 408 and the connection closes.
"""


def _rows(r: dict[str, Any]) -> str:
    reqs = ", ".join(f"{k} {v}" for k, v in sorted(r["requests"].items()))
    kinds = ", ".join(f"{k}: {v}" for k, v in r["error_kinds"].items()) or "none"
    hostile = r["requests"].get("hostile", 0)
    http_errors = sum(
        v for k, v in r["error_kinds"].items() if "HTTP" in k and not k.startswith("hostile")
    )
    ab = r["answers_a_b"]
    rows = [
        ("duration", f"{r['seconds']} s, {r['clients']} client threads"),
        ("requests sent", f"{r['served'] + hostile} ({reqs})"),
        ("requests served (HTTP 200)", r["served"] - http_errors),
        ("errors", f"{r['errors']} ({kinds})"),
        ("duplicates sent (Slack retries of events already received)", r["duplicates_sent"]),
        ("duplicates answered", r["duplicates_answered"]),
        ("answers owed (mentions, DMs, Share buttons)", r["async_expected"]),
        ("lost answers", r["lost"]),
        (
            "Slack faults injected (429, 500, dropped connection, 2 s and 9 s stalls, "
            "invalid_auth)",
            r["faults_injected"],
        ),
        ("of which 9 s stalls of the Web API or response_url", r["long_stalls"]),
        (
            "slow clients held open (one byte every 3 s; reconnect when closed)",
            f"{r['slow_clients']}; closed by the header/body deadlines {r['slow_closed']} times "
            f"({r['slow_408']} with a 408)",
        ),
        (
            "faults survived (answer arrived once; invalid_auth: exactly one apology)",
            f"{r['faults_survived']} ({r['apologies_for_fatal_faults']} apologies)",
        ),
        (
            "forged, stale or oversized requests refused (401/413)",
            f"{r['hostile_refused']} of {hostile}",
        ),
        (
            "reloads",
            f"{r['reloads'].get('loaded', 0)} good loaded, {r['reloads'].get('refused', 0)} bad "
            f"refused (e.g. `{r['refused_example']}`)",
        ),
        (
            "`whois-owns roadmap` answers from version A / B",
            f"{ab.get('A', 0)} / {ab.get('B', 0)}; mixed or other: {r['mixed_answers']}",
        ),
        (
            "ack latency p50 / p99 / max",
            f"{r['p50_ms']} / {r['p99_ms']} / {r['max_ms']} ms ({r['rps']} requests/s)",
        ),
        ("tracebacks in the server log", f"{r['tracebacks']} (of {r['log_lines']} lines)"),
        (
            "after the run",
            f"healthz {r['health']}, server {'up' if r['alive'] else 'DOWN'}; "
            f"exit code after SIGTERM {r['exit_code']}",
        ),
    ]
    return "\n".join(f"| {name} | {value} |" for name, value in rows)


def _memory_verdict(r: dict[str, Any]) -> str:
    """Growth after warm-up, and its rate in each half of the rest of the run."""
    series = r["rss_series"]
    warm = [(t, kib) for t, kib in series if t >= min(20, r["seconds"] / 5)]
    if len(warm) < 4:
        return "Too short a run to judge memory."
    mid = len(warm) // 2

    def rate(part: list[tuple[int, int]]) -> float:
        (t0, k0), (t1, k1) = part[0], part[-1]
        return (k1 - k0) / 1024 / max(1, t1 - t0) * 60

    total = (warm[-1][1] - warm[0][1]) / 1024
    pct = 100 * (warm[-1][1] - warm[0][1]) / max(1, warm[0][1])
    verdict = "flat" if pct < 3 else "not flat"
    return (
        f"Memory after warm-up: {verdict}, {total:+.1f} MiB per worker ({pct:+.1f}%) over "
        f"{warm[-1][0] - warm[0][0]} s; growth {rate(warm[: mid + 1]):.2f} MiB/min in the first "
        f"half, {rate(warm[mid:]):.2f} MiB/min in the second."
    )


def _corpus_size() -> int:
    from tests.reliability.corpus import CASES

    return len(CASES)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=120.0)
    parser.add_argument("--max-requests", type=int, default=200_000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--slow-clients", type=int, default=60)
    parser.add_argument("--no-write", action="store_true", help="print, do not write the doc")
    parser.add_argument("--out", default=str(ROOT / "docs" / "reliability.md"))
    args = parser.parse_args(argv)
    run = Run(
        min(args.seconds, 1800.0), args.max_requests, args.clients, args.seed, args.slow_clients
    )
    result = run.run()
    summary = {k: v for k, v in result.items() if k != "rss_series"}
    print(json.dumps(summary, indent=1, default=str))
    if not args.no_write:
        Path(args.out).write_text(report(result), encoding="utf-8")
        print(f"wrote {args.out}")
    clean = (
        result["errors"] == 0
        and result["lost"] == 0
        and result["duplicates_answered"] == 0
        and result["mixed_answers"] == 0
        and result["tracebacks"] == 0
        and result["alive"]
    )
    return 0 if clean else 1


if __name__ == "__main__":
    raise SystemExit(main())
