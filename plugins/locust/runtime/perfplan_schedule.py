"""When each test case of a run starts and how many users it has: the time scale, which test
cases a run selects (a test type's default run, or test cases by id), the test cases one after
another, the users their stages ask for, and a stress test's back-off to its recovery load.
Nothing here imports Locust, so it runs (and is tested) with a plain python3."""

import json
import math
import re
from typing import Any, Dict, List, Optional, Tuple

# A stage: [seconds, target users, label]; users move linearly from the previous target.
Stage = List[Any]

# These test types never load the spec's own server: the user names the target.
HEAVY_TYPES = ("stress", "spike", "soak")


class StartProblem(Exception):
    """Why a run must not start; the message says what to set or change."""


def shown(text: Any) -> str:
    """A value for a log line, spec text included: JSON-quoted (control characters escaped), at most 200 characters."""
    quoted = json.dumps(str(text))
    return quoted if len(quoted) <= 200 else quoted[:196] + '..."'


def printable(text: Any) -> str:
    """A test case id or name for a log line: control and line-separator characters become spaces, at most 200 characters."""
    return re.sub("[\x00-\x1f\x7f-\x9f\u2028\u2029]", " ", str(text))[:200]


def parse_time_scale(text: Optional[str], default: Any) -> float:
    """The run's time scale: `text` (TIME_SCALE or --perfplan-time-scale) when given, else the
    plan's default. Anything but a positive finite number stops the run before it starts."""
    given = text is not None and str(text).strip() != ""
    raw = str(text).strip() if given else default
    try:
        value = float(raw)
    except (TypeError, ValueError):
        value = float("nan")
    if not math.isfinite(value) or value <= 0:
        source = "TIME_SCALE (or --perfplan-time-scale)" if given else "the plan's timeScale (perfplan_plan.TIME_SCALE)"
        raise StartProblem(source + " must be a positive number, e.g. 0.05 to run every stage 20 times shorter; got " + shown(raw))
    return value


def select_cases(
    cases: List[Dict[str, Any]], types: List[str], test_type: str = "", case_id: str = "", named: Optional[List[str]] = None
) -> Tuple[List[Dict[str, Any]], bool]:
    """The test cases a run starts, in plan order, and whether they were chosen by name. A test
    case id runs that test case alone (a by-name-only one too); user classes named on the command
    line (`named`: their test case ids) run their test cases; otherwise a test type runs its
    test cases that are not by name only."""
    if test_type and test_type not in types:
        raise StartProblem("unknown test type " + shown(test_type) + "; this plan has " + ", ".join(types))
    if case_id:
        found = [case for case in cases if case["id"] == case_id]
        if not found:
            raise StartProblem(
                "this plan has no test case " + shown(case_id) + "; the ids are the keys of TEST_CASES in locust/perfplan_plan.py (and in PLAN.md)"
            )
        case = found[0]
        if test_type and case["type"] != test_type:
            raise StartProblem(
                "test case " + shown(case_id) + " is a " + case["type"] + " test, not a " + test_type + " test: run it with --config locust/" + case["type"] + ".conf"
            )
        return [case], True
    if named:
        chosen = [case for case in cases if case["id"] in named and (not test_type or case["type"] == test_type)]
        if not chosen:
            raise StartProblem("no " + (test_type + " " if test_type else "") + "test case among the user classes named on the command line")
        return chosen, True
    if not test_type:
        raise StartProblem(
            "choose what to run: --config locust/<type>.conf or --perfplan-test-type TYPE (" + ", ".join(types) + "), or one test case with --perfplan-test-case ID"
        )
    chosen = [case for case in cases if case["type"] == test_type and not case.get("onlyByName")]
    if not chosen:
        raise StartProblem("no " + test_type + " test case runs by default in this plan; choose one with --perfplan-test-case ID")
    return chosen, False


def base_url_problem(cases: List[Dict[str, Any]], chosen: bool, default_base_url: str) -> Optional[str]:
    """Why the selected test cases must not run against the default base URL (the spec's server),
    or None: without BASE_URL or --host, a test case that requires a chosen base URL stops the run."""
    if chosen:
        return None
    kinds: List[str] = []
    for case in cases:
        if case.get("requiresChosenBaseUrl") and case["type"] not in kinds:
            kinds.append(case["type"])
    if not kinds:
        return None
    heavy = [kind for kind in kinds if kind in HEAVY_TYPES]
    server = "the spec's server (" + shown(default_base_url) + ")"
    if heavy:
        why = " and ".join(heavy) + " tests never run against " + server + " by default"
    else:
        why = " and ".join(kinds) + " tests run against " + server + " only when it is a loopback address, and it is not"
    return "BASE_URL is not set: " + why + ". Set BASE_URL=https://your-test-server (or pass --host https://your-test-server); nothing was sent."


# ---------------------------------------------------------------- stages


def scaled_stages(stages: List[Stage], scale: float) -> List[Stage]:
    """The stages with every duration multiplied by the time scale (users are not scaled)."""
    return [[max(0.0, float(stage[0])) * scale, float(stage[1]), stage[2] if len(stage) > 2 else ""] for stage in stages]


def stages_seconds(stages: List[Stage]) -> float:
    return sum(max(0.0, float(stage[0])) for stage in stages)


def users_at(stages: List[Stage], start_users: float, seconds: float) -> Optional[float]:
    """Users at `seconds` into the stages, moving linearly from the previous target; None once the stages are over."""
    at = 0.0
    previous = start_users
    for stage in stages:
        duration, target = float(stage[0]), float(stage[1])
        if duration <= 0:
            previous = target
            continue
        if seconds < at + duration:
            return previous + (target - previous) * (seconds - at) / duration
        at += duration
        previous = target
    return None


def stage_windows(stages: List[Stage]) -> List[Tuple[float, float, Stage]]:
    """(from, to, stage) of each stage, in seconds from the start of the stages."""
    windows = []
    at = 0.0
    for stage in stages:
        duration = max(0.0, float(stage[0]))
        windows.append((at, at + duration, stage))
        at += duration
    return windows


# ---------------------------------------------------------------- open model: shared arrivals


class Arrivals:
    """When the requests of an open-model test case start, one schedule for all its users (as
    k6's ramping-arrival-rate and JMeter's paced arrivals): the n-th when the area under
    rps x users(t) / pool reaches n, users(t) following the (scaled) stages. perfplan_locust hands
    each arrival, at its time, to a user who is free then, and drops it when none is (a slow
    server gets fewer requests than offered, never a burst afterwards). Users pacing themselves
    instead (constant_pacing) start in step when spawned together: over a short window the
    count is off by up to one request per user."""

    def __init__(self, stages: List[Stage], rps: float, pool: float) -> None:
        self.per_user = rps / pool if rps > 0 and pool > 0 else 0.0
        # (start, duration, users at start, users at end, area before): the rate is per_user x users.
        self.segments: List[Tuple[float, float, float, float, float]] = []
        at, users, area = 0.0, 0.0, 0.0
        for stage in stages:
            duration, target = max(0.0, float(stage[0])), float(stage[1])
            if duration > 0:
                self.segments.append((at, duration, users, target, area))
                area += self.per_user * (users + target) / 2 * duration
            at += duration
            users = target
        self.total = area

    def time_of(self, n: int) -> Optional[float]:
        """Seconds from the start of the stages at which the area reaches n; None beyond the stages."""
        if n > self.total + 1e-9 or self.per_user <= 0:
            return None
        for start, duration, first, last, before in self.segments:
            if n <= before + self.per_user * (first + last) / 2 * duration + 1e-9:
                rest = max(0.0, n - before)
                # per_user x (first x + (last - first) x^2 / (2 duration)) = rest: the root in [0, duration],
                # written so that the quadratic term may be 0 or negative.
                a = self.per_user * (last - first) / (2 * duration)
                b = self.per_user * first
                divisor = b + math.sqrt(max(0.0, b * b + 4 * a * rest))
                x = 2 * rest / divisor if divisor > 0 else duration
                return start + min(duration, max(0.0, x))
        return None


# ---------------------------------------------------------------- the run


class Timeline:
    """The selected test cases one after another. In a default run each starts at its planned
    startSeconds (scaled); chosen by name they follow each other from 0. A test case that ends
    early (a stress test's back-off) gives its remaining time back: the later ones start earlier."""

    def __init__(self, cases: List[Dict[str, Any]], by_name: bool, scale: float) -> None:
        self.scale = scale
        self.entries: List[Dict[str, Any]] = []
        at = 0.0
        for case in cases:
            stages = scaled_stages(case["stages"], scale)
            length = stages_seconds(stages)
            start = at if by_name else max(0.0, float(case.get("startSeconds") or 0)) * scale
            self.entries.append({"case": case, "start": start, "stages": stages, "length": length, "saved": 0.0})
            at = start + length
        self.index = {entry["case"]["id"]: position for position, entry in enumerate(self.entries)}

    def start_of(self, position: int) -> float:
        return self.entries[position]["start"] - sum(entry["saved"] for entry in self.entries[:position])

    def end(self) -> float:
        return max((self.start_of(position) + entry["length"] for position, entry in enumerate(self.entries)), default=0.0)

    def at(self, seconds: float) -> Optional[Tuple[Optional[int], float]]:
        """(position of the test case running at `seconds`, seconds since it started); (None, 0)
        between test cases; None once every test case is over."""
        for position, entry in enumerate(self.entries):
            start = self.start_of(position)
            if seconds < start:
                return None, 0.0
            if seconds < start + entry["length"]:
                return position, seconds - start
        return None

    def users(self, position: int, seconds: float) -> float:
        """Users of a test case `seconds` after it started (held at its last value up to its end)."""
        entry = self.entries[position]
        at = min(max(0.0, seconds), max(0.0, entry["length"] - 1e-6))
        return users_at(entry["stages"], 0.0, at) or 0.0

    def ran_seconds(self, position: int, now: float) -> float:
        """How long a test case has run at `now` (0 before it starts, its length once over)."""
        entry = self.entries[position]
        return min(max(0.0, now - self.start_of(position)), entry["length"])

    def back_off(self, position: int, seconds: float, recovery: Dict[str, Any]) -> Tuple[float, float]:
        """A stress test past its breaking point at `seconds`: straight down to the recovery users
        (as fast as the plan drops to its baseline), hold them for the recovery's duration, then end.
        Returns the window, from the test case's start, that judges the recovery: after its settle time."""
        entry = self.entries[position]
        kept: List[Stage] = []
        for start, end, stage in stage_windows(entry["stages"]):
            if start >= seconds:
                break
            if end <= seconds:
                kept.append(stage)
            else:
                kept.append([seconds - start, users_at(entry["stages"], 0.0, seconds) or 0.0, stage[2]])
        drops = [float(stage[0]) for stage in entry["case"]["stages"] if len(stage) > 2 and stage[2] == "drop to baseline"]
        drop = (drops[0] if drops else 1.0) * self.scale
        hold = max(0.0, float(recovery["durationSeconds"])) * self.scale
        users = float(recovery["users"])
        kept.append([drop, users, "drop to recovery"])
        kept.append([hold, users, "recovery"])
        length = stages_seconds(kept)
        entry["saved"] += entry["length"] - length
        entry["stages"], entry["length"] = kept, length
        settle = min(max(0.0, float(recovery.get("settleSeconds") or 0)) * self.scale, hold)
        return seconds + drop + settle, length
