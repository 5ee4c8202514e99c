"""Locust side of the perfplan locustfile: the base User and workflow TaskSet, the load shape
that runs the selected test cases one after another, the run-time options, and the hooks that
check the target and credentials at start, record every request per test case and judge the
success criteria when Locust quits."""

import itertools
import json
import logging
import os
import sys
import time
from typing import Any, Dict, List, Optional

import gevent
from gevent.lock import Semaphore
from gevent.queue import Channel, Full
from locust import FastHttpUser, HttpUser, LoadTestShape, SequentialTaskSet, TaskSet, constant, events
from locust.exception import RescheduleTaskImmediately

import perfplan_criteria as verdict
import perfplan_runtime as rt
import perfplan_schedule as schedule
from perfplan_plan import DEFAULT_BASE_URL, FEEDER_FILE, RUN_SEED, SERVERS, TEST_CASES, TEST_TYPES, TIME_SCALE, WORKFLOWS
from perfplan_requests import AUTH, REQUESTS

logger = logging.getLogger("perfplan")

# PERFPLAN_SMOKE=1: one user per test case runs each of its tasks (every operation, every
# workflow step) once, then the run ends; criteria are reported, only script errors fail it.
SMOKE = os.environ.get("PERFPLAN_SMOKE", "") not in ("", "0", "false", "no")
SMOKE_SECONDS = float(os.environ.get("PERFPLAN_SMOKE_SECONDS") or 120)
BASE_URL = (os.environ.get("BASE_URL") or DEFAULT_BASE_URL).rstrip("/")
# PERFPLAN_NAME_HEADER=X-Name: every request also carries its Locust name in that header (for proxies that check it).
NAME_HEADER = os.environ.get("PERFPLAN_NAME_HEADER") or ""
# PERFPLAN_HTTP_CLIENT=requests: HttpUser (python-requests: proxies, client certificates) instead of FastHttpUser.
HttpBase = HttpUser if os.environ.get("PERFPLAN_HTTP_CLIENT") == "requests" else FastHttpUser

WORKFLOW_REQUEST_TYPE = "WORKFLOW"

# Values that vary per iteration (PLAN.md, Data): the feeder's rows, and the iteration numbers of
# this process (every user's iterations count on one counter, so no two share a number). Several
# Locust processes (--processes, distributed workers) each count from 0: give each its own
# PERFPLAN_RUN_SEED, or they send the same values.
FEEDER = rt.read_feeder(os.path.join(os.path.dirname(os.path.abspath(__file__)), FEEDER_FILE)) if FEEDER_FILE else []
_ITERATIONS = itertools.count()


@events.init_command_line_parser.add_listener
def _add_options(parser: Any, **_: Any) -> None:
    parser.add_argument(
        "--perfplan-test-type",
        type=str,
        env_var="PERFPLAN_TEST_TYPE",
        default="",
        help="perfplan: the test type to run (" + ", ".join(TEST_TYPES) + "): its test cases one after another; each locust/<type>.conf sets it",
    )
    parser.add_argument(
        "--perfplan-test-case",
        type=str,
        env_var="PERFPLAN_TEST_CASE",
        default="",
        help="perfplan: run only this test case (its id in PLAN.md), from the start, by-name-only ones included",
    )
    parser.add_argument(
        "--perfplan-time-scale",
        type=str,
        env_var="TIME_SCALE",
        default="",
        help="perfplan: multiply every stage, start and judged window by this (default " + str(TIME_SCALE) + "; 0.05 = 20 times shorter); think time and latency limits do not scale",
    )


class _RunState:
    """What this Locust process runs and has measured: the timeline of the selected test cases,
    one clock (seconds since the shape's first tick), and each test case's requests by start time."""

    def __init__(self) -> None:
        self.timeline: Optional[schedule.Timeline] = None
        self.scale = 1.0
        self.classes: Dict[str, Any] = {}
        self.series: Dict[str, verdict.Series] = {}
        self.workflow_series: Dict[str, verdict.Series] = {}
        self.watches: Dict[str, verdict.StressWatch] = {}
        # Open-model test cases: their arrival schedules, the channel each hands arrivals to its
        # users through, and how many arrivals found no user free.
        self.arrivals: Dict[str, schedule.Arrivals] = {}
        self.channels: Dict[str, Channel] = {}
        self.dropped: Dict[str, int] = {}
        self.arrivals_started = False
        self.origin: Optional[float] = None
        self.smoke_users = 0
        # Users of a run whose test cases are all open-model: every pool at once (0: users follow the stages).
        self.open_pool = 0
        self.smoke_done = 0
        self.fatal = ""
        self.seed = RUN_SEED
        # The server under test: --host when given (Locust sends every request there), else BASE_URL.
        self.base_url = BASE_URL
        # Base URLs of the servers some operations have of their own, by variable (set at start).
        self.server_urls: Dict[str, str] = {}

    def select(self, timeline: schedule.Timeline, classes: Dict[str, Any]) -> None:
        self.timeline = timeline
        self.scale = timeline.scale
        self.classes = classes
        resolution = min(1.0, timeline.scale)
        cases = [entry["case"] for entry in timeline.entries]
        self.series = {case["id"]: verdict.Series(resolution) for case in cases}
        self.workflow_series = {case["id"]: verdict.Series(resolution) for case in cases if case.get("workflow")}
        self.watches = {case["id"]: verdict.StressWatch(case, timeline.scale) for case in cases if case["type"] == "stress" and case.get("breakingPoint")}
        self.arrivals = {
            entry["case"]["id"]: schedule.Arrivals(entry["stages"], float(entry["case"]["targetRps"]), float(entry["case"]["users"]))
            for entry in timeline.entries
            if entry["case"].get("targetRps") and entry["case"]["type"] != "workflow"
        }
        self.channels = {case_id: Channel() for case_id in self.arrivals}

    def start_clock(self, run_time: float) -> None:
        if self.origin is None:
            self.origin = time.perf_counter() - run_time

    def clock(self) -> float:
        return 0.0 if self.origin is None else time.perf_counter() - self.origin

    def start_arrivals(self) -> None:
        """Once the clock runs: for each open-model test case, a greenlet that hands out its arrivals."""
        if self.arrivals_started:
            return
        self.arrivals_started = True
        for case_id in self.arrivals:
            gevent.spawn(self._hand_out, case_id)

    def _hand_out(self, case_id: str) -> None:
        """Each arrival at its time to a user waiting for one (paced_arrivals); none waiting: dropped."""
        arrivals, channel = self.arrivals[case_id], self.channels[case_id]
        n = 1
        while True:
            at = arrivals.time_of(n)
            if at is None:
                return
            delay = self.case_start(case_id) + at - self.clock()
            if delay > 0:
                gevent.sleep(delay)
            try:
                channel.put_nowait(n)
            except Full:
                self.dropped[case_id] = self.dropped.get(case_id, 0) + 1
            n += 1

    def case_start(self, case_id: str) -> float:
        """Where a test case's seconds count from: its start in the timeline (smoke runs start every test case at 0)."""
        if SMOKE or self.timeline is None:
            return 0.0
        return self.timeline.start_of(self.timeline.index[case_id])


STATE = _RunState()


def paced_arrivals(user: Any) -> float:
    """Locust wait_time of open-model test cases: waits for the next arrival of the user's test
    case (perfplan_schedule.Arrivals, handed out by STATE), then the task sends at once; nobody
    thinks. Locust stops a user waiting here at once, and no arrival is lost with it."""
    channel = STATE.channels.get(user.perfplan_case)
    if channel is not None:
        channel.get()
    return 0.0


def _stop_at_start(message: str) -> None:
    """Ends the run before any request is sent: a usage or configuration problem (exit code 2)."""
    logger.error("perfplan: %s", message)
    sys.exit(2)


def _schemes_of(case: Dict[str, Any]) -> List[str]:
    names: List[str] = []
    for operation_id in case["operations"]:
        for scheme in REQUESTS[operation_id]["auth"]:
            if scheme not in names:
                names.append(scheme)
    return names


_TOKENS: Dict[str, str] = {}
_TOKEN_LOCK = Semaphore()


def _oauth2_token(scheme: str) -> str:
    """The scheme's access token: from its token variable, else fetched once for this process."""
    auth = AUTH[scheme]
    given = os.environ.get(auth["tokenEnv"])
    if given:
        return given
    with _TOKEN_LOCK:
        if scheme not in _TOKENS:
            import requests

            url, form, headers = rt.oauth2_token_request(auth, dict(os.environ), STATE.base_url)
            answer = requests.post(url, data=form, headers=headers, timeout=30)
            token = None
            try:
                token = answer.json().get("access_token")
            except ValueError:
                pass
            if answer.status_code != 200 or not isinstance(token, str):
                raise RuntimeError(
                    "OAuth2 token request for scheme " + scheme + " to " + url + " failed with status " + str(answer.status_code)
                    + "; set " + auth["tokenEnv"] + " to use a token obtained beforehand"
                )
            _TOKENS[scheme] = token
        return _TOKENS[scheme]


def _credential(scheme: str) -> Dict[str, Any]:
    import base64

    auth = AUTH[scheme]
    environ = dict(os.environ)
    if auth["type"] == "bearer":
        value = "Bearer " + rt.require_env(environ, auth["tokenEnv"])
    elif auth["type"] == "basic":
        pair = rt.require_env(environ, auth["usernameEnv"]) + ":" + rt.require_env(environ, auth["passwordEnv"])
        value = "Basic " + base64.b64encode(pair.encode("utf-8")).decode("ascii")
    elif auth["type"] == "apiKey":
        value = rt.require_env(environ, auth["valueEnv"])
    else:
        value = "Bearer " + _oauth2_token(scheme)
    return {"auth": auth, "value": value}


class PerfplanUser(HttpBase):
    """A virtual user of one test case: sends the plan's requests and checks their statuses."""

    abstract = True
    host = BASE_URL
    perfplan_case = ""

    def context(self) -> Dict[str, Any]:
        return {"perfplan_case": self.perfplan_case}

    def on_start(self) -> None:
        self.perfplan_iteration = -1
        self.perfplan_request = -1
        self.credentials: Dict[str, Any] = {}
        try:
            for scheme in _schemes_of(TEST_CASES[self.perfplan_case]):
                self.credentials[scheme] = _credential(scheme)
        except Exception as error:  # a credential that cannot be had stops the whole run
            STATE.fatal = str(error)
            logger.error("perfplan: %s", error)
            self.environment.process_exit_code = 1
            if self.environment.runner is not None:
                self.environment.runner.quit()
            raise
        self.workflow_run = WorkflowRun(self) if TEST_CASES[self.perfplan_case].get("workflow") else None
        # Locust runs a user's first task at once: an open-model user waits for its arrival first.
        if type(self).wait_time is paced_arrivals:
            paced_arrivals(self)

    def next_iteration(self) -> None:
        """Starts an iteration: a number no other iteration of this process has."""
        self.perfplan_iteration = next(_ITERATIONS)
        self.perfplan_request = -1

    def position(self) -> rt.Position:
        """Where the next request is: its iteration's number and feeder row, and its index in the iteration."""
        if self.perfplan_iteration < 0:
            self.next_iteration()
        self.perfplan_request += 1
        row = FEEDER[self.perfplan_iteration % len(FEEDER)] if FEEDER else None
        return rt.Position(STATE.seed, self.perfplan_iteration, row, self.perfplan_request)

    def send(
        self,
        operation_id: str,
        overrides: Optional[Dict[str, Any]] = None,
        extract: Optional[List[Dict[str, Any]]] = None,
        iteration: bool = True,
    ) -> Dict[str, Any]:
        """Sends one operation's request named after the operation, checks its status and takes
        the values `extract` names. A task's request is an iteration of its own (`iteration`); a
        workflow's steps share theirs. Returns {"passed", "values", "missing"} (missing: why a value is absent)."""
        op = REQUESTS[operation_id]
        if iteration:
            self.next_iteration()
        prepared = rt.prepare_request(op, overrides, self.credentials, self.position(), os.environ, STATE.server_urls)
        headers = dict(prepared.headers)
        if NAME_HEADER:
            headers[NAME_HEADER] = operation_id
        outcome: Dict[str, Any] = {"passed": False, "values": {}, "missing": ""}
        with self.client.request(prepared.method, prepared.url, name=operation_id, data=prepared.body, headers=headers, catch_response=True) as response:
            status = response.status_code or 0
            if not rt.status_ok(op["statuses"], status):
                error = getattr(response, "error", None)
                reason = " (" + str(error) + ")" if status == 0 and error else ""
                response.failure(operation_id + ": status " + str(status) + reason + ", expected " + rt.status_expectation(op["statuses"]))
                outcome["passed"] = False
            else:
                outcome["passed"] = True
            document: Any = None
            if extract and any(item["source"] == "response.body" for item in extract):
                try:
                    document = json.loads(response.content or b"null")
                except ValueError:
                    document = None
            for item in extract or []:
                found, value = rt.extract_value(item, status, getattr(response, "url", "") or prepared.url, response.headers, document, prepared)
                if not found:
                    outcome["missing"] = item["from"] + " gave no value for variable " + json.dumps(item["variable"]) + " (status " + str(status) + ")"
                    if outcome["passed"]:
                        response.failure(operation_id + ": " + outcome["missing"])
                    break
                outcome["values"][item["variable"]] = value
            if outcome["passed"] and not outcome["missing"]:
                response.success()
        return outcome


class WorkflowRun:
    """One user's walk through its workflow: values carried between steps and across
    iterations (steps with a weight below 1 skip some iterations)."""

    def __init__(self, user: PerfplanUser) -> None:
        self.user = user
        self.workflow = WORKFLOWS[TEST_CASES[user.perfplan_case]["workflow"]]
        self.values: Dict[str, Any] = {}
        self.iteration = -1
        self.started: Optional[float] = None
        self.complete = True

    def step(self, index: int, force: bool = False) -> None:
        """Runs step `index`; raises RescheduleTaskImmediately when it sends nothing (no think time)."""
        steps = self.workflow["steps"]
        step = steps[index]
        if index == 0:
            self.iteration += 1
            self.started = time.time()
            self.complete = True
            self.user.next_iteration()
        if self.started is None or not (force or rt.step_runs(step["weight"], self.iteration)):
            self._finish_if_last(index)
            raise RescheduleTaskImmediately()
        try:
            overrides = rt.injection_overrides(step, self.values, self.workflow["origins"])
        except rt.MissingValue as error:
            self._fail(str(error))
            raise RescheduleTaskImmediately()
        outcome = self.user.send(step["operationId"], overrides, step["extract"], iteration=False)
        self.values.update(outcome["values"])
        if outcome["missing"]:
            self._fail('step "' + step["id"] + '": ' + outcome["missing"])
            return
        self.complete = self.complete and outcome["passed"]
        self._finish_if_last(index)

    def _finish_if_last(self, index: int) -> None:
        if index == len(self.workflow["steps"]) - 1 and self.started is not None:
            self._report(None if self.complete else "a step got a status the spec does not document as success")

    def _fail(self, message: str) -> None:
        self._report(message)

    def _report(self, failure: Optional[str]) -> None:
        started, self.started = self.started, None
        self.user.environment.events.request.fire(
            request_type=WORKFLOW_REQUEST_TYPE,
            name=self.workflow["id"],
            response_time=(time.time() - (started or time.time())) * 1000,
            response_length=0,
            exception=None if failure is None else RuntimeError("workflow " + self.workflow["id"] + ": " + failure),
            context=self.user.context(),
        )


class PerfplanWorkflow(SequentialTaskSet):
    """The steps of a workflow, in order; each step method calls `self.step(index)`."""

    def step(self, index: int) -> None:
        self.user.workflow_run.step(index)


class PlanShape(LoadTestShape):
    """Runs the selected test cases one after another (perfplan_schedule.Timeline): only the
    running test case's User class has users, as many as its stages say a second ahead. A stress
    test past its breaking point backs off to its recovery load, holds it, then ends. When every
    test case is open-model, every pool is there from the start and the arrivals pace the load.
    Locust's -u, -r and -t are ignored: this shape sets the users and the run time."""

    abstract = True

    def tick(self) -> Optional[tuple]:
        timeline = STATE.timeline
        if timeline is None or STATE.fatal:
            return None
        STATE.start_clock(self.get_run_time())
        if not SMOKE:
            STATE.start_arrivals()
        now = STATE.clock()
        current = self.get_current_user_count()
        if SMOKE:
            if STATE.smoke_done >= STATE.smoke_users or now > SMOKE_SECONDS:
                return None
            return STATE.smoke_users, float(STATE.smoke_users)
        position = timeline.at(now)
        if position is None:
            return None
        if STATE.open_pool:
            return STATE.open_pool, float(min(100, STATE.open_pool))
        index, seconds = position
        if index is None:
            return 0, float(max(1, current))
        case = timeline.entries[index]["case"]
        _watch_stress(index, case, seconds)
        user_class = STATE.classes[case["id"]]
        # Users of an earlier test case still running (Locust keeps them when the classes change) go first.
        others = sum(count for name, count in (self.runner.user_classes_count or {}).items() if name != user_class.__name__)
        if others > 0:
            return 0, float(max(1, current)), [user_class]
        target = int(round(timeline.users(index, seconds + 1)))
        return target, float(max(1, abs(target - current))), [user_class]


def _watch_stress(index: int, case: Dict[str, Any], seconds: float) -> None:
    """Judges the stress test's finished hold steps; at its breaking point, backs off to the recovery load."""
    watch = STATE.watches.get(case["id"])
    if watch is None or STATE.timeline is None or not watch.check(seconds, STATE.series[case["id"]]):
        return
    breaking = watch.breaking or {}
    recovery = case.get("recovery")
    if recovery:
        watch.recovery_window = STATE.timeline.back_off(index, seconds, recovery)
        logger.warning(
            "perfplan: %s reached its breaking point in %s at %d users (%s); backing off to %d users for %s s to judge recovery",
            schedule.printable(case["id"]), breaking.get("label"), round(breaking.get("users", 0)), breaking.get("reason"), round(recovery["users"]),
            verdict.fmt(recovery["durationSeconds"] * STATE.scale),
        )
    else:
        STATE.timeline.back_off(index, seconds, {"users": 0, "durationSeconds": 0})
        logger.warning("perfplan: %s reached its breaking point in %s (%s); it ends here", schedule.printable(case["id"]), breaking.get("label"), breaking.get("reason"))


def _smoke_task(user: PerfplanUser) -> None:
    """Smoke mode's only task: every task of the user's class once, in order, then idle."""
    try:
        for task in user._perfplan_tasks:
            try:
                if isinstance(task, type) and issubclass(task, TaskSet):
                    for index in range(len(user.workflow_run.workflow["steps"])):
                        try:
                            user.workflow_run.step(index, force=True)
                        except RescheduleTaskImmediately:
                            pass
                else:
                    task(user)
            except RescheduleTaskImmediately:
                pass
            except Exception as error:
                user.environment.events.user_error.fire(user_instance=user, exception=error, tb=error.__traceback__)
    finally:
        STATE.smoke_done += 1
    while True:
        gevent.sleep(60)


def _unique(items: List[Any]) -> List[Any]:
    seen: List[Any] = []
    for item in items:
        if item not in seen:
            seen.append(item)
    return seen


def _select(environment: Any) -> None:
    """What this run starts, checked before anything is sent; a problem stops the run (exit code 2)."""
    options = environment.parsed_options
    scale = schedule.parse_time_scale(getattr(options, "perfplan_time_scale", ""), TIME_SCALE)
    available = {cls.perfplan_case: cls for cls in environment.user_classes if getattr(cls, "perfplan_case", "") in TEST_CASES}
    named = list(getattr(options, "user_classes", None) or [])
    case_id = (getattr(options, "perfplan_test_case", "") or "").strip()
    test_type = (getattr(options, "perfplan_test_type", "") or "").strip()
    cases, by_name = schedule.select_cases(list(TEST_CASES.values()), list(TEST_TYPES), test_type, case_id, list(available) if named else None)
    missing = [case["id"] for case in cases if case["id"] not in available]
    if missing:
        raise schedule.StartProblem("test case " + schedule.shown(missing[0]) + " has no User class among those named on the command line (" + ", ".join(named) + ")")
    chosen = bool(os.environ.get("BASE_URL")) or bool(getattr(options, "host", None))
    problem = schedule.base_url_problem(cases, chosen, DEFAULT_BASE_URL)
    if problem:
        raise schedule.StartProblem(problem)
    schemes = _unique([scheme for case in cases for scheme in _schemes_of(case)])
    unset = rt.missing_variables([AUTH[scheme] for scheme in schemes], dict(os.environ))
    if unset:
        raise schedule.StartProblem("environment variable" + ("s" if len(unset) > 1 else "") + " not set: " + ", ".join(unset) + " (credentials of the selected test cases)")
    try:
        STATE.seed = rt.parse_run_seed(os.environ.get("PERFPLAN_RUN_SEED"), RUN_SEED)
    except ValueError as error:
        raise schedule.StartProblem(str(error))
    STATE.base_url = (getattr(environment, "host", None) or BASE_URL).rstrip("/")
    servers = rt.server_problems([need for case in cases for need in case.get("servers") or []], SERVERS, dict(os.environ), STATE.base_url)
    if servers:
        raise schedule.StartProblem(" ".join(servers))
    STATE.server_urls = {env: rt.server_url(server, os.environ.get(env), STATE.base_url) for env, server in SERVERS.items()}
    refused = rt.refused_token_urls([AUTH[scheme] for scheme in schemes], dict(os.environ), STATE.base_url)
    if refused:
        raise schedule.StartProblem(" ".join(refused))
    classes = {case["id"]: available[case["id"]] for case in cases}
    environment.user_classes[:] = list(classes.values())
    STATE.select(schedule.Timeline(cases, by_name, scale), classes)
    if any(getattr(options, name, None) for name in ("num_users", "spawn_rate", "run_time")):
        logger.warning("perfplan: -u, -r and -t are ignored: the plan's load shape sets the users and the run time (shorten it with TIME_SCALE=0.05 or --perfplan-time-scale 0.05)")


@events.init.add_listener
def _on_init(environment: Any, **_: Any) -> None:
    try:
        _select(environment)
    except schedule.StartProblem as problem:
        _stop_at_start(str(problem))
    classes = list(STATE.classes.values())
    if SMOKE:
        for cls in classes:
            cls.fixed_count = 1
            cls.wait_time = constant(0)
            cls._perfplan_tasks = _unique(list(cls.tasks))
            cls.tasks = [_smoke_task]
        STATE.smoke_users = len(classes)
    elif classes and all(case_id in STATE.arrivals for case_id in STATE.classes):
        # Every test case is open-model: each keeps its pool of users from the start of the run
        # (as k6 allocates an arrival-rate scenario's VUs before it starts), idle until its
        # arrivals begin. The shape's one-second ticks then never make a test case's users late
        # or gone before its last arrival, and no test case waits for another's users to stop.
        for cls in classes:
            cls.fixed_count = max(1, int(TEST_CASES[cls.perfplan_case]["users"]))
        STATE.open_pool = sum(cls.fixed_count for cls in classes)
    timeline = STATE.timeline
    assert timeline is not None
    logger.info(
        "perfplan: %d test case(s)%s, time scale %s, %s: %s",
        len(classes),
        " (smoke run)" if SMOKE else "",
        "%g" % STATE.scale,
        "about " + verdict.fmt(timeline.end()) + " s" if not SMOKE else "each task once",
        ", ".join(schedule.printable(entry["case"]["id"]) for entry in timeline.entries),
    )


@events.test_start.add_listener
def _on_test_start(**_: Any) -> None:
    STATE.start_clock(0.0)


@events.request.add_listener
def _on_request(request_type: str, response_time: float, exception: Any = None, context: Optional[Dict[str, Any]] = None, **_: Any) -> None:
    case_id = (context or {}).get("perfplan_case")
    if case_id is None:
        return
    target = STATE.workflow_series if request_type == WORKFLOW_REQUEST_TYPE else STATE.series
    series = target.get(case_id)
    if series is not None:
        # Locust reports a request when it ends: file it under the time it started.
        started = STATE.clock() - (response_time or 0.0) / 1000 - STATE.case_start(case_id)
        series.add(started, response_time or 0.0, exception is not None)


@events.quitting.add_listener
def _on_quitting(environment: Any, **_: Any) -> None:
    timeline = STATE.timeline
    if timeline is None:
        return
    now = STATE.clock()
    outcomes: List[verdict.Outcome] = []
    for index, entry in enumerate(timeline.entries):
        case = entry["case"]
        ran = now if SMOKE else timeline.ran_seconds(index, now)
        outcomes.extend(verdict.evaluate_case(case, STATE.series[case["id"]], STATE.scale, ran, STATE.workflow_series.get(case["id"]), STATE.watches.get(case["id"])))
    judged = [outcome for outcome in outcomes if not outcome.info]
    failed = [outcome for outcome in judged if not outcome.passed]
    runner = environment.runner
    script_errors = len(getattr(runner, "exceptions", {}) or {}) if runner is not None else 0
    prefix = "perfplan (smoke run, criteria not counted): " if SMOKE else "perfplan: "
    for outcome in outcomes:
        (logger.info if outcome.passed or SMOKE else logger.error)("%s%s", prefix, outcome.line())
    if STATE.fatal:
        code = 1
    elif SMOKE:
        code = 1 if script_errors else 0
    else:
        code = 1 if failed or script_errors else 0
    if script_errors:
        logger.error("perfplan: %d distinct script error(s) (exceptions in tasks)", script_errors)
    for case_id, dropped in STATE.dropped.items():
        logger.info("perfplan: %s: %d arrivals found every user busy and were not sent", schedule.printable(case_id), dropped)
    summary = "%d of %d criteria failed" % (len(failed), len(judged))
    (logger.error if code else logger.info)("perfplan: %s; exit code %d", summary, code)
    report_file = os.environ.get("PERFPLAN_CRITERIA_FILE")
    if report_file:
        with open(report_file, "w", encoding="utf-8") as handle:
            json.dump(
                {
                    "smoke": SMOKE,
                    "exitCode": code,
                    "scriptErrors": script_errors,
                    "fatal": STATE.fatal,
                    "timeScale": STATE.scale,
                    "testCases": [entry["case"]["id"] for entry in timeline.entries],
                    "criteria": [outcome.as_dict() for outcome in outcomes],
                },
                handle,
                indent=2,
            )
    environment.process_exit_code = code
