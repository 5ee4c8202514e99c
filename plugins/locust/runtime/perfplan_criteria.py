"""The verdict of a test case: its requests by the time they started, the success criteria of
the plan judged over their (scaled) windows, and a stress test's breaking point and capacity,
reported rather than failed. Nothing here imports Locust, so it runs (and is tested) with a
plain python3; perfplan_locust.py records the requests and prints the outcomes."""

import math
import re
from typing import Any, Dict, List, Optional, Tuple

import perfplan_schedule as schedule

Window = Tuple[float, float]

# ---------------------------------------------------------------- statistics


def round_ms(value: float) -> int:
    """Response times kept with three significant digits (a histogram key)."""
    value = int(round(value))
    if value < 1000:
        return value
    if value < 10000:
        return int(round(value, -1))
    return int(round(value, -2))


class Bucket:
    """Requests that started within one slot of time: count, failures, response-time histogram (ms → count)."""

    __slots__ = ("count", "failures", "times", "total_ms", "max_ms")

    def __init__(self) -> None:
        self.count = 0
        self.failures = 0
        self.times: Dict[int, int] = {}
        self.total_ms = 0.0
        self.max_ms = 0.0

    def add(self, response_ms: float, failed: bool) -> None:
        self.count += 1
        self.total_ms += response_ms
        self.max_ms = max(self.max_ms, response_ms)
        if failed:
            self.failures += 1
        key = round_ms(response_ms)
        self.times[key] = self.times.get(key, 0) + 1


class Series:
    """One test case's requests by the time they started, in seconds since the test case
    started, in slots of `resolution` seconds (the time scale, at most 1 s: scaled windows
    start and end on slot boundaries)."""

    def __init__(self, resolution: float = 1.0) -> None:
        self.resolution = resolution if resolution > 0 else 1.0
        self.buckets: Dict[int, Bucket] = {}

    def add(self, started: float, response_ms: float, failed: bool) -> None:
        key = max(0, int(math.floor(started / self.resolution + 1e-9)))
        bucket = self.buckets.get(key)
        if bucket is None:
            bucket = self.buckets[key] = Bucket()
        bucket.add(response_ms, failed)

    def count(self) -> int:
        return sum(bucket.count for bucket in self.buckets.values())

    def window(self, start: float, end: float) -> "Summary":
        """Requests that started in [start, end)."""
        summary = Summary(max(0.0, end - start))
        slack = self.resolution * 1e-6
        for key, bucket in self.buckets.items():
            at = key * self.resolution
            if start - slack <= at < end - slack:
                summary.merge(bucket)
        return summary


class Summary:
    """Requests of a window: count, failures, percentiles, mean, max, rate over the window's length."""

    def __init__(self, seconds: float = 0.0) -> None:
        self.count = 0
        self.failures = 0
        self.times: Dict[int, int] = {}
        self.total_ms = 0.0
        self.max_ms = 0.0
        self.seconds = seconds

    def merge(self, bucket: Bucket) -> None:
        self.count += bucket.count
        self.failures += bucket.failures
        self.total_ms += bucket.total_ms
        self.max_ms = max(self.max_ms, bucket.max_ms)
        for key, count in bucket.times.items():
            self.times[key] = self.times.get(key, 0) + count

    def percentile(self, share: float) -> float:
        """Nearest rank: the smallest time at least `share` of the requests took no longer than."""
        if self.count == 0:
            return 0.0
        wanted = max(1, int(math.ceil(self.count * share - 1e-9)))
        seen = 0
        for key in sorted(self.times):
            seen += self.times[key]
            if seen >= wanted:
                return float(key)
        return float(max(self.times))

    def error_rate(self) -> float:
        return self.failures / self.count if self.count else 0.0

    def mean(self) -> float:
        return self.total_ms / self.count if self.count else 0.0

    def rate(self) -> float:
        return self.count / self.seconds if self.seconds > 0 else 0.0


# ---------------------------------------------------------------- outcomes


class Outcome:
    """One criterion's verdict (what was measured against which limit), or a finding reported for information."""

    def __init__(self, case_id: str, name: str, passed: bool, detail: str, info: bool = False) -> None:
        self.case_id = case_id
        self.name = name
        self.passed = passed
        self.detail = detail
        self.info = info

    def line(self) -> str:
        label = "INFO " if self.info else "PASS " if self.passed else "FAIL "
        return label + schedule.printable(self.case_id) + ": " + self.name + ": " + self.detail

    def as_dict(self) -> Dict[str, Any]:
        entry = {"testCase": self.case_id, "criterion": self.name, "passed": self.passed, "detail": self.detail}
        if self.info:
            entry["info"] = True
        return entry


def fmt(value: float) -> str:
    return ("%.2f" % value).rstrip("0").rstrip(".")


def pct(value: float) -> str:
    return fmt(value * 100) + " %"


def _text(value: float, unit: str) -> str:
    return pct(value) if unit == "%" else fmt(value) + " " + unit


def at_most(case_id: str, name: str, measured: float, limit: float, unit: str, where: str = "") -> Outcome:
    passed = measured <= limit + 1e-12
    over = "" if passed else ", over by " + _text(measured - limit, unit)
    return Outcome(case_id, name, passed, _text(measured, unit) + " (limit " + _text(limit, unit) + over + ")" + where)


def at_least(case_id: str, name: str, measured: float, limit: float, unit: str, where: str = "") -> Outcome:
    passed = measured + 1e-12 >= limit
    under = "" if passed else ", short by " + _text(limit - measured, unit)
    return Outcome(case_id, name, passed, _text(measured, unit) + " (at least " + _text(limit, unit) + under + ")" + where)


# ---------------------------------------------------------------- windows


def scaled_window(window: Any, scale: float) -> Optional[Window]:
    """A plan window {fromSeconds, toSeconds} times the time scale; None when absent."""
    if not isinstance(window, dict) or "fromSeconds" not in window or "toSeconds" not in window:
        return None
    return float(window["fromSeconds"]) * scale, float(window["toSeconds"]) * scale


def _where(window: Window) -> str:
    return " [" + fmt(window[0]) + "-" + fmt(window[1]) + " s]"


def _judged(series: Series, window: Window, ran_seconds: float) -> Tuple[Optional[Summary], str]:
    """The requests of a window, or why it cannot be judged: the test case stopped before the
    window ended, or no request started in it."""
    if ran_seconds + 1e-6 < window[1]:
        return None, "not judged: the test case ran " + fmt(ran_seconds) + " s, the window ends at " + fmt(window[1]) + " s"
    summary = series.window(window[0], window[1])
    if summary.count == 0:
        return None, "no request started in the window"
    return summary, ""


# ---------------------------------------------------------------- stress: breaking point and capacity

HOLD_STEP = re.compile(r"^hold step (\d+)$")


def hold_steps(case: Dict[str, Any], scale: float) -> List[Dict[str, Any]]:
    """The stages labelled `hold step N`: label, users and (scaled) window from the test case's start."""
    steps = []
    for start, end, stage in schedule.stage_windows(schedule.scaled_stages(case["stages"], scale)):
        if HOLD_STEP.match(str(stage[2])) and end > start:
            steps.append({"label": stage[2], "users": float(stage[1]), "from": start, "to": end})
    return steps


def measure_step(step: Dict[str, Any], series: Series) -> Dict[str, Any]:
    summary = series.window(step["from"], step["to"])
    return dict(step, count=summary.count, p95=summary.percentile(0.95), errorRate=summary.error_rate(), rps=summary.rate())


def breaking_point(measured: List[Dict[str, Any]], limits: Dict[str, Any]) -> Optional[Dict[str, Any]]:
    """The first step with p95 or errors over the breaking-point limits, or a throughput below
    (1 - throughputDrop) x (best rate per user so far x the step's users); None when none is."""
    best_per_user = 0.0
    for step in measured:
        reason = ""
        floor = (1 - limits["throughputDrop"]) * best_per_user * step["users"]
        if step["users"] > 0 and step["count"] == 0:
            reason = "no request started in the step was answered"
        elif step["p95"] > limits["p95Ms"]:
            reason = "p95 " + fmt(step["p95"]) + " ms > " + fmt(limits["p95Ms"]) + " ms"
        elif step["errorRate"] > limits["errorRate"]:
            reason = "error rate " + pct(step["errorRate"]) + " > " + pct(limits["errorRate"])
        elif best_per_user > 0 and step["rps"] < floor:
            reason = (
                "throughput " + fmt(step["rps"]) + " req/s < " + fmt(floor) + " req/s (" + pct(1 - limits["throughputDrop"])
                + " of the best " + fmt(best_per_user) + " req/s per user x " + fmt(step["users"]) + " users)"
            )
        if reason:
            return dict(step, reason=reason)
        if step["users"] > 0:
            best_per_user = max(best_per_user, step["rps"] / step["users"])
    return None


def capacity(measured: List[Dict[str, Any]]) -> Optional[Dict[str, Any]]:
    """The highest step throughput X, and the users at which the best rate per user reaches X (X / best rate per user)."""
    if not measured:
        return None
    top = max(measured, key=lambda step: step["rps"])
    rated = [step for step in measured if step["users"] > 0]
    if not rated:
        return None
    best = max(rated, key=lambda step: step["rps"] / step["users"])
    per_user = best["rps"] / best["users"]
    return {"rps": top["rps"], "at": top, "perUser": per_user, "perUserAt": best, "users": top["rps"] / per_user if per_user > 0 else 0.0}


class StressWatch:
    """Judges a stress test's hold steps while it runs, each once its requests have had time to
    answer (the breaking point's p95 limit, at most 10 s, after the step): at the breaking point
    in a step before the last, the run backs off to the recovery load (Timeline.back_off)."""

    def __init__(self, case: Dict[str, Any], scale: float) -> None:
        self.case = case
        self.limits = case.get("breakingPoint") or {}
        self.steps = hold_steps(case, scale)
        self.grace = min(10.0, max(0.0, float(self.limits.get("p95Ms", 0))) / 1000)
        self.measured: List[Dict[str, Any]] = []
        self.breaking: Optional[Dict[str, Any]] = None
        self.recovery_window: Optional[Window] = None

    def check(self, seconds: float, series: Series) -> bool:
        """Measures the steps due at `seconds` since the test case started; True when the breaking
        point was just found and later steps were still to come (time to back off)."""
        if not self.limits or self.breaking is not None:
            return False
        while len(self.measured) < len(self.steps) and seconds >= self.steps[len(self.measured)]["to"] + self.grace:
            self.measured.append(measure_step(self.steps[len(self.measured)], series))
            self.breaking = breaking_point(self.measured, self.limits)
            if self.breaking is not None:
                return bool(self.steps) and seconds < self.steps[-1]["to"]
        return False


def _stress_outcomes(case: Dict[str, Any], series: Series, scale: float, ran_seconds: float, watch: Optional[StressWatch]) -> List[Outcome]:
    case_id = case["id"]
    limits = case["breakingPoint"]
    if watch is not None and watch.breaking is not None:
        measured, breaking = watch.measured, watch.breaking
    else:
        measured = [measure_step(step, series) for step in hold_steps(case, scale) if ran_seconds + 1e-6 >= step["to"]]
        breaking = breaking_point(measured, limits)
    outcomes = []
    if not measured:
        outcomes.append(Outcome(case_id, "breaking point", True, "not judged: no hold step ran to its end", info=True))
        return outcomes
    if breaking is None:
        top = max(step["users"] for step in measured)
        outcomes.append(Outcome(case_id, "breaking point", True, "not reached in " + str(len(measured)) + " hold steps, up to " + fmt(top) + " users", info=True))
    else:
        detail = breaking["label"] + " at " + fmt(breaking["users"]) + " users" + _where((breaking["from"], breaking["to"])) + ": " + breaking["reason"]
        if watch is not None and watch.recovery_window is not None and case.get("recovery"):
            detail += "; backed off to " + fmt(case["recovery"]["users"]) + " users to judge recovery"
        outcomes.append(Outcome(case_id, "breaking point", True, detail, info=True))
    found = capacity(measured)
    if found is not None:
        outcomes.append(
            Outcome(
                case_id,
                "capacity",
                True,
                fmt(found["rps"]) + " req/s at most (" + found["at"]["label"] + ", " + fmt(found["at"]["users"]) + " users); at the best rate per user, "
                + fmt(found["perUser"]) + " req/s (" + found["perUserAt"]["label"] + "), that is " + fmt(found["users"]) + " users",
                info=True,
            )
        )
    return outcomes


# ---------------------------------------------------------------- success criteria


def evaluate_case(
    case: Dict[str, Any],
    series: Series,
    scale: float,
    ran_seconds: float,
    workflow_series: Optional[Series] = None,
    watch: Optional[StressWatch] = None,
) -> List[Outcome]:
    """The success criteria of one test case over what it sent in `ran_seconds` (windows scaled
    by the time scale; a stress test's recovery where it backed off, when `watch` did)."""
    case_id = case["id"]
    criteria = case["criteria"]
    kind = case["type"]
    if series.count() == 0:
        return [Outcome(case_id, "requests", False, "no request was sent")]
    outcomes: List[Outcome] = []

    latency = scaled_window(criteria.get("latencyWindow"), scale)
    if watch is not None and watch.recovery_window is not None:
        latency = watch.recovery_window
    window = latency or (0.0, ran_seconds)
    prefix = "recovery " if kind == "stress" else ""
    where = _where(window) if latency else ""
    error_limit = case["workflowCriteria"]["errorRate"] if case.get("workflowCriteria") else criteria["errorRate"]
    limits = [("p95", "p95Ms", "ms"), ("error rate", None, "%"), ("mean", "meanMs", "ms"), ("max", "maxMs", "ms")]
    summary, problem = _judged(series, window, ran_seconds) if latency else (series.window(0.0, float("inf")), "")
    for name, key, unit in limits:
        limit = error_limit if key is None else criteria.get(key)
        if limit is None:
            continue
        if summary is None:
            outcomes.append(Outcome(case_id, prefix + name, False, problem + where))
            continue
        measured = {"p95": summary.percentile(0.95), "error rate": summary.error_rate(), "mean": summary.mean(), "max": summary.max_ms}[name]
        outcomes.append(at_most(case_id, prefix + name, measured, float(limit), unit, where))

    if float(criteria.get("minThroughputRps") or 0) > 0:
        held = scaled_window(criteria.get("throughputWindow"), scale) or (0.0, schedule.stages_seconds(schedule.scaled_stages(case["stages"], scale)))
        if ran_seconds + 1e-6 < held[1]:
            outcomes.append(Outcome(case_id, "throughput", False, "not judged: the test case ran " + fmt(ran_seconds) + " s, the window ends at " + fmt(held[1]) + " s" + _where(held)))
        else:
            outcomes.append(at_least(case_id, "throughput", series.window(held[0], held[1]).rate(), float(criteria["minThroughputRps"]), "req/s", _where(held)))

    spike = case.get("spike")
    if kind == "spike" and spike:
        during = scaled_window(spike.get("spikeWindow"), scale)
        if during is not None:
            summary, problem = _judged(series, during, ran_seconds)
            name = "error rate during the spike"
            outcomes.append(Outcome(case_id, name, False, problem + _where(during)) if summary is None else at_most(case_id, name, summary.error_rate(), spike["errorRateDuringSpike"], "%", _where(during)))
        after = scaled_window(spike.get("recoveredWindow"), scale)
        if after is not None:
            summary, problem = _judged(series, after, ran_seconds)
            for name, limit, unit in (("p95 after recovery", criteria["p95Ms"], "ms"), ("error rate after recovery", criteria["errorRate"], "%")):
                if summary is None:
                    outcomes.append(Outcome(case_id, name, False, problem + _where(after)))
                else:
                    measured = summary.percentile(0.95) if unit == "ms" else summary.error_rate()
                    outcomes.append(at_most(case_id, name, measured, limit, unit, _where(after)))

    soak = case.get("soak")
    if kind == "soak" and soak:
        first_window = scaled_window(soak.get("firstWindow"), scale)
        last_window = scaled_window(soak.get("lastWindow"), scale)
        if first_window is not None and last_window is not None:
            first, first_problem = _judged(series, first_window, ran_seconds)
            last, last_problem = _judged(series, last_window, ran_seconds)
            names = ("p95 drift (last window vs first)", "error growth (last window vs first)")
            where = " [first " + fmt(first_window[0]) + "-" + fmt(first_window[1]) + " s, last " + fmt(last_window[0]) + "-" + fmt(last_window[1]) + " s]"
            if first is None or last is None:
                for name in names:
                    outcomes.append(Outcome(case_id, name, False, (first_problem or last_problem) + where))
            else:
                limit = first.percentile(0.95) * (1 + soak["maxP95Drift"])
                outcomes.append(at_most(case_id, names[0], last.percentile(0.95), limit, "ms", where))
                outcomes.append(at_most(case_id, names[1], max(0.0, last.error_rate() - first.error_rate()), soak["maxErrorRateGrowth"], "%", where))

    if kind == "stress" and case.get("breakingPoint"):
        outcomes.extend(_stress_outcomes(case, series, scale, ran_seconds, watch))

    if case.get("workflowCriteria") and workflow_series is not None:
        iterations = workflow_series.window(window[0], window[1]) if latency else workflow_series.window(0.0, float("inf"))
        wc = case["workflowCriteria"]
        if iterations.count:
            outcomes.append(at_least(case_id, "workflow completion", 1 - iterations.error_rate(), wc["completionRate"], "%"))
            outcomes.append(at_most(case_id, "mean workflow time", iterations.mean(), wc["meanWorkflowMs"], "ms"))
        else:
            outcomes.append(Outcome(case_id, "workflow completion", False, "no workflow iteration finished"))
    return outcomes
