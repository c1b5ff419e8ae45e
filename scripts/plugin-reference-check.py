#!/usr/bin/env python3
"""Reference validator for dixian plugins (mirrors plugins/README.md "Load-time checks").

Written together with the plugin format as an executable statement of its rules; the Swift loader
(issue 3) must accept and reject exactly what this accepts and rejects. Needs PyYAML and jsonschema.

usage: check.py [PLUGINS_DIR] [--seeds DIR] [--override FILE ...]
"""
import calendar, datetime, json, os, re, sys
import yaml

try:  # PyPI cel-python, installed by scripts/test
    import celpy
except ImportError:
    celpy = None
from jsonschema import Draft202012Validator

args = sys.argv[1:]
PLUGINS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "plugins")
SEEDS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "seeds")
OVERRIDES = []
i = 0
while i < len(args):
    if args[i] == "--seeds":
        SEEDS = args[i + 1]; i += 2
    elif args[i] == "--override":
        OVERRIDES.append(args[i + 1]); i += 2
    else:
        PLUGINS = args[i]; i += 1

CHANNELS = {"email", "chat"}           # stands in for the daemon config's channel names
LEVEL_RANK = {"province": 0, "city": 1, "county": 2, "town": 3, "village": 4}
HOUSEHOLD_EVENTS = {"household_included", "help_plan_made", "measures_in_place", "risk_eliminated"}
ALERT_EVENTS = {"alert_raised", "alert_verified"}
WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]

errors, warnings = [], []


CAMPAIGN_IDS = set()  # campaign ids are unique across all plugins: a ledger names its campaign alone
# Parameters the core's monitoring procedure and weekly bulletin read from the governance plugin by name
# (plugins/README.md §5); the Swift loader's PluginValidator.procedureParameters and .bulletinParameters list the same.
PROCEDURE_PARAMETERS = {
    "inclusion_approval_roles", "elimination_approval_roles", "inclusion_deadline_days", "timely_inclusion_days",
    "elimination_stable_days", "elimination_caution_age",
    "bulletin_weekday", "bulletin_hour", "bulletin_roles", "bulletin_channels",
}

def err(where, msg):
    errors.append(f"{where}: {msg}")


def warn(where, msg):
    warnings.append(f"{where}: warning: {msg}")


# ----------------------------------------------------------------- YAML 1.2 core loader
class StrictLoader(yaml.SafeLoader):
    pass


StrictLoader.yaml_implicit_resolvers = {}
for tag, rx, first in [
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", list("tTfF")),
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", list("-+0123456789")),
    ("tag:yaml.org,2002:float",
     r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
     list("-+.0123456789")),
]:
    StrictLoader.add_implicit_resolver(tag, re.compile(rx), first)


def _int(loader, node):
    v = loader.construct_scalar(node)
    if v.startswith("0o"):
        return int(v[2:], 8)
    if v.startswith("0x"):
        return int(v[2:], 16)
    return int(v, 10)


def _float(loader, node):
    v = loader.construct_scalar(node).lower()
    if v.endswith(".inf"):
        return float("-inf") if v.startswith("-") else float("inf")
    if v == ".nan":
        return float("nan")
    return float(v)


def _bool(loader, node):
    return loader.construct_scalar(node).lower() == "true"


StrictLoader.add_constructor("tag:yaml.org,2002:int", _int)
StrictLoader.add_constructor("tag:yaml.org,2002:float", _float)
StrictLoader.add_constructor("tag:yaml.org,2002:bool", _bool)


def _compose_node(self, parent, index):
    ev = self.peek_event()
    if isinstance(ev, yaml.AliasEvent):
        raise yaml.YAMLError(f"aliases are not allowed at {ev.start_mark}")
    if getattr(ev, "anchor", None):
        raise yaml.YAMLError(f"anchors are not allowed at {ev.start_mark}")
    if getattr(ev, "tag", None) not in (None, "!"):
        raise yaml.YAMLError(f"explicit tags are not allowed at {ev.start_mark}")
    return yaml.SafeLoader.compose_node(self, parent, index)


StrictLoader.compose_node = _compose_node


def _construct_mapping(self, node, deep=False):
    seen = {}
    for k, _ in node.value:
        key = self.construct_object(k, deep=True)
        if key in seen:
            raise yaml.YAMLError(f"duplicate key {key!r} at line {k.start_mark.line + 1}, "
                                 f"column {k.start_mark.column + 1} (first at line {seen[key] + 1})")
        seen[key] = k.start_mark.line
    return yaml.SafeLoader.construct_mapping(self, node, deep=True)


StrictLoader.construct_mapping = _construct_mapping


def load(path):
    with open(path, "rb") as f:
        raw = f.read()
    if raw.startswith(b"\xef\xbb\xbf"):
        raise yaml.YAMLError("byte-order mark not allowed")
    text = raw.decode("utf-8")
    node = yaml.compose(text, Loader=StrictLoader)
    data = yaml.load(text, Loader=StrictLoader)
    return data, node


def mark_for(node, path):
    """Line:column for a JSON path (best effort)."""
    cur = node
    for p in path:
        if isinstance(cur, yaml.MappingNode):
            nxt = None
            for k, v in cur.value:
                if k.value == p:
                    nxt = v
                    break
            if nxt is None:
                break
            cur = nxt
        elif isinstance(cur, yaml.SequenceNode) and isinstance(p, int) and p < len(cur.value):
            cur = cur.value[p]
        else:
            break
    return f"{cur.start_mark.line + 1}:{cur.start_mark.column + 1}"


# ----------------------------------------------------------------- template variables
VARS = {
    "plugin.id": "s", "plugin.name": "s",
    "duty.id": "s", "duty.title": "s", "duty.description": "s",
    "source.file": "s", "source.title": "s", "source.section": "opt", "source.quote": "opt",
    "occurrence.period_label": "s", "occurrence.due_date": "s", "occurrence.due_time": "s",
    "occurrence.due_weekday": "s", "occurrence.deadline": "s", "occurrence.opens_date": "s", "occurrence.days_left": "s",
    "occurrence.days_overdue": "s", "occurrence.is_overdue": "bool", "occurrence.is_due_today": "bool",
    "unit.name": "s", "unit.full_name": "s", "unit.code": "s", "unit.level_name": "s",
    "recipient.name": "s", "recipient.role_name": "s",
    "owner.role_name": "s", "owner.title": "s", "owner.names": "opt",
    "quantity": "obj", "quantity.measure": "s", "quantity.target": "s", "quantity.unit": "s",
    "quantity.compare_text": "s",
    "evidence": "obj", "evidence.text": "s", "evidence.items": "list",
    "escalation": "obj", "escalation.step": "s", "escalation.step_text": "s", "escalation.is_last": "bool",
    "escalation.on_behalf_of": "opt",
    "basis": "obj", "basis.title": "s", "basis.number": "opt", "basis.citation": "s",
    "event": "obj", "event.name": "s", "event.date": "s",
    "case": "obj", "case.number": "s",
    "household": "obj", "household.masked_name": "s", "household.masked_id": "s",
    "links.confirm": "s", "links.view": "s",
    "office.name": "s", "office.phone": "opt", "office.email": "opt",
    "now.date": "s",
}
CHAT_FORBIDDEN = [re.compile(r"^recipient\."), re.compile(r"^links\.confirm$"), re.compile(r"^household(\.|$)")]
TAG = re.compile(r"\{\{(.*?)\}\}", re.S)
NAME = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$")


def check_template(where, part, text, params):
    used = []
    if "{{{" in text:
        err(where, f"{part}: triple mustache {{{{{{…}}}}}} is not allowed")
    stack = []
    for m in TAG.finditer(text):
        body = m.group(1)
        sigil = body[:1]
        if sigil and sigil in "&>=":
            err(where, f"{part}: tag {{{{{body}}}}} is not allowed")
            continue
        if sigil == "!":
            continue
        if sigil and sigil in "#^/":
            name = body[1:].strip()
        else:
            name = body.strip()
            sigil = ""
        if name == ".":
            if not stack or VARS.get(stack[-1]) != "list":
                err(where, f"{part}: {{{{.}}}} only inside a section over a list")
            continue
        if not NAME.match(name):
            err(where, f"{part}: bad variable name {name!r}")
            continue
        if name.startswith("param."):
            pname = name[len("param."):]
            if pname not in params:
                err(where, f"{part}: unknown parameter {pname!r} in {{{{{name}}}}}")
        elif name not in VARS:
            err(where, f"{part}: unknown template variable {name!r}")
        if sigil and sigil in "#^":
            stack.append(name)
        elif sigil == "/":
            if not stack or stack[-1] != name:
                err(where, f"{part}: unbalanced section close {{{{/{name}}}}}")
            else:
                stack.pop()
        used.append(name)
    if stack:
        err(where, f"{part}: unclosed section(s) {stack}")
    if part == "chat":
        for n in used:
            if any(rx.match(n) for rx in CHAT_FORBIDDEN):
                err(where, f"chat: variable {n!r} is not allowed in chat text")
        if re.search(r"[0-9]{17}[0-9Xx]", text):
            err(where, "chat: literal resident ID number in chat text")
    if part == "subject" and "\n" in text.strip("\n"):
        err(where, "subject must be a single line")
    return used


# ----------------------------------------------------------------- helpers
OFFSET_RX = re.compile(r"^([+-]?)(0|[1-9][0-9]{0,2})(d|wd)(?:@([0-9]{2}):([0-9]{2}))?$")


def parse_offset(s):
    m = OFFSET_RX.match(s)
    sign = -1 if m.group(1) == "-" else 1
    n = sign * int(m.group(2))
    t = (int(m.group(4)), int(m.group(5))) if m.group(4) else (9, 0)
    return n, m.group(3), t


def is_ref(v):
    return isinstance(v, str) and v.startswith("$")


def valid_date(s):
    try:
        datetime.date.fromisoformat(s)
        return True
    except ValueError:
        return False


# ----------------------------------------------------------------- load everything
schema = json.load(open(os.path.join(PLUGINS, "plugin.schema.json"), encoding="utf-8"))
oschema = json.load(open(os.path.join(PLUGINS, "override.schema.json"), encoding="utf-8"))
Draft202012Validator.check_schema(schema)
Draft202012Validator.check_schema(oschema)
validator = Draft202012Validator(schema)
seed_files = set(os.listdir(SEEDS)) if os.path.isdir(SEEDS) else None

plugins = {}
for d in sorted(os.listdir(PLUGINS)):
    p = os.path.join(PLUGINS, d, "plugin.yaml")
    if not os.path.isdir(os.path.join(PLUGINS, d)):
        continue
    if not os.path.isfile(p):
        err(d, "folder without plugin.yaml")
        continue
    where = os.path.relpath(p, PLUGINS)
    first = open(p, encoding="utf-8").readline().rstrip("\n")
    if first != "# yaml-language-server: $schema=../plugin.schema.json":
        err(where, "first line must be the yaml-language-server $schema comment")
    try:
        data, node = load(p)
    except (yaml.YAMLError, UnicodeDecodeError) as e:
        err(where, f"YAML: {e}")
        continue
    bad = False
    for e in sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path)):
        path = list(e.absolute_path)
        err(f"{where}:{mark_for(node, path)}", f"schema: /{'/'.join(map(str, path))}: {e.message[:300]}")
        bad = True
    if bad:
        continue
    if data["id"] != d:
        err(where, f"id {data['id']!r} must equal folder name {d!r}")
    plugins[d] = (where, data)

# ----------------------------------------------------------------- role catalogue
roles = {}  # id -> (plugin, role)
if "governance" not in plugins:
    err("plugins", "the governance plugin (core role catalogue) is missing")
for pid, (where, data) in plugins.items():
    for rid, role in (data.get("roles") or {}).items():
        if pid != "governance" and not rid.startswith(pid + "_"):
            err(where, f"role {rid!r}: roles declared outside governance must start with '{pid}_'")
        if rid in roles:
            err(where, f"role {rid!r} already declared by plugin {roles[rid][0]!r}")
        roles[rid] = (pid, role)
        if role.get("binding") == "household" and role["level"] != "village":
            err(where, f"role {rid!r}: household-bound roles must be at village level")
        title = role.get("title")
        titles = [title] if isinstance(title, str) else list((title or {}).values())
        if isinstance(title, dict) and "default" not in title:
            err(where, f"role {rid!r}: a title mapping needs a default")
        for text in titles:
            rest = re.sub(r"\{(unit|bureau|sector)\}", "", text)
            if "{" in rest or "}" in rest:
                err(where, f"role {rid!r}: unknown placeholder in title {text!r}")
            if "{bureau}" in text and not role.get("per_sector"):
                err(where, f"role {rid!r}: {{bureau}} needs a per-sector role")
for pid, (where, data) in plugins.items():
    for rid, role in (data.get("roles") or {}).items():
        target = role.get("on_behalf_of")
        if target is not None and (target not in roles or target == rid):
            err(where, f"role {rid!r}: on_behalf_of {target!r} must be another declared role")


def rlevel(rid):
    return LEVEL_RANK[roles[rid][1]["level"]]


# ----------------------------------------------------------------- overrides' duty scopes
# An override's `units` is checked against the duty's owner like the plugin's own (the Swift loader checks
# the effective value), so read the override files' scopes before the per-plugin checks.
overridden_units = {}
for op in OVERRIDES:
    try:
        od, _ = load(op)
    except (yaml.YAMLError, UnicodeDecodeError, OSError):
        continue  # reported with the override checks below
    opid = os.path.basename(op).rsplit(".", 1)[0]
    for odid, dov in ((od.get("duties") or {}) if isinstance(od, dict) else {}).items():
        # An unknown value is the override schema's error, reported with the override checks.
        if isinstance(dov, dict) and dov.get("units") in ("all", "rural", "poverty_exited"):
            overridden_units[(opid, odid)] = (op, dov["units"])

# ----------------------------------------------------------------- per plugin checks
BUILTIN = {"due_time": "18:00", "due_on_rest_day": "previous_workday", "notify_on_rest_day": "shift",
           "notify_on_open": False, "opens": "period_start", "reminders": ["-3d@09:00", "-1d@09:00", "0d@09:00"], "escalation": [],
           "channels": ["email"], "fallback_channels": []}
summary = {}

for pid, (where, data) in plugins.items():
    params = data.get("parameters") or {}
    templates = data.get("templates") or {}
    source_files = [s["file"] for s in data["sources"]]
    if len(set(source_files)) != len(source_files):
        err(where, "sources: duplicate file")
    for f in source_files:
        if seed_files is not None and f not in seed_files:
            err(where, f"sources: {f!r} is not a file in {SEEDS}")
    used_params, used_templates = set(), set()

    def check_source(ctx, src):
        if src["file"] not in source_files:
            err(where, f"{ctx}: source.file {src['file']!r} is not listed in sources")

    def check_ref(ctx, v, allowed, extra=None):
        """v is a literal or $param; allowed = set of parameter types."""
        if not is_ref(v):
            return v
        name = v[1:]
        used_params.add(name)
        if name not in params:
            err(where, f"{ctx}: unknown parameter {v}")
            return None
        pt = params[name]["type"]
        if pt not in allowed:
            err(where, f"{ctx}: parameter {v} has type {pt}, expected one of {sorted(allowed)}")
            return None
        if extra:
            extra(params[name])
        return params[name]["default"]

    # parameters
    for name, prm in params.items():
        ctx = f"parameters.{name}"
        t, dv = prm["type"], prm["default"]
        if "source" in prm:
            check_source(ctx, prm["source"])
        items = dv if t == "list" else [dv]
        it = prm.get("item_type", t)
        for x in items:
            if it == "money" and isinstance(x, float) and round(x, 2) != x:
                err(where, f"{ctx}: money has more than two decimals")
            if it == "date" and not valid_date(x):
                err(where, f"{ctx}: {x!r} is not a calendar date")
            if it == "enum" and x not in prm["values"]:
                err(where, f"{ctx}: default {x!r} not in values")
            if "min" in prm and x < prm["min"]:
                err(where, f"{ctx}: default {x!r} below min {prm['min']!r}")
            if "max" in prm and x > prm["max"]:
                err(where, f"{ctx}: default {x!r} above max {prm['max']!r}")
        if "min" in prm and "max" in prm and prm["min"] > prm["max"]:
            err(where, f"{ctx}: min > max")

    # templates
    for tid, tpl in templates.items():
        for part in ("subject", "text", "html", "chat"):
            if part in tpl:
                for n in check_template(f"{where}: templates.{tid}", part, tpl[part], params):
                    if n.startswith("param."):
                        used_params.add(n[6:])

    # duties
    defaults = data.get("defaults") or {}
    ids = set()
    n_recurring = 0
    for k, duty in enumerate(data.get("duties") or []):
        did = duty["id"]
        ctx = f"duties[{k}] {did}"
        if did in ids:
            err(where, f"{ctx}: duplicate duty id")
        ids.add(did)
        check_source(ctx, duty["source"])
        eff = dict(BUILTIN)
        eff.update(defaults)
        eff.update({kk: vv for kk, vv in duty.items()})
        if "templates" not in eff:
            err(where, f"{ctx}: no templates (neither in duty nor in defaults)")
            continue
        # owner
        orole = duty["owner"]["role"]
        per = duty["owner"].get("per", "unit")
        if orole not in roles:
            err(where, f"{ctx}: unknown owner role {orole!r}")
            continue
        rdef = roles[orole][1]
        if rdef.get("per_sector") and pid == "governance":
            err(where, f"{ctx}: per-sector role {orole!r} cannot be used by the governance plugin")
        # recurrence
        rec = duty["recurrence"]
        form = next(iter(rec))
        val = rec[form]
        if form != "after_event":
            n_recurring += (form != "once")
        event = None

        def day_ok(c, d, month=None):
            if d is None:
                return
            if d == 0:
                err(where, f"{c}: day 0 is not a day of the month")
            if month is not None and d > 0:
                mdays = 28 if month == 2 else calendar.monthrange(2001, month)[1]
                if d > mdays:
                    err(where, f"{c}: {month}月{d}日 does not exist every year (use day: -1 for month end)")

        dayparam = lambda c, v, m=None: day_ok(c, check_ref(c, v, {"integer"}), m)
        if form == "weekly":
            def wd_extra(p):
                if p["type"] != "enum" or not set(p["values"]) <= set(WEEKDAYS):
                    err(where, f"{ctx}: weekday parameter must be an enum of weekday codes")
            check_ref(f"{ctx}.weekly.weekday", val["weekday"], {"enum"}, wd_extra)
        elif form == "monthly":
            dayparam(f"{ctx}.monthly.day", val["day"])
        elif form == "quarterly":
            dayparam(f"{ctx}.quarterly.day", val["day"])
        elif form == "yearly":
            dayparam(f"{ctx}.yearly.day", val["day"], val["month"])
        elif form == "twice_a_year":
            a, b = val
            for j, md in enumerate(val):
                dayparam(f"{ctx}.twice_a_year[{j}]", md["day"], md["month"])
            if not (a["month"] <= 6 < b["month"]):
                err(where, f"{ctx}: twice_a_year needs one date in Jan–Jun then one in Jul–Dec")
        elif form == "once":
            v = check_ref(f"{ctx}.once", val, {"date"})
            if isinstance(v, str) and not valid_date(v):
                err(where, f"{ctx}: once {v!r} is not a calendar date")
        elif form == "rrule":
            parts = val.split(";")
            keys = [p.split("=")[0] for p in parts]
            if len(set(keys)) != len(keys):
                err(where, f"{ctx}: rrule repeats a part")
            kv = dict(p.split("=") for p in parts)
            if "INTERVAL" in kv and kv["INTERVAL"] != "1" and "from" not in duty.get("window", {}):
                err(where, f"{ctx}: rrule INTERVAL>1 needs window.from as its start")
            if "BYDAY" in kv and kv["FREQ"] not in ("MONTHLY", "YEARLY") and re.search(r"[0-9]", kv["BYDAY"]):
                err(where, f"{ctx}: BYDAY ordinals only with FREQ=MONTHLY or YEARLY")
            if "BYSETPOS" in kv and not any(x.startswith("BY") and x != "BYSETPOS" for x in kv):
                err(where, f"{ctx}: BYSETPOS needs another BY* part")
        elif form == "after_event":
            event = val["event"]
            for key in ("days", "workdays"):
                if key in val:
                    check_ref(f"{ctx}.after_event.{key}", val[key], {"days"})
            if "alerts_from" in val and event not in ALERT_EVENTS:
                err(where, f"{ctx}: alerts_from only with alert events")
            if per == "official":
                err(where, f"{ctx}: per: official is not allowed with after_event")
        if rdef.get("binding") == "household" and event not in HOUSEHOLD_EVENTS:
            err(where, f"{ctx}: household-bound owner role {orole!r} needs an after_event on a household event")
        if event is not None and LEVEL_RANK[rdef["level"]] > LEVEL_RANK["village"]:
            err(where, f"{ctx}: event duty owner below village level")
        # units: only a village-level owner's occurrences can be narrowed to rural villages or 脱贫村
        units_where, units_scope = overridden_units.get((pid, did), (where, duty.get("units", "all")))
        if units_scope != "all" and rdef["level"] != "village":
            err(units_where, f"{ctx}: units: {units_scope} needs a village-level owner role, "
                             f"not {orole!r} ({rdef['level']})")
        # window
        for key, v in (duty.get("window") or {}).items():
            vv = check_ref(f"{ctx}.window.{key}", v, {"date"})
            if isinstance(vv, str) and not valid_date(vv):
                err(where, f"{ctx}: window.{key} {vv!r} is not a calendar date")
        # quantity
        q = duty.get("quantity")
        if q:
            t = q["target"]
            if is_ref(t):
                check_ref(f"{ctx}.quantity.target", t, {"integer", "money", "percent", "days"})
                pn = t[1:]
                if pn in params and (params[pn]["type"] == "percent") != (q["unit"] == "%"):
                    err(where, f"{ctx}: quantity unit '%' if and only if the target is a percent parameter")
            elif q["unit"] == "%" and t > 100:
                err(where, f"{ctx}: percent target above 100")
        # reminders / escalation
        if not isinstance(eff["notify_on_open"], bool):  # the schema says so too; the Swift loader checks it
            err(where, f"{ctx}: notify_on_open must be true or false, not {eff['notify_on_open']!r}")
        due_h, due_m = map(int, eff["due_time"].split(":"))
        opens = eff["opens"]
        for r in eff["reminders"]:
            n, unit, tm = parse_offset(r)
            if opens != "period_start":
                on, ou, _ = parse_offset(opens)
                if unit == ou and n < on:
                    warn(where, f"{ctx}: reminder {r} is before opens {opens} and will be skipped")
        ladder = eff["escalation"]
        prev = None
        units = {parse_offset(s["after"])[1] for s in ladder}
        if len(units) > 1:
            err(where, f"{ctx}: escalation steps must all use the same unit (d or wd)")
        for j, step in enumerate(ladder):
            n, unit, tm = parse_offset(step["after"])
            if n < 0 or (n == 0 and tm <= (due_h, due_m)):
                err(where, f"{ctx}: escalation[{j}] after {step['after']} is not after the due time")
            key = (n, tm)
            if prev is not None and key <= prev:
                err(where, f"{ctx}: escalation steps must be strictly increasing")
            prev = key
            for rr in step["roles"]:
                if rr not in roles:
                    err(where, f"{ctx}: escalation[{j}] unknown role {rr!r}")
                    continue
                if rlevel(rr) > LEVEL_RANK[rdef["level"]]:
                    err(where, f"{ctx}: escalation[{j}] role {rr!r} is below the owner's level")
                if roles[rr][1].get("binding") == "household" and event not in HOUSEHOLD_EVENTS:
                    err(where, f"{ctx}: escalation[{j}] household-bound role {rr!r} outside a household event duty")
                if roles[rr][1].get("per_sector") and pid == "governance":
                    err(where, f"{ctx}: per-sector role {rr!r} cannot be used by the governance plugin")
        if LEVEL_RANK[rdef["level"]] <= LEVEL_RANK["county"] and ladder:
            if not any(rr == "county_office" or rlevel(rr) < LEVEL_RANK["county"] or rr == "county_leader_in_charge"
                       for s in ladder for rr in s["roles"]):
                warn(where, f"{ctx}: county-level duty does not escalate to county_office")
        if not ladder:
            warn(where, f"{ctx}: no escalation ladder")
        # channels / templates
        for c in eff["channels"] + eff.get("fallback_channels", []):
            if c not in CHANNELS:
                err(where, f"{ctx}: unknown channel {c!r}")
        tp = eff["templates"]
        for kind in ("reminder", "escalation"):
            if kind in tp:
                used_templates.add(tp[kind])
                if tp[kind] not in templates:
                    err(where, f"{ctx}: unknown template {tp[kind]!r}")
        if ladder and "escalation" not in tp:
            err(where, f"{ctx}: has an escalation ladder but no escalation template")
    for tid in templates:
        if tid not in used_templates:
            warn(where, f"template {tid!r} is not used by any duty")

    # datasets / rules
    datasets = data.get("datasets") or {}
    for dsid, ds in datasets.items():
        names = [c["name"] for c in ds["columns"]]
        if len(set(names)) != len(names):
            err(where, f"datasets.{dsid}: duplicate column name")
        for kcol in ds.get("key", []):
            if kcol not in names:
                err(where, f"datasets.{dsid}: key column {kcol!r} not declared")
        if "source" in ds:
            check_source(f"datasets.{dsid}", ds["source"])
    rids = set()
    for k, rule in enumerate(data.get("rules") or []):
        ctx = f"rules[{k}] {rule['id']}"
        if rule["id"] in rids:
            err(where, f"{ctx}: duplicate rule id")
        rids.add(rule["id"])
        check_source(ctx, rule["source"])
        if rule["dataset"] not in datasets:
            err(where, f"{ctx}: unknown dataset {rule['dataset']!r}")
        for pn in re.findall(r"\bparams\.([a-z][a-z0-9_]*)", rule["when"]):
            used_params.add(pn)
            if pn not in params:
                err(where, f"{ctx}: unknown parameter params.{pn} in when")
        # The rule language is a subset of CEL: an independent CEL parser must accept every condition.
        if celpy is not None:
            try:
                celpy.Environment().compile(rule["when"])
            except Exception as e:  # celpy raises its own CELParseError
                err(where, f"{ctx}: when is not CEL: {str(e).splitlines()[0]}")
    # campaigns: dates (or $date parameters) in phase order, ids unique across the set, sources listed
    for k, campaign in enumerate(data.get("campaigns") or []):
        ctx = f"campaigns[{k}] {campaign['id']}"
        if campaign["id"] in CAMPAIGN_IDS:
            err(where, f"{ctx}: duplicate campaign id")
        CAMPAIGN_IDS.add(campaign["id"])
        if "source" in campaign:
            check_source(ctx, campaign["source"])
        phases = []
        for key in ("start", "mobilise_by", "rectify_by", "acceptance_until"):
            if key in campaign:
                value = check_ref(f"{ctx}.{key}", campaign[key], {"date"})
                if isinstance(value, str) and valid_date(value):
                    phases.append((key, value))
        for (earlier, a), (later, b) in zip(phases, phases[1:]):
            if b < a:
                err(where, f"{ctx}: {later} {b} is before {earlier} {a}")
    for pn in params:
        if pn not in used_params and not (pid == "governance" and pn in PROCEDURE_PARAMETERS):
            warn(where, f"parameter {pn!r} is not referenced")
    summary[pid] = (len(data.get("duties") or []), n_recurring, len(data.get("rules") or []),
                    len(data.get("templates") or {}))

# ----------------------------------------------------------------- overrides
ovalidator = Draft202012Validator(oschema)
for op in OVERRIDES:
    where = op
    try:
        od, onode = load(op)
    except yaml.YAMLError as e:
        err(where, f"YAML: {e}")
        continue
    for e in ovalidator.iter_errors(od):
        path = list(e.absolute_path)
        err(f"{where}:{mark_for(onode, path)}", f"schema: /{'/'.join(map(str, path))}: {e.message[:200]}")
    pid = os.path.basename(op).rsplit(".", 1)[0]
    if pid not in plugins:
        err(where, f"no plugin {pid!r}")
        continue
    pdata = plugins[pid][1]
    params = pdata.get("parameters") or {}
    for name, v in (od.get("parameters") or {}).items():
        if name not in params:
            err(where, f"unknown parameter {name!r}")
            continue
        prm = params[name]
        inst = {"type": prm["type"], "title": "x", "description": "x", "default": v}
        for kk in ("min", "max", "values", "item_type"):
            if kk in prm:
                inst[kk] = prm[kk]
        pv = Draft202012Validator({"$ref": "#/$defs/parameter", "$defs": schema["$defs"]})
        for e in pv.iter_errors(inst):
            err(where, f"parameters.{name}: {e.message[:200]}")
        vals = v if isinstance(v, list) else [v]
        for x in vals:
            if "min" in prm and isinstance(x, (int, float, str)) and type(x) == type(prm["min"]) and x < prm["min"]:
                err(where, f"parameters.{name}: {x!r} below min")
            if "max" in prm and isinstance(x, (int, float, str)) and type(x) == type(prm["max"]) and x > prm["max"]:
                err(where, f"parameters.{name}: {x!r} above max")
    dids = {d["id"]: d for d in pdata.get("duties") or []}
    for did, dov in (od.get("duties") or {}).items():
        if did not in dids:
            err(where, f"unknown duty {did!r}")
            continue
        for rr in dov.get("also_notify", []) + [r for s in dov.get("escalation", []) for r in s["roles"]]:
            if rr not in roles:
                err(where, f"duties.{did}: unknown role {rr!r}")
        for c in dov.get("channels", []) + dov.get("fallback_channels", []):
            if c not in CHANNELS:
                err(where, f"duties.{did}: unknown channel {c!r}")
        if "notify_on_open" in dov and not isinstance(dov["notify_on_open"], bool):
            err(where, f"duties.{did}: notify_on_open must be true or false, not {dov['notify_on_open']!r}")

for w in warnings:
    print(w)
for e in errors:
    print("ERROR", e)
print()
for pid, (nd, nr, nrules, nt) in summary.items():
    print(f"{pid:12s} duties={nd:2d} calendar-recurring={nr:2d} rules={nrules} templates={nt}")
print(f"\n{len(errors)} error(s), {len(warnings)} warning(s)")
sys.exit(1 if errors else 0)
