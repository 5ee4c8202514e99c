"""Pure helpers of the perfplan locustfile: request building (OpenAPI parameter styles, bodies),
JSON pointers, credentials and workflow values (perfplan_schedule.py says when and with how many
users, perfplan_criteria.py judges). Nothing here imports Locust, so it runs (and is tested) with
a plain python3; perfplan_locust.py wires it into Locust."""

import base64
import csv
import json
import math
import re
from typing import Any, Dict, List, Optional, Tuple
from urllib.parse import quote

MULTIPART_BOUNDARY = "perfplan-form-boundary-9d2f81c4"

# OpenAPI: header parameters with these names are ignored; the request defines them.
OWN_HEADERS = ("accept", "content-type", "authorization")


class MissingValue(Exception):
    """A workflow value a request needs is not there: the iteration fails with this message."""


# ---------------------------------------------------------------- values and encoding


def text_of(value: Any) -> str:
    """Strings as they are, numbers and booleans as JSON prints them, null empty, structures as JSON."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def json_text(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def encode(text: str) -> str:
    """Percent-encodes like JavaScript's encodeURIComponent."""
    return quote(text, safe="-_.!~*'()")


def encode_path_literal(text: str) -> str:
    """Percent-encodes literal path text like encodeURI, with ? and # encoded too."""
    return quote(text, safe=";,/:@&=+$-_.!~*'()")


def is_file(value: Any) -> bool:
    """The plan's {"$file": {name, contentType, content}} marker of a file's content."""
    return isinstance(value, dict) and isinstance(value.get("$file"), dict) and isinstance(value["$file"].get("content"), str)


def file_bytes(value: Any) -> bytes:
    """A file's bytes: its content, decoded when the plan wrote it in base64 (a body that is not text, such as CBOR)."""
    content = value["$file"]["content"]
    if value["$file"].get("contentEncoding") == "base64":
        return base64.b64decode(content)
    return content.encode("utf-8")


def path_text(name: str, value: Any, style: str, explode: bool) -> str:
    """A path parameter per OpenAPI style (simple, label, matrix) and explode."""

    def listed(separator: str, pairs: bool) -> str:
        if isinstance(value, list):
            return separator.join(encode(text_of(item)) for item in value)
        if isinstance(value, dict):
            if pairs:
                return separator.join(encode(key) + "=" + encode(text_of(item)) for key, item in value.items())
            return separator.join(encode(key) + "," + encode(text_of(item)) for key, item in value.items())
        return encode(text_of(value))

    composite = isinstance(value, (list, dict))
    if style == "label":
        return "." + listed("." if explode else ",", explode)
    if style == "matrix":
        if explode and isinstance(value, list):
            return "".join(";" + encode(name) + "=" + encode(text_of(item)) for item in value)
        if explode and isinstance(value, dict):
            return ";" + listed(";", True)
        return ";" + encode(name) + "=" + (listed(",", False) if composite else encode(text_of(value)))
    return listed(",", explode)


def _encode_key(key: str) -> str:
    return encode(key).replace("%5B", "[").replace("%5D", "]")


def deep_object_pairs(prefix: str, value: Any) -> List[str]:
    """deepObject: nested objects as a[b][c]=v and arrays with indexes, a[0]=x (as Stripe and Prism read them)."""
    if isinstance(value, list):
        entries = [(str(index), item) for index, item in enumerate(value)]
    elif isinstance(value, dict):
        entries = list(value.items())
    else:
        return [_encode_key(prefix) + "=" + encode(text_of(value))]
    pairs: List[str] = []
    for key, item in entries:
        pairs.extend(deep_object_pairs(prefix + "[" + key + "]", item))
    return pairs


def query_pairs(name: str, value: Any, style: str, explode: bool) -> List[str]:
    """name=value pairs, percent-encoded, per OpenAPI style (form, spaceDelimited, pipeDelimited, deepObject)."""
    key = encode(name)
    if style == "deepObject" and isinstance(value, (dict, list)):
        return deep_object_pairs(name, value)
    delimiter = "%20" if style == "spaceDelimited" else "%7C" if style == "pipeDelimited" else ","
    if isinstance(value, list):
        if not value:
            return []
        items = [encode(text_of(item)) for item in value]
        if explode:
            return [key + "=" + item for item in items]
        return [key + "=" + delimiter.join(items)]
    if isinstance(value, dict):
        if explode:
            return [encode(prop) + "=" + encode(text_of(item)) for prop, item in value.items()]
        return [key + "=" + delimiter.join(encode(prop) + delimiter + encode(text_of(item)) for prop, item in value.items())]
    return [key + "=" + encode(text_of(value))]


def header_text(value: Any, explode: bool) -> str:
    """A header value (simple style); control characters become spaces."""
    if isinstance(value, list):
        text = ",".join(text_of(item) for item in value)
    elif isinstance(value, dict):
        text = ",".join((key + "=" if explode else key + ",") + text_of(item) for key, item in value.items())
    else:
        text = text_of(value)
    return re.sub(r"[\x00-\x1f\x7f]+", " ", text)


def form_urlencoded(fields: Any, encodings: Optional[Dict[str, Any]] = None) -> str:
    """An application/x-www-form-urlencoded body. A field whose encoding gives style or explode is
    written like a query parameter of that style (deepObject nests); otherwise primitives as text,
    arrays one pair per item, objects and JSON-typed fields as JSON text."""
    if not isinstance(fields, dict):
        return encode(text_of(fields))
    encodings = encodings or {}
    pairs: List[str] = []
    for name, raw in fields.items():
        value = raw["$file"]["content"] if is_file(raw) else raw
        field = encodings.get(name) or {}
        if "style" in field or "explode" in field:
            style = field.get("style") or "form"
            explode = field["explode"] if "explode" in field else style == "form"
            pairs.extend(query_pairs(name, value, style, explode))
        elif "json" in str(field.get("contentType", "")).lower():
            pairs.append(encode(name) + "=" + encode(json_text(value)))
        else:
            for item in value if isinstance(value, list) else [value]:
                pairs.append(encode(name) + "=" + encode(text_of(item)))
    return "&".join(pairs).replace("%20", "+")


def _part_header_text(text: str) -> str:
    return text.replace('"', "%22").replace("\r", " ").replace("\n", " ")


def multipart_body(fields: Any, encodings: Optional[Dict[str, Any]] = None) -> Tuple[bytes, str]:
    """A multipart/form-data body and its Content-Type: files from $file markers (with their name
    and type), arrays as one part per item, objects and JSON-typed fields as JSON parts."""
    record = fields if isinstance(fields, dict) else {"value": fields}
    encodings = encodings or {}
    chunks: List[bytes] = []
    for name, value in record.items():
        content_type = (encodings.get(name) or {}).get("contentType")
        if isinstance(content_type, str):
            content_type = content_type.split(",")[0].strip()
        json_typed = isinstance(content_type, str) and "json" in content_type.lower()
        items = value if isinstance(value, list) and not json_typed else [value]
        for item in items:
            disposition = 'form-data; name="' + _part_header_text(name) + '"'
            if is_file(item):
                marker = item["$file"]
                disposition += '; filename="' + _part_header_text(str(marker.get("name") or "file")) + '"'
                part_type = content_type or marker.get("contentType") or "application/octet-stream"
                payload = marker["content"]
            elif json_typed or isinstance(item, (dict, list)):
                part_type = content_type or "application/json"
                payload = json_text(item)
            else:
                part_type = content_type
                payload = text_of(item)
            head = "--" + MULTIPART_BOUNDARY + "\r\nContent-Disposition: " + disposition + "\r\n"
            if part_type:
                head += "Content-Type: " + _part_header_text(part_type) + "\r\n"
            chunks.append((head + "\r\n").encode("utf-8") + payload.encode("utf-8") + b"\r\n")
    chunks.append(("--" + MULTIPART_BOUNDARY + "--\r\n").encode("utf-8"))
    return b"".join(chunks), "multipart/form-data; boundary=" + MULTIPART_BOUNDARY


_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_XML_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;", "\r": "&#xd;", "\n": "&#xa;", "\t": "&#x9;"}


def xml_escape(text: str) -> str:
    """Text or attribute content for XML 1.0: markup escaped, characters XML cannot carry as U+FFFD."""
    return re.sub(r"[&<>\"'\r\n\t]", lambda match: _XML_ESCAPES[match.group(0)], _XML_INVALID.sub("\ufffd", text))


def xml_name(text: str) -> str:
    """An XML name resembling `text` (`_` for what a name cannot hold; a name cannot start with `xml`)."""
    name = re.sub("[^A-Za-z0-9_.\u00c0-\ud7ff\ue000-\ufffd-]+", "_", text)
    if name == "":
        return "_"
    return name if re.match("[A-Za-z_\u00c0-\ud7ff\ue000-\ufffd]", name) and not name.lower().startswith("xml") else "_" + name


def _xml_qualified(node: Dict[str, Any]) -> str:
    return xml_name(node["prefix"]) + ":" + xml_name(node["name"]) if node.get("prefix") else xml_name(node["name"])


def _xml_namespace(node: Dict[str, Any]) -> str:
    if "namespace" not in node:
        return ""
    return " " + ("xmlns:" + xml_name(node["prefix"]) if node.get("prefix") else "xmlns") + '="' + xml_escape(node["namespace"]) + '"'


def _xml_element(node: Dict[str, Any], value: Any, depth: int) -> str:
    tag = _xml_qualified(node)
    if isinstance(value, list):
        inner = "".join(_xml_element(node.get("items") or {"name": node["name"]}, item, depth + 1) for item in value)
        return "<" + tag + _xml_namespace(node) + ">" + inner + "</" + tag + ">" if node.get("wrapped") is True else inner
    if value is None:
        return "<" + tag + _xml_namespace(node) + "/>"
    if not isinstance(value, dict) or depth > 64:
        return "<" + tag + _xml_namespace(node) + ">" + xml_escape(text_of(value)) + "</" + tag + ">"
    attributes = _xml_namespace(node)
    children = ""
    for key, child in value.items():
        shape = (node.get("properties") or {}).get(key) or {"name": key}
        if shape.get("attribute") is True and not isinstance(child, (dict, list)):
            attributes += " " + _xml_qualified(shape) + '="' + xml_escape(text_of(child)) + '"'
        else:
            children += _xml_element(shape, child, depth + 1)
    return "<" + tag + attributes + "/>" if children == "" else "<" + tag + attributes + ">" + children + "</" + tag + ">"


def xml_body(value: Any, shape: Optional[Dict[str, Any]]) -> str:
    """An XML body from the value and the spec's XML Objects (element and attribute names, wrapped
    arrays, namespaces), as perfplan/plugin's wire form writes it."""
    root = shape or {"name": "root"}
    element = _xml_element(dict(root, wrapped=True), value, 0) if isinstance(value, list) else _xml_element(root, value, 0)
    return '<?xml version="1.0" encoding="UTF-8"?>' + element


# ---------------------------------------------------------------- JSON pointers


def read_pointer(document: Any, tokens: List[str]) -> Tuple[bool, Any]:
    """The value at a JSON pointer given as unescaped reference tokens (RFC 6901): (found, value)."""
    current = document
    for token in tokens:
        if isinstance(current, list) and re.fullmatch(r"0|[1-9][0-9]*", token) and int(token) < len(current):
            current = current[int(token)]
        elif isinstance(current, dict) and token in current:
            current = current[token]
        else:
            return False, None
    return True, current


def write_pointers(document: Any, writes: List[Tuple[List[str], Any]]) -> Any:
    """A copy of `document` with each value written at its pointer; missing objects are created."""
    if not writes:
        return document
    root = {} if document is None else json.loads(json.dumps(document))
    for tokens, value in writes:
        if not tokens:
            root = value
            continue
        if not isinstance(root, (dict, list)):
            root = {}
        parent = root
        for index, token in enumerate(tokens):
            last = index == len(tokens) - 1
            if isinstance(parent, list):
                if token == "-":
                    parent.append(None)
                    key: Any = len(parent) - 1
                elif re.fullmatch(r"0|[1-9][0-9]*", token) and int(token) < len(parent):
                    key = int(token)
                else:
                    break
            else:
                key = token
            if last:
                parent[key] = value
            else:
                if not isinstance(parent[key] if isinstance(parent, list) else parent.get(key), (dict, list)):
                    parent[key] = {}
                parent = parent[key]
    return root


# ---------------------------------------------------------------- credentials


def require_env(environ: Dict[str, str], name: str) -> str:
    value = environ.get(name)
    if value is None or value == "":
        raise MissingValue("Environment variable " + name + " is not set")
    return value


def auth_variables(auth: Dict[str, Any], environ: Dict[str, str]) -> List[str]:
    """The environment variables a scheme needs: an OAuth2 scheme whose token variable is set needs nothing else."""
    kind = auth["type"]
    if kind == "bearer":
        return [auth["tokenEnv"]]
    if kind == "basic":
        return [auth["usernameEnv"], auth["passwordEnv"]]
    if kind == "apiKey":
        return [auth["valueEnv"]]
    if environ.get(auth["tokenEnv"]):
        return []
    names = [auth["clientIdEnv"], auth["clientSecretEnv"]]
    if kind == "oauth2-password":
        names += [auth["usernameEnv"], auth["passwordEnv"]]
    return names


def missing_variables(auths: List[Dict[str, Any]], environ: Dict[str, str]) -> List[str]:
    names = set()
    for auth in auths:
        names.update(name for name in auth_variables(auth, environ) if not environ.get(name))
    return sorted(names)


def origin_of(url: str) -> Optional[str]:
    """Scheme, host and port of an absolute URL, lower-cased, the default port written out; None
    when it has none or its authority holds anything but a host and port (a user name, a
    backslash...), which HTTP clients read in different ways: such a URL is never taken as ours."""
    match = re.match(r"([a-z][a-z0-9+.-]*)://([^/?#]*)", url, re.I)
    if match is None:
        return None
    host_port = re.fullmatch(r"(\[[0-9a-f:.]+\]|[a-z0-9._-]+)(?::([0-9]*))?", match.group(2), re.I)
    if host_port is None:
        return None
    scheme = match.group(1).lower()
    port = host_port.group(2) or {"https": "443", "http": "80"}.get(scheme, "")
    return scheme + "://" + host_port.group(1).lower() + ":" + port


def resolve_token_url(url: str, base_url: str) -> str:
    """A token URL against the base URL: an absolute one as it is, //host/... with the base's scheme, any other below the base URL."""
    if re.match(r"[a-z][a-z0-9+.-]*:", url, re.I):
        return url
    if url.startswith("//"):
        scheme = re.match(r"[a-z][a-z0-9+.-]*:", base_url, re.I)
        return (scheme.group(0) if scheme else "https:") + url
    return base_url + ("" if url.startswith("/") else "/") + url


def server_url(server: Dict[str, Any], given: Optional[str], base_url: str) -> str:
    """The base URL of an operation's own server (perfplan_plan.SERVERS): its variable when set,
    else the spec's URL (a relative one on base_url's scheme, host and port)."""
    if given:
        return given.rstrip("/")
    if server.get("relative"):
        match = re.match(r"[a-z][a-z0-9+.-]*://[^/?#]*", base_url, re.I)
        return (match.group(0) if match else "") + server["url"]
    return server["url"]


def server_problems(needs: List[Dict[str, Any]], servers: Dict[str, Dict[str, Any]], environ: Dict[str, str], base_url: str) -> List[str]:
    """Why the selected test cases may not start with their servers' variables as they are: a
    server whose spec default they may not use (requiresChosen), or one their requests carry
    credentials to when its default is not on base_url's scheme, host and port (credentials go
    only to hosts the user named). Empty when they may."""
    problems: List[str] = []
    for env in sorted({need["env"] for need in needs}):
        server = servers.get(env)
        if server is None or environ.get(env):
            continue
        mine = [need for need in needs if need["env"] == env]
        if any(need.get("requiresChosen") for need in mine):
            problems.append(
                env + " is not set: these test cases never run against the spec's server " + server["url"]
                + " by default (only a loopback address, and never in stress, spike and soak tests). Set " + env + "=https://your-test-server"
            )
        elif any(need.get("credentials") for need in mine) and not server.get("relative") and origin_of(server["url"]) != origin_of(base_url):
            problems.append(
                env + " is not set: requests with credentials go to its default " + server["url"] + ", which is not on the base URL's scheme, host and port ("
                + (origin_of(base_url) or base_url) + "); credentials go only to hosts you name. Set " + env + "=..."
            )
    return problems


def token_url(auth: Dict[str, Any], environ: Dict[str, str], base_url: str) -> Tuple[Optional[str], str]:
    """Where an OAuth2 scheme's token request goes, as (url, ""), or (None, why not). Credentials go
    only to hosts the user named: the URL in the scheme's token URL variable when set; else the
    spec's token URL when it is relative (taken below the base URL) or has the same scheme, host and
    port as the base URL; else nowhere, and the reason says which variable to set."""
    given = environ.get(auth["tokenUrlEnv"])
    if given:
        return resolve_token_url(given, base_url), ""
    url = resolve_token_url(auth["tokenUrl"], base_url)
    if not re.match(r"([a-z][a-z0-9+.-]*:|//)", auth["tokenUrl"], re.I):
        return url, ""
    origin = origin_of(url)
    if origin is not None and origin == origin_of(base_url):
        return url, ""
    return None, (
        "OAuth2 scheme " + json.dumps(auth["scheme"]) + ": the spec's token URL is on " + (origin or "another host")
        + ", not on the server under test (" + (origin_of(base_url) or base_url) + "); the client secret goes only to hosts you name. Set "
        + auth["tokenUrlEnv"] + " to the token endpoint (" + auth["tokenUrlEnv"] + "=... locust ...), or "
        + auth["tokenEnv"] + " to a token obtained beforehand."
    )


class TokenUrlRefused(Exception):
    """The token URL of an OAuth2 scheme is on a host the user did not name (see token_url)."""


def oauth2_token_request(auth: Dict[str, Any], environ: Dict[str, str], base_url: str) -> Tuple[str, str, Dict[str, str]]:
    """URL, form body and headers of an OAuth2 token request (client authenticated with HTTP basic,
    RFC 6749 2.3.1). Raises TokenUrlRefused, before anything is sent, when token_url refuses."""
    url, refused = token_url(auth, environ, base_url)
    if url is None:
        raise TokenUrlRefused(refused)
    form = ["grant_type=" + ("password" if auth["type"] == "oauth2-password" else "client_credentials")]
    if auth["type"] == "oauth2-password":
        form.append("username=" + encode(require_env(environ, auth["usernameEnv"])))
        form.append("password=" + encode(require_env(environ, auth["passwordEnv"])))
    if auth.get("scopes"):
        form.append("scope=" + encode(" ".join(auth["scopes"])))
    client = encode(require_env(environ, auth["clientIdEnv"])) + ":" + encode(require_env(environ, auth["clientSecretEnv"]))
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Authorization": "Basic " + base64.b64encode(client.encode("utf-8")).decode("ascii"),
    }
    return url, "&".join(form), headers


def refused_token_urls(auths: List[Dict[str, Any]], environ: Dict[str, str], base_url: str) -> List[str]:
    """Why each OAuth2 scheme that would request a token (no token given) may not: for the start of a run."""
    reasons = []
    for auth in auths:
        if auth["type"] in ("oauth2-client-credentials", "oauth2-password") and not environ.get(auth["tokenEnv"]):
            url, refused = token_url(auth, environ, base_url)
            if url is None:
                reasons.append(refused)
    return reasons


# ---------------------------------------------------------------- values that vary
# The same arithmetic as perfplan's reference (src/data/variations/varied-values.ts) and the k6
# and JMeter runtimes: the same seed and counter give the same value in every engine.

MAX_RUN_SEED = 4294967295


def parse_run_seed(text: Optional[str], planned: int) -> int:
    """The run seed: PERFPLAN_RUN_SEED (1 to 10 digits, below 2^32), else the plan's; ValueError otherwise."""
    if text is None or text == "":
        return planned
    trimmed = text.strip()
    if not re.fullmatch(r"[0-9]{1,10}", trimmed) or int(trimmed) > MAX_RUN_SEED:
        raise ValueError(
            "PERFPLAN_RUN_SEED must be a whole number from 0 to 4294967295 (got " + json.dumps(text)
            + "): set PERFPLAN_RUN_SEED=2, or leave it unset for " + str(planned)
        )
    return int(trimmed)


def mix32(value: int) -> int:
    """A fixed 32-bit mixing function (xor-shift-multiply)."""
    x = value & 0xFFFFFFFF
    x ^= x >> 16
    x = (x * 0x7FEB352D) & 0xFFFFFFFF
    x ^= x >> 15
    x = (x * 0x846CA68B) & 0xFFFFFFFF
    x ^= x >> 16
    return x


def _hex(value: int, digits: int) -> str:
    return ("%08x" % (value & 0xFFFFFFFF))[8 - digits:]


def varied_uuid(seed: int, counter: int) -> str:
    """A version-4-shaped UUID from the seed and a counter below 2^48 (its last 48 bits, masked)."""
    s = mix32(seed)
    low = counter % 4294967296
    high = (counter // 4294967296) % 65536
    a = mix32(s + low)
    b = mix32(a ^ high ^ 0x9E3779B9)
    c = mix32(b + 0x85EBCA6B)
    tail_low = low ^ mix32(s ^ 0xC2B2AE35)
    tail_high = (high ^ (mix32(s ^ 0x27D4EB2F) & 0xFFFF)) & 0xFFFF
    return (
        _hex(a, 8) + "-" + _hex(b >> 16, 4) + "-4" + _hex(b & 0xFFF, 3) + "-" + _hex(8 | (c >> 30), 1)
        + _hex(c & 0xFFF, 3) + "-" + _hex(tail_high, 4) + _hex(tail_low, 8)
    )


def _base36(value: int, width: int) -> str:
    digits = ""
    while value > 0:
        value, rest = divmod(value, 36)
        digits = "0123456789abcdefghijklmnopqrstuvwxyz"[rest] + digits
    return digits.rjust(width, "0")


class Position:
    """Where a request is in the run: the seed, n (unique across the run's users), the feeder
    row (n mod rows) and r (the request's index within its iteration)."""

    def __init__(self, seed: int, iteration: int, row: Optional[Dict[str, str]], request: int) -> None:
        self.seed = seed
        self.iteration = iteration
        self.row = row
        self.request = request


def varied_value(v: Dict[str, Any], current: Any, at: Position, environ: Dict[str, str]) -> Any:
    """The value of one variation (a RequestTemplate.variations entry), given the value the request
    would otherwise send there."""
    lane = v.get("lane")
    counter = at.iteration if lane is None else at.iteration * lane["of"] + lane["index"]
    mixed = mix32(at.seed)
    kind = v["kind"]
    if kind == "integer":
        return v["min"] + v["step"] * ((mixed + counter) % v["count"])
    if kind in ("string", "email"):
        fed = at.row.get(v.get("column") or "") if at.row is not None else None
        base = fed if isinstance(fed, str) else current if isinstance(current, str) else ""
        suffix = "-" + _base36((mixed + counter) % (36 ** v["width"]), v["width"])
        cut = base.rfind("@") if kind == "email" else -1
        return base + suffix if cut < 0 else base[:cut] + suffix + base[cut:]
    if kind == "uuid":
        return varied_uuid(at.seed, counter)
    if kind == "request-key":
        return varied_uuid(at.seed, at.iteration * 65536 + (at.request % 65536))
    if kind == "credential":
        given = environ.get(v.get("env") or "")
        return given if given else current
    if kind == "file":
        if not is_file(current):
            return current
        unit = current["$file"]["content"] or "."
        size = v["bytes"]
        content = (unit * (size // len(unit) + 1))[:size]
        return {"$file": dict(current["$file"], content=content)}
    return current


def read_feeder(path: str) -> List[Dict[str, str]]:
    """The feeder's rows (a CSV file with a header line), or [] when there is none."""
    try:
        with open(path, newline="", encoding="utf-8") as handle:
            return [dict(row) for row in csv.DictReader(handle)]
    except FileNotFoundError:
        return []


# ---------------------------------------------------------------- requests


class Prepared:
    """A request ready to send, and the values it was built from (for $request.* extractions)."""

    def __init__(self) -> None:
        self.method = "GET"
        self.url = "/"
        self.headers: Dict[str, str] = {}
        self.body: Optional[bytes] = None
        self.values: Dict[str, Dict[str, Any]] = {"path": {}, "query": {}, "header": {}, "cookie": {}}
        self.body_value: Any = None


def prepare_request(
    op: Dict[str, Any],
    overrides: Optional[Dict[str, Any]],
    credentials: Dict[str, Any],
    at: Optional[Position] = None,
    environ: Optional[Dict[str, str]] = None,
    servers: Optional[Dict[str, str]] = None,
) -> Prepared:
    """Builds one operation's request. Its variations (values that change per iteration) are
    applied at `at` first; `overrides` (from workflow steps) then replaces parameter values by name
    ({"path": {...}, "query": {...}, "header": {...}, "cookie": {...}}), writes body values at
    pointers ({"body": [(tokens, value)]}) or replaces the URL ({"url": ...}). `credentials` maps a
    scheme name to {"auth": scheme plan, "value": header or query value}. An operation with its own
    server goes to the base URL `servers` gives for its variable (an absolute URL); any other to a
    path on the user's host."""
    o = overrides or {}
    prepared = Prepared()
    prepared.method = op["method"]
    values = prepared.values
    declared: Dict[Tuple[str, str], Dict[str, Any]] = {}
    for param in op["parameters"]:
        values[param["in"]][param["name"]] = param["value"]
        declared[(param["in"], param["name"])] = param
    varied_body: List[Tuple[List[str], Any]] = []
    if at is not None:
        for v in op.get("variations") or []:
            where = v["where"]
            if where == "body":
                found, current = read_pointer((op.get("body") or {}).get("value"), v.get("pointer") or [])
                varied_body.append((v.get("pointer") or [], varied_value(v, current if found else None, at, environ or {})))
                continue
            name = v.get("name") or ""
            known = [key for key in values[where] if (key.lower() == name.lower() if where == "header" else key == name)]
            if known:
                values[where][known[0]] = varied_value(v, values[where][known[0]], at, environ or {})
    for where in ("path", "query", "header", "cookie"):
        for name, value in (o.get(where) or {}).items():
            if where == "header":
                for known in [key for key in values["header"] if key.lower() == name.lower()]:
                    del values["header"][known]
            values[where][name] = value

    def param_of(where: str, name: str) -> Dict[str, Any]:
        return declared.get((where, name)) or {"name": name, "in": where}

    query: List[str] = []
    for name, value in values["query"].items():
        param = param_of("query", name)
        style = param.get("style") or "form"
        query.extend(query_pairs(name, value, style, param["explode"] if "explode" in param else style == "form"))
    headers: Dict[str, str] = {}
    for name, value in values["header"].items():
        if name.lower() not in OWN_HEADERS:
            headers[name] = header_text(value, bool(param_of("header", name).get("explode")))
    # Form style, percent-encoded (OpenAPI 3.1.1 Appendix D): an exploded array is a cookie per item.
    cookies: List[str] = []
    for name, value in values["cookie"].items():
        param = param_of("cookie", name)
        cookies.extend(query_pairs(name, value, param.get("style") or "form", param["explode"] if "explode" in param else True))
    auth_query: List[str] = []
    for scheme in op["auth"]:
        entry = credentials.get(scheme)
        if entry is None:
            continue
        auth, value = entry["auth"], entry["value"]
        if auth["type"] == "apiKey" and auth["in"] == "query":
            auth_query.append(encode(auth["name"]) + "=" + encode(value))
        elif auth["type"] == "apiKey" and auth["in"] == "cookie":
            cookies.append(auth["name"] + "=" + value)
        elif auth["type"] == "apiKey":
            headers[auth["name"]] = value
        else:
            headers["Authorization"] = value
    if cookies:
        headers["Cookie"] = "; ".join(cookies)

    if o.get("url") is not None:
        url = text_of(o["url"])
        if auth_query:
            url += ("&" if "?" in url else "?") + "&".join(auth_query)
        if op.get("server") and not re.match(r"[a-z][a-z0-9+.-]*:", url, re.I):
            # Relative to the operation's own server, as a relative URL is to the host otherwise.
            base = (servers or {}).get(op["server"], "")
            origin = re.match(r"[a-z][a-z0-9+.-]*://[^/?#]*", base, re.I)
            url = ((origin.group(0) if origin else "") + url) if url.startswith("/") else base + "/" + url
    else:
        pieces = []
        for piece in re.split(r"(\{[^{}]*\})", op["path"]):
            match = re.fullmatch(r"\{([^{}]*)\}", piece)
            if match is None or match.group(1) not in values["path"]:
                pieces.append(encode_path_literal(piece))
            else:
                param = param_of("path", match.group(1))
                pieces.append(path_text(match.group(1), values["path"][match.group(1)], param.get("style") or "simple", bool(param.get("explode"))))
        # The path key's own query (already percent-encoded) comes first.
        pairs = ([op["query"]] if op.get("query") else []) + query + auth_query
        url = "".join(pieces) + ("?" + "&".join(pairs) if pairs else "")
        if op.get("server"):
            url = (servers or {}).get(op["server"], "") + url
    prepared.url = url

    body = op.get("body")
    if body is not None:
        value = write_pointers(write_pointers(body["value"], varied_body), list(o.get("body") or []))
        prepared.body_value = value
        kind = body["kind"]
        if kind == "multipart":
            prepared.body, headers["Content-Type"] = multipart_body(value, body.get("encoding"))
        else:
            if kind == "json":
                text = json_text(value)
            elif kind == "form":
                text = form_urlencoded(value, body.get("encoding"))
            elif kind == "xml":
                text = xml_body(value, body.get("xml"))
            elif kind == "binary":
                text = file_bytes(value) if is_file(value) else text_of(value)
            else:
                text = value if isinstance(value, str) else json_text(value)
            prepared.body = text if isinstance(text, bytes) else text.encode("utf-8")
            if body.get("contentType"):
                headers["Content-Type"] = body["contentType"]
    prepared.headers = headers
    return prepared


def status_ok(statuses: List[int], status: int) -> bool:
    """The documented success statuses, or any status from 1 to 399 when the spec documents none."""
    if statuses:
        return status in statuses
    return 0 < status < 400


def status_expectation(statuses: List[int]) -> str:
    return "status " + " or ".join(str(status) for status in statuses) if statuses else "a status below 400"


# ---------------------------------------------------------------- workflow values


def header_value(headers: Any, name: str) -> Optional[str]:
    """A response header, whatever the case of its name."""
    wanted = name.lower()
    try:
        items = list(headers.items())
    except AttributeError:
        return None
    for key, value in items:
        if str(key).lower() == wanted:
            return value
    return None


def extract_value(extraction: Dict[str, Any], status: int, url: str, headers: Any, body: Any, prepared: Prepared) -> Tuple[bool, Any]:
    """Evaluates a parsed runtime expression ($response.body#/..., $response.header.X, $request.*, $statusCode, $url)."""
    source = extraction["source"]
    name = extraction.get("name") or ""
    pointer = extraction.get("pointer") or []
    if source == "response.body":
        return read_pointer(body, pointer)
    if source == "response.header":
        value = header_value(headers, name)
        return value is not None, value
    if source in ("request.path", "request.query"):
        where = prepared.values[source.split(".")[1]]
        return (True, where[name]) if name in where else (False, None)
    if source == "request.header":
        for key, value in prepared.values["header"].items():
            if key.lower() == name.lower():
                return True, value
        return False, None
    if source == "request.body":
        return read_pointer(prepared.body_value, pointer)
    if source == "statusCode":
        return True, status
    if source == "url":
        return True, url
    return False, None


def injection_overrides(step: Dict[str, Any], values: Dict[str, Any], origins: Dict[str, str]) -> Dict[str, Any]:
    """What a step changes in its request from the carried values; MissingValue names the first one absent."""
    overrides: Dict[str, Any] = {}
    for injection in step["inject"]:
        variable = injection["variable"]
        if variable not in values:
            raise MissingValue(
                'step "' + step["id"] + '": variable "' + variable + '" has no value (it comes from '
                + origins.get(variable, "no step of the workflow") + "), so " + injection["to"] + " cannot be sent"
            )
        value = values[variable]
        target = injection["target"]
        if target == "url":
            overrides["url"] = text_of(value)
        elif target == "body":
            overrides.setdefault("body", []).append((injection.get("pointer") or [], value))
        else:
            overrides.setdefault(target, {})[injection.get("name") or ""] = value
    return overrides


def step_runs(weight: float, iteration: int) -> bool:
    """Every step runs in the first iteration; after that a step of weight w runs in a share w of them."""
    if iteration == 0 or weight >= 1:
        return True
    return math.floor((iteration + 1) * weight + 1e-9) > math.floor(iteration * weight + 1e-9)
