#!/usr/bin/env bash
# Aftershock benchmark: prints figures, it does not pass or fail.
#   1. the highest SustainedLoad rate the built-in target + Gatling sustain on this machine
#      (P95 < 50 ms, errors < 1 %, achieved >= 90 % of the target rate): a ladder of rates, then a bisection;
#   2. the overhead of Aftershock's own per-request recording: the same run with and without
#      -Daftershock.recording=false, at 80 % of that maximum and at the maximum, alternating (ABBA);
#   3. against a static server on 127.0.0.1 (aftershock.bench.StaticServer, the JDK's HTTP server) at 5,000 req/s
#      (or the highest rate the generator holds here): P95 of the first 5 s of load / steady-state P95, and
#      throughput with recording / without;
#   (--front-door) the built-in target's front door: P95 and throughput with and without it, at one rate (ABBA);
#   4. the generator's ceiling: the highest rate at which the load generator stays healthy (not INVALID: on time,
#      no generator error, short GC pauses, descriptors in hand) against that static server, for Aftershock's
#      SustainedLoad and for the same shape in plain Gatling (aftershock.bench.PlainGatlingLoad), both judged by the
#      same generator health check.
# Every figure comes from the runs. Only 127.0.0.1 is loaded: BASE_URL and REDIS_ADDRESS are removed from the
# environment of every run; the static-server runs get BASE_URL=http://127.0.0.1:<its port>.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT" || exit 2
# Reports and runs stay here even when --commit measures another commit's code in a worktree of its own.
HOME_ROOT="$ROOT"

MVN="${MVN:-mvn}"
P95_LIMIT_MS=50
ERROR_LIMIT_PERCENT=1
ACHIEVED_MIN_PERCENT=90
STATIC_RATE=5000
STATIC_WINDOW_S=5
CEILING_LADDER=(1000 2000 4000 8000 16000)
CEILING_BISECTIONS=2

usage() {
  cat <<EOF
usage: bench/benchmark.sh [--quick | --static | --ceiling [--pairs R,R..] | --front-door [--rate R]] [--commit REF]
                          [-Dname=value ...] [--duration S] [--skip S] [--out DIR] [--help]

Runs SustainedLoad against the built-in target (2 replica JVMs + Redis on 127.0.0.1) several times and prints:
  1. the highest rate sustained with P95 < ${P95_LIMIT_MS} ms, errors < ${ERROR_LIMIT_PERCENT} % and achieved RPS
     >= ${ACHIEVED_MIN_PERCENT} % of the target rate (ladder 100, 200, 400, 800, 1200, 1600, 2400, 3200, 4800, 6400, then bisection; 10 runs at most);
  2. the overhead of Aftershock's per-request recording: runs with and without it (-Daftershock.recording=false)
     at 80 % of that maximum and at the maximum, 2 of each, alternating; throughput ratio and P95 side by side.
  3. against a static server on 127.0.0.1 (JDK HTTP server, fixed small body, keep-alive) at ${STATIC_RATE} req/s,
     or at the highest rate the generator holds on this machine if it cannot reach ${STATIC_RATE} (said so):
     - start-up ratio: P95 of the first ${STATIC_WINDOW_S} s of load after --skip / steady-state P95 (goal 2x or less),
       from Aftershock's interval log (requests.hlog, OK responses);
     - recording ratio: throughput with Aftershock's recording / without (-Daftershock.recording=false).
     Runs: 1 to 3 without recording to check the rate holds, then with, with, without (ABBA).
  4. the generator's ceiling against the same static server: the highest rate at which the load generator stays
     healthy, for Aftershock (SustainedLoad: not INVALID) and for the same shape in plain Gatling
     (aftershock.bench.PlainGatlingLoad: the same open injection, warm-up, endpoint mix and shared pool, judged by
     the same generator health check). Rates ${CEILING_LADDER[*]} req/s until one is unhealthy, then
     ${CEILING_BISECTIONS} bisections; one run of each at each rate. Both run in a plain 'java' with the JVM
     options gatling:test forks with, Aftershock's with the one pom.xml adds (generator.jit: C1 only); Aftershock's
     descriptor check is off (plain Gatling has none), so running out of descriptors shows as the generator's errors.
Figures come from Gatling's console summary (the 4 verdict/threshold pseudo-requests are left out of counts and
errors), so runs with and without recording are measured the same way. Each run starts fresh replica JVMs, so
JIT warm-up is inside every run, as in a real SustainedLoad run.

  --quick        short version of 1 and 2: 10 s runs, ladder 500, 1000, 2000, 4000, 8000 then bisection (6
                 rate-finding runs at most), 1 pair at the maximum only, no 3 (about 4 to 6 minutes)
  -Dname=value   a property for every SustainedLoad run, e.g. -Daftershock.built-in.jvm-options=-XX:TieredStopAtLevel=1
                 to measure a replica JVM option (repeatable; the report's title lists them)
  --commit REF   measure the code of another commit (a tag, a branch, a hash): it is checked out in a worktree of
                 its own under target/bench/, built and run there with this script, then the worktree is removed;
                 the report names the commit. Run it for the "before" and the "after" commit back to back.
  --static       only 3, the static-server figures (4 to 7 runs, about 4 to 7 minutes)
  --ceiling      only 4, the generator's ceiling (8 to 14 runs of --duration seconds, default 15: 5 to 8 minutes)
  --plain-jvm O  with --ceiling: a JVM option for plain Gatling's runs too, e.g. --plain-jvm -XX:TieredStopAtLevel=1
                 (Aftershock's generator.jit) to see what the option alone is worth (repeatable)
  --pairs R,R..  with --ceiling: no search; at each rate given, Aftershock and plain Gatling side by side, alternating
                 (Aftershock, plain, plain, Aftershock: ABBA), so a busy moment weighs on both alike; healthy runs are
                 counted per rate (4 runs per rate)
  --front-door   only the front door's cost: SustainedLoad at --rate (default 200) through the built-in target's
                 front door and straight to the replicas (-Daftershock.built-in.front-door.enabled=false),
                 2 of each, alternating (ABBA); P95 and throughput side by side (4 runs, about 3 minutes)
  --rate R       the rate of the --front-door runs, in requests per second
  --duration S   length of each run in seconds (default 25; 10 with --quick; 20 + --skip for the static-server runs)
  --skip S       start the first-seconds window S seconds into the load (default 5: past the runner's 5 s
                 warm-up at 5,000 req/s; 0 measures from the first request, warm-up included)
                 phase, once the runner has one, so the window is the first seconds of judged load
  --out DIR      where runs and the report go (default target/bench/<timestamp>)
  --help         show this help

Default mode: 1, 2, 3 and 4: 28 to 37 runs of 30 to 70 s, about 21 minutes. Writes the report to stdout and to
target/bench/results-<timestamp>.md. The machine has 2 cores: anything else running makes the figures noisy;
the load average and other Aftershock targets seen at the start of each run are in the tables.
EOF
}

usage_error() {
  echo "benchmark.sh: $1" >&2
  usage >&2
  exit 2
}

quick=false
static_only=false
ceiling_only=false
front_door_only=false
front_door_rate=200
ceiling_pairs=""
duration=""
# The runner warms up for 5 s above 1,000 users/s (aftershock.warm-up): the first window starts after it.
skip=5
out=""
commit=""
user_properties=()
plain_jvm=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --quick) quick=true ;;
    --static) static_only=true ;;
    --ceiling) ceiling_only=true ;;
    --front-door) front_door_only=true ;;
    --pairs) [[ $# -ge 2 ]] || usage_error "--pairs needs rates, e.g. --pairs 8000,10000"; ceiling_pairs="$2"; shift ;;
    --pairs=*) ceiling_pairs="${1#--pairs=}" ;;
    --rate) [[ $# -ge 2 ]] || usage_error "--rate needs a number of requests per second"; front_door_rate="$2"; shift ;;
    --rate=*) front_door_rate="${1#--rate=}" ;;
    --skip) [[ $# -ge 2 ]] || usage_error "--skip needs a number of seconds"; skip="$2"; shift ;;
    --skip=*) skip="${1#--skip=}" ;;
    --duration) [[ $# -ge 2 ]] || usage_error "--duration needs a number of seconds"; duration="$2"; shift ;;
    --duration=*) duration="${1#--duration=}" ;;
    --out) [[ $# -ge 2 ]] || usage_error "--out needs a folder"; out="$2"; shift ;;
    --commit) [[ $# -ge 2 ]] || usage_error "--commit needs a commit (a tag, a branch or a hash)"; commit="$2"; shift ;;
    --commit=*) commit="${1#--commit=}" ;;
    -D?*=*) user_properties+=("$1") ;;
    --plain-jvm) [[ $# -ge 2 ]] || usage_error "--plain-jvm needs a JVM option, e.g. --plain-jvm -XX:TieredStopAtLevel=1"; plain_jvm+=("$2"); shift ;;
    --plain-jvm=*) plain_jvm+=("${1#--plain-jvm=}") ;;
    --out=*) out="${1#--out=}" ;;
    --help|-h) usage; exit 0 ;;
    *) usage_error "unknown option '$1'" ;;
  esac
  shift
done

[[ "$quick" == true && "$static_only" == true ]] && usage_error "--quick and --static cannot go together"
[[ "$ceiling_only" == true && ( "$quick" == true || "$static_only" == true ) ]] \
  && usage_error "--ceiling goes alone: not with --quick or --static"
[[ "$front_door_only" == true && ( "$quick" == true || "$static_only" == true || "$ceiling_only" == true ) ]] \
  && usage_error "--front-door goes alone: not with --quick, --static or --ceiling"
[[ -z "$ceiling_pairs" || "$ceiling_only" == true ]] || usage_error "--pairs goes with --ceiling"
(( ${#plain_jvm[@]} == 0 )) || [[ "$ceiling_only" == true ]] || usage_error "--plain-jvm goes with --ceiling"
[[ -z "$ceiling_pairs" || "$ceiling_pairs" =~ ^[0-9]+(,[0-9]+)*$ ]] \
  || usage_error "--pairs '$ceiling_pairs' must be rates in requests per second separated by commas, e.g. 8000,10000"
[[ "$front_door_rate" =~ ^[0-9]+$ && "$front_door_rate" -ge 1 ]] \
  || usage_error "--rate '$front_door_rate' must be a whole number of requests per second, 1 or more"
[[ "$skip" =~ ^[0-9]+$ && "$skip" -le 60 ]] || usage_error "--skip '$skip' must be whole seconds between 0 and 60"
ceiling_duration="${duration:-15}"
if [[ "$front_door_only" == true ]]; then
  duration="${duration:-15}"
elif [[ "$ceiling_only" == true ]]; then
  duration="$ceiling_duration"
elif [[ "$static_only" == true ]]; then
  duration="${duration:-$((20 + skip))}"
  static_duration="$duration"
elif [[ "$quick" == true ]]; then
  ladder=(500 1000 2000 4000 8000)
  max_runs=6
  bisect_reserve=2
  overhead_reps=1
  overhead_fractions=(100)
  duration="${duration:-10}"
else
  ladder=(100 200 400 800 1200 1600 2400 3200 4800 6400)
  max_runs=10
  bisect_reserve=2
  overhead_reps=2
  overhead_fractions=(80 100)
  duration="${duration:-25}"
fi
static_duration="${static_duration:-$((20 + skip))}"
# The steady window is the second half of the load after the skip, so it needs 2 windows after the skip at least.
(( static_duration >= skip + 4 * STATIC_WINDOW_S )) || [[ "$quick" == true || "$ceiling_only" == true ]] \
  || usage_error "static-server runs of ${static_duration} s are too short for --skip ${skip}: give --duration $((skip + 4 * STATIC_WINDOW_S)) or more"
[[ "$duration" =~ ^[0-9]+$ && "$duration" -ge 5 && "$duration" -le 600 ]] \
  || usage_error "--duration '$duration' must be whole seconds between 5 and 600"
commit_sha=""
if [[ -n "$commit" ]]; then
  commit_sha="$(git -C "$ROOT" rev-parse --verify --quiet "$commit^{commit}")" \
    || usage_error "--commit '$commit' is not a commit of this repository: give a tag, a branch or a hash ('git log --oneline')"
fi

stamp="$(date +%Y%m%d-%H%M%S)"
out="${out:-target/bench/$stamp}"
mkdir -p "$out/runs" || exit 2
out="$(cd "$out" && pwd)"
report="$HOME_ROOT/target/bench/results-$stamp.md"
mkdir -p "$(dirname "$report")" || exit 2
runs_tsv="$out/runs.tsv"
: >"$runs_tsv"
printf 'started\t%s\t%s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$(uptime)" >"$out/uptime.tsv"

commit_tree=""
# A run still going when the script is interrupted is ended (with its process group), so its target stops too.
current=""
static_server=""
on_exit() {
  if [[ -n "$current" ]] && kill -0 "$current" 2>/dev/null; then
    kill -TERM "$current" 2>/dev/null
    wait "$current" 2>/dev/null
  fi
  if [[ -n "$static_server" ]] && kill -0 "$static_server" 2>/dev/null; then
    kill -TERM "$static_server" 2>/dev/null
    wait "$static_server" 2>/dev/null
  fi
  if [[ -n "$commit_tree" && -d "$commit_tree" ]]; then
    git -C "$HOME_ROOT" worktree remove --force "$commit_tree" >/dev/null 2>&1
  fi
}
trap 'on_exit; exit 130' INT TERM
trap on_exit EXIT

mode=full
[[ $quick == true ]] && mode=quick
[[ $static_only == true ]] && mode=static
[[ $ceiling_only == true ]] && mode=ceiling
[[ $front_door_only == true ]] && mode=front-door
if [[ -n "$commit_sha" ]]; then
  # The commit's own code, built in a worktree of its own; this script's procedure, so every commit is measured alike.
  commit_tree="$HOME_ROOT/target/bench/tree-${commit_sha:0:12}-$stamp"
  if ! git -C "$HOME_ROOT" worktree add --detach "$commit_tree" "$commit_sha" >"$out/worktree.log" 2>&1; then
    cat "$out/worktree.log" >&2
    commit_tree=""
    echo "benchmark.sh: cannot check out $commit in a worktree (output above)" >&2
    exit 1
  fi
  ROOT="$commit_tree"
  cd "$ROOT" || exit 2
fi
commit_label="$(git -C "$ROOT" log -1 --format='%h %s' 2>/dev/null | cut -c1-80)"
[[ -z "$commit_sha" && -n "$(git -C "$ROOT" status --porcelain --untracked-files=no 2>/dev/null)" ]] \
  && commit_label="$commit_label (with uncommitted changes)"
(( ${#user_properties[@]} > 0 )) && commit_label="$commit_label, with ${user_properties[*]}"
(( ${#plain_jvm[@]} > 0 )) && commit_label="$commit_label, plain Gatling with ${plain_jvm[*]}"
printf 'commit\t%s\t%s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$commit_label" >>"$out/uptime.tsv"
echo "Aftershock benchmark ($mode, ${duration} s per run) of $commit_label: $out"
echo "before: $(uptime)"
if ! "$MVN" -o -q -B -Dstyle.color=never test-compile >"$out/build.log" 2>&1; then
  cat "$out/build.log" >&2
  echo "benchmark.sh: 'mvn -o test-compile' failed (output above)" >&2
  exit 1
fi
if [[ "$quick" != true && "$front_door_only" != true ]] && ! "$MVN" -o -q -B -Dstyle.color=never dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$out/classpath.txt" >>"$out/build.log" 2>&1; then
  cat "$out/build.log" >&2
  echo "benchmark.sh: 'mvn -o dependency:build-classpath' failed (output above): the static-server figures need it" >&2
  exit 1
fi

# Other Aftershock targets (replica JVMs) on this machine not started by this benchmark: interference.
foreign_targets() {
  local n=0 pid
  for pid in $(pgrep -f 'aftershock.builtin.TargetServer' 2>/dev/null); do
    [[ "$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)" == *"$ROOT/target/"* ]] || n=$((n + 1))
  done
  echo "$n"
}

run_count=0
# Properties added to every run (the --front-door runs turn the front door off with one).
extra_properties=()
# The static-server runs are judged on throughput and errors alone: their P95 includes the start-up being measured.
run_p95_limit="$P95_LIMIT_MS"
# run PHASE RATE RECORDING(true|false) [BASE_URL] -> appends one line to runs.tsv, echoes its verdict for the rate
# search. Without BASE_URL the run starts the built-in target; runs last $duration seconds, or $static_duration
# with a BASE_URL.
run() {
  local phase="$1" rate="$2" recording="$3" base_url="${4:-}"
  local seconds="$duration" target_env=(-u BASE_URL)
  if [[ -n "$base_url" ]]; then
    seconds="$static_duration"
    target_env=("BASE_URL=$base_url")
  fi
  run_count=$((run_count + 1))
  local dir
  dir="$out/runs/$(printf '%02d' "$run_count")-$phase-$rate-rec_$recording"
  mkdir -p "$dir"
  local load1 foreign started rc
  load1="$(cut -d' ' -f1 /proc/loadavg)"
  foreign="$(foreign_targets)"
  started=$SECONDS
  printf '  run %2d  %-9s %5s req/s  recording=%-5s ... ' "$run_count" "$phase" "$rate" "$recording" >&2
  env -u REDIS_ADDRESS -u SCALE "${target_env[@]}" timeout --kill-after=30 $((seconds + 240)) \
    "$MVN" -o -B -Dstyle.color=never gatling:test -Dsimulation=SustainedLoad -Dscale=1 \
    -Daftershock.sustained-load.rate="$rate" -Daftershock.sustained-load.duration="${seconds}s" \
    -Daftershock.recording="$recording" -Daftershock.results="$dir" "${extra_properties[@]}" "${user_properties[@]}" >"$dir/console.log" 2>&1 &
  current=$!
  wait "$current"
  rc=$?
  current=""
  local line
  line="$(python3 "$out/parse.py" run "$dir" "$phase" "$rate" "$recording" "$rc" "$load1" "$foreign" \
    "$((SECONDS - started))" "$run_p95_limit" "$ERROR_LIMIT_PERCENT" "$ACHIEVED_MIN_PERCENT")"
  printf '%s\n' "$line" >>"$runs_tsv"
  python3 "$out/parse.py" brief "$line" >&2
  [[ "$(cut -f13 <<<"$line")" == good ]]
}

round25() { echo $(( ($1 + 12) / 25 * 25 )); }

cat >"$out/parse.py" <<'PYTHON'
import glob, json, os, re, sys, statistics

# One line of runs.tsv per run; the rate search reads column 13 (result).
FIELDS = ["phase", "rate", "recording", "rc", "load1", "foreign", "seconds", "count", "ko", "errPct",
          "rps", "p95", "result", "p99", "aftershockP95", "folder", "note"]

def number(text):
    return float(text.replace(",", ""))

def parse_console(path):
    text = open(path, errors="replace").read()
    glob_start = text.rfind("---- Global Information")
    if glob_start < 0:
        return None
    block = text[glob_start:]
    def stat(label):
        m = re.search(r"> " + re.escape(label) + r"\s*\|\s*([\d,.]+|-)", block)
        return None if m is None or m.group(1) == "-" else number(m.group(1))
    total = stat("request count")
    # The last per-request table before the final summary: real requests vs verdict pseudo-requests.
    req_start = text.rfind("---- Requests ", 0, glob_start)
    count = ko = 0
    pseudo = 0
    for m in re.finditer(r"^> (.+?)\s*\|\s*([\d,]+)\s*\|\s*([\d,]+)\s*\|\s*([\d,]+)\s*$",
                         text[req_start:glob_start], re.M):
        name = m.group(1).strip()
        if name == "Global":
            continue
        if name == "verdict" or name.startswith("threshold:"):
            pseudo += number(m.group(2))
            continue
        count += number(m.group(2))
        ko += number(m.group(4))
    throughput = stat("mean throughput (rps)")
    if not total or throughput is None or count == 0:
        return None
    return {"count": int(count), "ko": int(ko), "rps": throughput * count / total,
            "p95": stat("response time 95th percentile (ms)"), "p99": stat("response time 99th percentile (ms)")}

def responses_per_second(folder):
    """Mean of the report's 'responses per second' over whole seconds: the first and last (partial) seconds are
    left out, and with them the verdict pseudo-requests at the very end. None when the report is missing."""
    for index in glob.glob(os.path.join(folder, "*", "index.html")):
        text = open(index, errors="replace").read()
        at = text.find("renderTo: 'ResponsesContainerId'")
        m = re.search(r"name: 'All',\s*data: \[((?:\[\d+, \d+\](?:, )?)*)\]", text[at:]) if at >= 0 else None
        if m:
            counts = [int(c) for c in re.findall(r"\[\d+, (\d+)\]", m.group(1))]
            if len(counts) >= 3:
                return sum(counts[1:-1]) / len(counts[1:-1])
    return None

def run(args):
    folder, phase, rate, recording, rc, load1, foreign, seconds, p95_limit, err_limit, achieved_min = args
    row = dict(phase=phase, rate=rate, recording=recording, rc=rc, load1=load1, foreign=foreign, seconds=seconds,
               count="", ko="", errPct="", rps="", p95="", p99="", aftershockP95="", folder=folder, note="")
    stats = parse_console(os.path.join(folder, "console.log"))
    if stats is not None:
        # Gatling's "mean throughput" divides by whole run seconds including the verdict step (a few percent
        # low on 25 s runs); the report's per-second responses give the steady rate.
        steady = responses_per_second(folder)
        if steady is not None:
            stats["rps"] = steady
    if stats is None:
        row["result"] = "bad"
        row["note"] = "no Gatling summary (see console.log)"
    else:
        err = 100.0 * stats["ko"] / stats["count"]
        row.update(count=stats["count"], ko=stats["ko"], errPct="%.2f" % err, rps="%.1f" % stats["rps"],
                   p95="%g" % stats["p95"], p99="%g" % stats["p99"])
        reasons = []
        if p95_limit != "none" and stats["p95"] >= float(p95_limit):
            reasons.append("P95 >= %s ms" % p95_limit)
        if err >= float(err_limit):
            reasons.append("errors >= %s %%" % err_limit)
        if stats["rps"] < float(achieved_min) / 100 * float(rate):
            reasons.append("achieved < %s %% of target" % achieved_min)
        row["result"] = "bad" if reasons else "good"
        row["note"] = "; ".join(reasons)
    summaries = glob.glob(os.path.join(folder, "*", "summary.json"))
    if recording == "true" and summaries:
        try:
            for r in json.load(open(summaries[0]))["requests"]:
                if r["name"] == "all requests":
                    row["aftershockP95"] = str(r["p95Millis"])
        except (ValueError, KeyError):
            pass
    print("\t".join(str(row[f]) for f in FIELDS))

def rows(path):
    names = FIELDS
    out = []
    for line in open(path):
        if line.strip():
            out.append(dict(zip(names, line.rstrip("\n").split("\t"))))
    return out

def brief(line):
    r = dict(zip(FIELDS, line.split("\t")))
    if r["count"] == "":
        print("no data (%ss)" % r["seconds"])
    else:
        print("%s rps, P95 %s ms, P99 %s ms, errors %s %%, %s (%ss, load %s)" % (
            r["rps"], r["p95"], r["p99"], r["errPct"], r["result"], r["seconds"], r["load1"]))

def cell(v, suffix=""):
    return "n/a" if v in ("", None) else v + suffix

def load_cell(r):
    text = r["load1"]
    if float(r["load1"]) > 3:
        text += " (!)"
    if r["foreign"] not in ("", "0"):
        text += ", %s other target JVMs" % r["foreign"]
    return text

def report(args):
    (runs_tsv, uptime_tsv, maximum, max_kind, duration, mode, p95_limit, err_limit, achieved_min,
     static_goal, static_rate, static_kind, static_duration, skip, window, ceiling_tsv, ceilings) = args
    all_rows = rows(runs_tsv)
    uptimes = [l.rstrip("\n").split("\t") for l in open(uptime_tsv) if l.strip()]
    lines = []
    add = lines.append
    if mode == "static":
        add("# Aftershock benchmark (static mode, %s s per run)" % static_duration)
        add("")
    elif mode == "ceiling":
        add("# Aftershock benchmark (ceiling mode, %s s per run)" % duration)
        add("")
    else:
        add("# Aftershock benchmark (%s mode, %s s per run)" % (mode, duration))
        add("")
        built_in(all_rows, add, maximum, max_kind, p95_limit, err_limit, achieved_min)
    if mode not in ("quick", "ceiling"):
        static_server(all_rows, add, int(static_goal), int(static_rate), static_kind, static_duration, float(skip),
                      float(window), err_limit, achieved_min)
    if mode != "quick" and mode != "static":
        ceiling(ceiling_tsv, ceilings, add, duration)
    machine(all_rows, uptimes, runs_tsv, add, mode)
    print("\n".join(lines))

def ceiling(path, ceilings, add, duration):
    add("## 4. The generator's ceiling: the highest rate at which it stays healthy")
    add("")
    add("SustainedLoad's shape (the same open injection and 5 s warm-up ramp above 1,000 users/s, endpoint mix, one")
    add("shared connection pool) against the static server on 127.0.0.1, once through Aftershock and once in plain Gatling")
    add("(aftershock.bench.PlainGatlingLoad), both in a fresh JVM with gatling:test's options (Aftershock's with the")
    add("one pom.xml adds, generator.jit) and both judged by the same generator health check (aftershock.generator):")
    add("healthy means not INVALID. %s s per run." % duration)
    add("")
    add("| generator | rate | healthy | load1 at start | s | outcome |")
    add("|-----------|-----:|---------|----------------|--:|---------|")
    rows_ = [l.rstrip("\n").split("\t") for l in open(path) if l.strip()] if os.path.exists(path) else []
    for kind, rate, healthy, load1, seconds, line in rows_:
        add("| %s | %s | %s | %s | %s | %s |" % (kind, rate, healthy, load1 + (" (!)" if float(load1) > 3 else ""),
                                              seconds, line.replace("|", "/")))
    add("")
    if ceilings == "pairs":
        add("Side by side at fixed rates (Aftershock, plain, plain, Aftershock at each rate): healthy runs of each.")
        add("")
        add("| rate | Aftershock healthy | plain Gatling healthy |")
        add("|-----:|-------------------:|----------------------:|")
        rates = []
        for row in rows_:
            if row[1] not in rates:
                rates.append(row[1])
        for rate in rates:
            def count(kind):
                runs = [r for r in rows_ if r[0] == kind and r[1] == rate]
                return "%d of %d" % (sum(1 for r in runs if r[2] == "yes"), len(runs))
            add("| %s | %s | %s |" % (rate, count("aftershock"), count("plain")))
        add("")
        return
    parts = ceilings.split()
    if len(parts) != 4:
        add("**Not measured** (the static server did not start: see static-server.log).")
        add("")
        return
    def text(good, bad):
        if good == "0":
            return "below %s req/s (the lowest rate tried was unhealthy)" % bad
        if bad == "0":
            return "at least %s req/s (every rate tried was healthy)" % good
        return "%s req/s (%s req/s was not)" % (good, bad)
    add("- **Aftershock: %s**" % text(parts[0], parts[1]))
    add("- **Plain Gatling, same shape: %s**" % text(parts[2], parts[3]))
    add("")

def built_in(all_rows, add, maximum, max_kind, p95_limit, err_limit, achieved_min):
    add("SustainedLoad (mix jwt-status 40 / agents 20 / api-keys 20 / health 20: JWT verification, Redis reads)")
    add("against the built-in target: 2 replica JVMs + Redis on 127.0.0.1, Gatling in the same 2-core machine.")
    add("Figures from Gatling: P95/P99/errors from its console summary (verdict pseudo-requests left out of errors),")
    add("achieved RPS = mean responses per second over the run's whole seconds (Gatling report). Each run starts")
    add("fresh replica JVMs, so JIT warm-up is inside every P95, as in a real SustainedLoad run.")
    add("")
    add("## 1. Highest sustained rate (P95 < %s ms, errors < %s %%, achieved >= %s %% of target)" % (
        p95_limit, err_limit, achieved_min))
    add("")
    add("| # | step | target rate | achieved RPS | P95 ms | P99 ms | errors % | Aftershock P95 ms | result | load1 at start |")
    add("|---|------|------------:|-------------:|-------:|-------:|---------:|------------------:|--------|----------------|")
    for i, r in enumerate(all_rows, 1):
        if r["phase"] not in ("ladder", "bisect"):
            continue
        result = r["result"] + (" (" + r["note"] + ")" if r["note"] else "")
        add("| %d | %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (
            i, r["phase"], r["rate"], cell(r["rps"]), cell(r["p95"]), cell(r["p99"]), cell(r["errPct"]),
            cell(r["aftershockP95"]), result, load_cell(r)))
    add("")
    if max_kind == "none":
        add("**Maximum sustained rate: below %s req/s** (even the lowest rate tried missed the limits)." % maximum)
    elif max_kind == "lower-bound":
        add("**Maximum sustained rate: at least %s req/s** (every rate tried passed; the ladder ran out)." % maximum)
    else:
        add("**Maximum sustained rate: %s req/s** (highest rate that passed; the next one tried failed)." % maximum)
    add("")
    over = [r for r in all_rows if r["phase"] == "overhead"]
    if over:
        add("## 2. Overhead of Aftershock's per-request recording")
        add("")
        add("| # | target rate | recording | achieved RPS | P95 ms | P99 ms | errors % | load1 at start |")
        add("|---|------------:|-----------|-------------:|-------:|-------:|---------:|----------------|")
        for i, r in enumerate(all_rows, 1):
            if r["phase"] == "overhead":
                add("| %d | %s | %s | %s | %s | %s | %s | %s |" % (
                    i, r["rate"], "on" if r["recording"] == "true" else "off", cell(r["rps"]), cell(r["p95"]),
                    cell(r["p99"]), cell(r["errPct"]), load_cell(r)))
        add("")
        add("| target rate | RPS with / without (mean of runs) | P95 with (runs) | P95 without (runs) | P99 with | P99 without |")
        add("|------------:|----------------------------------:|-----------------|--------------------|---------:|------------:|")
        for rate in sorted({int(r["rate"]) for r in over}):
            on = [r for r in over if int(r["rate"]) == rate and r["recording"] == "true" and r["rps"]]
            off = [r for r in over if int(r["rate"]) == rate and r["recording"] == "false" and r["rps"]]
            if not on or not off:
                add("| %d | n/a (a run gave no data) | | | | |" % rate)
                continue
            mean = lambda rs, k: statistics.mean(float(x[k]) for x in rs)
            ratio = mean(on, "rps") / mean(off, "rps")
            add("| %d | %.3f (%.1f / %.1f) | %.1f (%s) | %.1f (%s) | %.1f | %.1f |" % (
                rate, ratio, mean(on, "rps"), mean(off, "rps"),
                mean(on, "p95"), ", ".join(x["p95"] for x in on),
                mean(off, "p95"), ", ".join(x["p95"] for x in off),
                mean(on, "p99"), mean(off, "p99")))
        add("")
        add("In an open model the arrival rate is fixed, so the RPS ratio stays near 1.0 until one side saturates;")
        add("the cost of recording shows first in P95/P99 and CPU.")
        add("")

def windows(row):
    """(start P95, steady P95, the line) from the run's windows.tsv, or None with the reason."""
    path = os.path.join(row["folder"], "windows.tsv")
    if not os.path.exists(path) or not open(path).read().strip():
        err = os.path.join(row["folder"], "windows.err")
        reason = open(err).read().strip().splitlines()[-1:] if os.path.exists(err) else []
        return None, (reason[0] if reason else "no requests.hlog read")
    f = open(path).read().split("\t")
    return (int(f[3]), int(f[7]), [float(f[0]), float(f[1]), int(f[2]), float(f[4]), float(f[5]), int(f[6])]), None

def start_ratio(start_p95, steady_p95):
    if start_p95 < 0 or steady_p95 < 0:
        return None, "a window holds no OK response"
    if steady_p95 == 0:
        # Aftershock records whole milliseconds: a steady P95 of 0 ms means below 1 ms.
        return None, "steady P95 < 1 ms (whole milliseconds): start P95 %d ms" % start_p95
    return start_p95 / steady_p95, None

def static_server(all_rows, add, goal, rate, kind, duration, skip, window, err_limit, achieved_min):
    rows_ = [r for r in all_rows if r["phase"] in ("static-check", "static")]
    add("## 3. Against a static server: start-up P95 and recording throughput")
    add("")
    add("SustainedLoad (same mix) with BASE_URL on a static server on 127.0.0.1 (aftershock.bench.StaticServer: the JDK's")
    add("HTTP server, 8 worker threads, keep-alive, a fixed 15-byte JSON body; started once, so it is warm after the")
    add("first run). It answers in well under a millisecond: what these figures measure is the generator itself,")
    add("Gatling and Aftershock in one fresh JVM per run, on the same 2 cores. %s s per run." % duration)
    add("")
    add("| # | step | target rate | recording | achieved RPS | P95 ms | P99 ms | errors %% | P95 %g-%g s ms | steady P95 ms (window) | load1 at start |"
        % (skip, skip + window))
    add("|---|------|------------:|-----------|-------------:|-------:|-------:|---------:|------------:|------------------------|----------------|")
    for i, r in enumerate(all_rows, 1):
        if r not in rows_:
            continue
        start_cell = steady_cell = ""
        if r["recording"] == "true":
            w, reason = windows(r)
            if w is None:
                start_cell, steady_cell = "n/a", "n/a (%s)" % reason
            else:
                start_cell = "%d (%d req)" % (w[0], w[2][2])
                steady_cell = "%d (%g-%g s, %d req)" % (w[1], w[2][3], w[2][4], w[2][5])
        result = r["result"] + (" (" + r["note"] + ")" if r["note"] else "")
        add("| %d | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (
            i, r["phase"] + (": " + result if r["phase"] == "static-check" else ""), r["rate"],
            "on" if r["recording"] == "true" else "off", cell(r["rps"]), cell(r["p95"]), cell(r["p99"]),
            cell(r["errPct"]), start_cell or "-", steady_cell or "-", load_cell(r)))
    add("")
    if kind == "none":
        add("**The generator held none of the rates tried (achieved >= %s %% of the target, errors < %s %%) without"
            " recording: no figures.**" % (achieved_min, err_limit))
        add("")
        return
    if kind == "skipped":
        add("**Not measured** (the static server did not start: see static-server.log).")
        add("")
        return
    if kind == "held":
        add("**Rate: %d req/s**, the goal: the generator held it without recording (achieved >= %s %%, errors < %s %%)."
            % (rate, achieved_min, err_limit))
    else:
        add("**Rate: %d req/s, NOT the goal of %d req/s**: the generator on this machine did not hold %d req/s even"
            " without recording (see the check runs); %d req/s is the highest rate tried that it held." % (
                rate, goal, goal, rate))
    at = [r for r in rows_ if int(r["rate"]) == rate and r["rps"]]
    missed = [r for r in rows_ if int(r["rate"]) == rate and r["result"] != "good"]
    if missed:
        add("%d of the %d runs at %d req/s missed those limits (see the table): the generator is at its edge here."
            % (len(missed), len([r for r in rows_ if int(r["rate"]) == rate]), rate))
    add("")
    on = [r for r in at if r["recording"] == "true"]
    off = [r for r in at if r["recording"] == "false"]
    ratios = []
    texts = []
    for r in on:
        w, reason = windows(r)
        if w is None:
            texts.append("n/a (%s)" % reason)
            continue
        ratio, why = start_ratio(w[0], w[1])
        if ratio is None:
            texts.append("n/a (%s)" % why)
        else:
            ratios.append(ratio)
            texts.append("%.2f (%d / %d ms)" % (ratio, w[0], w[1]))
    mean_ratio = "%.2f" % statistics.mean(ratios) if ratios else "n/a"
    add("- **Start-up ratio** = P95 of the first %g s of load (from %g s) / steady-state P95 (second half of the load"
        " after %g s), OK responses, from each run's requests.hlog: **%s** (runs: %s). Goal: 2 or less." % (
            window, skip, skip, mean_ratio, ", ".join(texts) or "none"))
    if skip == 0:
        add("  The window starts at second 0 of the load (--skip 0), inside the runner's 5 s warm-up: the default"
            " --skip 5 covers the first seconds after it, the ones a verdict judges.")
    else:
        add("  The window starts %g s into the load (--skip %g): the seconds before it (the runner's warm-up) are left out." % (
            skip, skip))
    if on and off:
        mean = lambda rs: statistics.mean(float(x["rps"]) for x in rs)
        add("- **Recording ratio** = achieved RPS with Aftershock's recording / without (-Daftershock.recording=false)"
            " at %d req/s: **%.3f** (%.1f / %.1f; with: %s; without: %s). In an open model the ratio stays near 1.0 until"
            " one side saturates; a few %% either way come from a start-up stall (its first second is left out of"
            " the mean, the catch-up after it is not), so recording's cost shows first in P95 and in the rate held."
            % (rate, mean(on) / mean(off), mean(on), mean(off),
                                      ", ".join(x["rps"] for x in on), ", ".join(x["rps"] for x in off)))
    else:
        add("- **Recording ratio**: n/a (a run with or without recording gave no data).")
    add("")

def machine(all_rows, uptimes, runs_tsv, add, mode):
    add("## Machine")
    add("")
    for u in uptimes:
        add("- %s %s: `%s`" % (u[0], u[1], u[2].strip()))
    busy = [r for r in all_rows if r["load1"] and float(r["load1"]) > 3]
    foreign = [r for r in all_rows if r["foreign"] not in ("", "0")]
    add("- 2 cores shared by Gatling and %s%s." % (
        "the static server" if mode == "static" else "the targets (replica JVMs and Redis, or the static server)",
        "" if not (busy or foreign) else
        "; interference: %d of %d runs started with load average > 3, %d with other Aftershock targets running"
        % (len(busy), len(all_rows), len(foreign))))
    add("- Figures are noisy: other builds share the machine. Compare runs of one report, not across reports.")
    add("- Runs and their Gatling reports: %s" % os.path.dirname(runs_tsv))

if __name__ == "__main__":
    command, rest = sys.argv[1], sys.argv[2:]
    {"run": run, "brief": lambda a: brief(a[0]), "report": report}[command](rest)
PYTHON

if [[ "$front_door_only" == true ]]; then
  echo "front door overhead at ${front_door_rate} req/s (through the front door, then straight to the replicas, ABBA)"
  for door in true false false true; do
    extra_properties=(-Daftershock.built-in.front-door.enabled="$door")
    run "door_$door" "$front_door_rate" true
  done
  extra_properties=()
  printf 'finished\t%s\t%s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$(uptime)" >>"$out/uptime.tsv"
  python3 - "$runs_tsv" "$front_door_rate" "$duration" >"$report.tmp" <<'PYTHON' && mv "$report.tmp" "$report"
import statistics, sys
runs_tsv, rate, seconds = sys.argv[1], sys.argv[2], sys.argv[3]
names = ["phase", "rate", "recording", "rc", "load1", "foreign", "seconds", "count", "ko", "errPct", "rps", "p95"]
rows = [dict(zip(names, line.rstrip("\n").split("\t"))) for line in open(runs_tsv) if line.strip()]
print("# Front door overhead: SustainedLoad at %s req/s, %s s per run" % (rate, seconds))
print()
print("| | runs | P95 (ms), each | mean P95 (ms) | RPS, each | mean RPS | errors %, each | load average at start |")
print("|---|---:|---|---:|---|---:|---|---|")
means = {}
for phase, label in (("door_true", "through the front door"), ("door_false", "straight to the replicas")):
    got = [r for r in rows if r["phase"] == phase and r.get("p95")]
    if not got:
        print("| %s | 0 | not measured (no run gave data) | | | | | |" % label)
        continue
    means[phase] = (statistics.mean(float(r["p95"]) for r in got), statistics.mean(float(r["rps"]) for r in got))
    print("| %s | %d | %s | %.1f | %s | %.1f | %s | %s |" % (label, len(got), ", ".join(r["p95"] for r in got),
          means[phase][0], ", ".join(r["rps"] for r in got), means[phase][1], ", ".join(r["errPct"] for r in got),
          ", ".join(r["load1"] for r in got)))
print()
if len(means) == 2:
    door, direct = means["door_true"], means["door_false"]
    print("- Front door cost: P95 %+.1f ms (%.1f against %.1f), throughput ratio %.3f (through / straight)."
          % (door[0] - direct[0], door[0], direct[0], door[1] / direct[1]))
else:
    print("- Front door cost: not measured (a side gave no data; see the runs' console.log).")
print("- Figures are noisy: other builds share the machine. Runs and their Gatling reports: %s" % runs_tsv.rsplit("/", 1)[0])
PYTHON
  echo
  cat "$report"
  echo
  echo "report: $report"
  exit 0
fi

maximum=0
max_kind=skipped
if [[ "$static_only" != true && "$ceiling_only" != true ]]; then
  echo "1. highest sustained rate"
  good=0
  bad=0
  for rate in "${ladder[@]}"; do
    (( run_count >= max_runs - bisect_reserve )) && break
    if run ladder "$rate" true; then good=$rate; else bad=$rate; break; fi
  done
  if (( bad > 0 )); then
    while (( run_count < max_runs )); do
      step=$(( good / 10 > 25 ? good / 10 : 25 ))
      (( bad - good > step )) || break
      mid=$(round25 $(( (good + bad) / 2 )))
      (( mid <= good )) && mid=$(( good + 25 ))
      (( mid >= bad )) && break
      if run bisect "$mid" true; then good=$mid; else bad=$mid; fi
    done
  fi
  if (( good == 0 )); then
    max_kind=none; maximum="${bad}"
  elif (( bad == 0 )); then
    max_kind=lower-bound; maximum=$good
  else
    max_kind=found; maximum=$good
  fi

  if (( good > 0 )); then
    echo "2. recording overhead (maximum ${good} req/s)"
    for fraction in "${overhead_fractions[@]}"; do
      rate=$(round25 $(( good * fraction / 100 )))
      (( rate < 25 )) && rate=25
      for ((rep = 1; rep <= overhead_reps; rep++)); do
        # ABBA: on, off, off, on, ... so a drift in background load falls on both sides.
        if (( rep % 2 == 1 )); then order=(true false); else order=(false true); fi
        for recording in "${order[@]}"; do run overhead "$rate" "$recording" >/dev/null; done
      done
    done
  else
    echo "2. recording overhead: skipped, no rate passed"
  fi
fi

# 3. A static server answers in microseconds, so what is left is the generator: Gatling and Aftershock's recording.
static_rate=0
static_kind=skipped
# Sets static_server (its pid, for on_exit) and base_url. Called in this shell, never in $(...): a pid taken in
# a subshell would never reach on_exit, and the server would outlive the benchmark.
start_static_server() {
  local port_file="$out/static-server.port" waited=0
  rm -f "$port_file"
  java -cp "$ROOT/target/test-classes" aftershock.bench.StaticServer "$port_file" 8 >"$out/static-server.log" 2>&1 &
  static_server=$!
  while [[ ! -s "$port_file" ]] && kill -0 "$static_server" 2>/dev/null && (( waited < 200 )); do
    sleep 0.1
    waited=$((waited + 1))
  done
  if [[ ! -s "$port_file" ]]; then
    echo "benchmark.sh: the static server did not report its port within 20 s (log: $out/static-server.log)" >&2
    return 1
  fi
  base_url="http://127.0.0.1:$(cat "$port_file")"
}
# P95 of the first window and of the steady state, from the run's requests.hlog, into windows.tsv beside it.
latency_windows() {
  local dir="$1" hlog
  hlog="$(ls "$dir"/*/requests.hlog 2>/dev/null | head -1)"
  [[ -n "$hlog" ]] || { echo "no requests.hlog in $dir" >"$dir/windows.err"; return; }
  java -cp "$ROOT/target/test-classes:$(cat "$out/classpath.txt")" aftershock.bench.LatencyWindows \
    "$hlog" "$skip" "$STATIC_WINDOW_S" >"$dir/windows.tsv" 2>"$dir/windows.err"
}
if [[ "$quick" != true && "$ceiling_only" != true ]]; then
  echo "3. static server on 127.0.0.1 at ${STATIC_RATE} req/s (${static_duration} s per run, first window from ${skip} s)"
  base_url=""
  if start_static_server; then
    run_p95_limit=none
    # Can the generator hold the rate here at all, without Aftershock's recording? If not, the highest it holds
    # of the rate, half of it, and the midpoint of the two that decide.
    if run static-check "$STATIC_RATE" false "$base_url"; then
      static_rate=$STATIC_RATE; static_kind=held
    else
      half=$(round25 $((STATIC_RATE / 2)))
      if run static-check "$half" false "$base_url"; then
        static_rate=$half
        next=$(round25 $(( (STATIC_RATE + half) / 2 )))
      else
        next=$(round25 $((half / 2)))
      fi
      if run static-check "$next" false "$base_url" && (( next > static_rate )); then static_rate=$next; fi
      (( static_rate > 0 )) && static_kind=highest || static_kind=none
    fi
    if (( static_rate > 0 )); then
      # ABBA with the check run as the first A: without, with, with, without (when the check ran last at this rate).
      if [[ "$(tail -1 "$runs_tsv" | cut -f2)" == "$static_rate" ]]; then order=(true true false); else order=(false true true false); fi
      for recording in "${order[@]}"; do
        run static "$static_rate" "$recording" "$base_url" >/dev/null
        [[ "$recording" == true ]] && latency_windows "$(tail -1 "$runs_tsv" | cut -f16)"
      done
    fi
    kill -TERM "$static_server" 2>/dev/null
    wait "$static_server" 2>/dev/null
    static_server=""
  fi
fi

# 4. The generator's ceiling: what the load generator itself holds, Aftershock and plain Gatling side by side.
ceiling_tsv="$out/ceiling.tsv"
: >"$ceiling_tsv"
# The JVM options gatling:test forks Gatling with (gatling-maven-plugin 4.21.12).
GATLING_JVM=(-XX:+HeapDumpOnOutOfMemoryError -XX:MaxInlineLevel=20 -XX:MaxTrivialSize=12 -Xmx1G
  --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/jdk.internal.misc=ALL-UNNAMED)
# Aftershock's Gatling JVM also gets the option pom.xml adds to gatling:test's (generator.jit); -Dgenerator.jit=...
# on this script's command line replaces it, as on mvn's.
generator_jit="$(sed -n 's:.*<generator.jit>\(.*\)</generator.jit>.*:\1:p' "$ROOT/pom.xml" | head -1)"
for property in "${user_properties[@]}"; do
  [[ "$property" == -Dgenerator.jit=* ]] && generator_jit="${property#-Dgenerator.jit=}"
done
AFTERSHOCK_JVM=("${GATLING_JVM[@]}")
[[ -n "$generator_jit" ]] && AFTERSHOCK_JVM+=("$generator_jit")
# ceiling_run KIND(aftershock|plain) RATE -> one line in ceiling.tsv; true when the generator stayed healthy. Each run
# has a folder of its own (runs at one rate repeat with --pairs).
ceiling_runs=0
ceiling_run() {
  local kind="$1" rate="$2" dir load1 started rc healthy line
  ceiling_runs=$((ceiling_runs + 1))
  dir="$out/ceiling/$(printf '%02d' "$ceiling_runs")-$kind-$rate"
  mkdir -p "$dir"
  load1="$(cut -d' ' -f1 /proc/loadavg)"
  started=$SECONDS
  printf '  %-10s %6s req/s ... ' "$kind" "$rate" >&2
  local classpath="$ROOT/target/test-classes:$ROOT/target/classes:$(cat "$out/classpath.txt")"
  if [[ "$kind" == aftershock ]]; then
    env -u REDIS_ADDRESS -u SCALE BASE_URL="$base_url" timeout --kill-after=30 $((ceiling_duration + 180)) \
      java "${AFTERSHOCK_JVM[@]}" -Dscale=1 -Daftershock.sustained-load.rate="$rate" -Daftershock.generator.descriptor-check=false \
      -Daftershock.sustained-load.duration="${ceiling_duration}s" -Daftershock.results="$dir" -cp "$classpath" \
      io.gatling.app.Gatling -s aftershock.simulations.SustainedLoad -rf "$dir" >"$dir/console.log" 2>&1 &
  else
    # The same shape as SustainedLoad: its 5 s warm-up ramp above 1,000 users/s.
    local warm=0
    (( rate > 1000 )) && warm=5
    timeout --kill-after=30 $((ceiling_duration + 180)) \
      java "${GATLING_JVM[@]}" "${plain_jvm[@]}" -Dplain.base-url="$base_url" -Dplain.rate="$rate" -Dplain.seconds="$ceiling_duration" \
      -Dplain.warm-up-seconds="$warm" -cp "$classpath" \
      io.gatling.app.Gatling -s aftershock.bench.PlainGatlingLoad -rf "$dir" >"$dir/console.log" 2>&1 &
  fi
  current=$!
  wait "$current"
  rc=$?
  current=""
  if [[ "$kind" == aftershock ]]; then
    line="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["line"])' "$dir/outcome.json" 2>/dev/null)"
    [[ -n "$line" && "$line" != *INVALID* && "$line" != *"bad input"* && -n "$(ls "$dir"/*/summary.json 2>/dev/null)" ]] \
      && healthy=yes || healthy=no
    [[ -n "$line" ]] || line="no outcome.json (exit code $rc, see $dir/console.log)"
  else
    line="$(grep -a '^plain gatling: \(kept up\|DID NOT KEEP UP\)' "$dir/console.log" | tail -1)"
    [[ "$line" == "plain gatling: kept up" ]] && healthy=yes || healthy=no
    [[ -n "$line" ]] || line="no health line (exit code $rc, see $dir/console.log)"
  fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$kind" "$rate" "$healthy" "$load1" "$((SECONDS - started))" "$line" >>"$ceiling_tsv"
  echo "$healthy ($line)" >&2
  [[ "$healthy" == yes ]]
}
# ceiling_search KIND: the ladder until a rate is unhealthy, then bisections; echoes "HIGHEST_HEALTHY FIRST_UNHEALTHY".
ceiling_search() {
  local kind="$1" good=0 bad=0 rate i mid
  for rate in "${CEILING_LADDER[@]}"; do
    if ceiling_run "$kind" "$rate"; then good=$rate; else bad=$rate; break; fi
  done
  if (( bad > 0 )); then
    for ((i = 0; i < CEILING_BISECTIONS; i++)); do
      mid=$(round25 $(( (good + bad) / 2 )))
      (( mid <= good || mid >= bad )) && break
      if ceiling_run "$kind" "$mid"; then good=$mid; else bad=$mid; fi
    done
  fi
  echo "$good $bad"
}
ceilings=""
if [[ "$quick" != true && "$static_only" != true ]]; then
  echo "4. the generator's ceiling against a static server on 127.0.0.1 (${ceiling_duration} s per run)"
  base_url=""
  if start_static_server && [[ -n "$ceiling_pairs" ]]; then
    IFS=, read -r -a pair_rates <<<"$ceiling_pairs"
    for rate in "${pair_rates[@]}"; do
      for kind in aftershock plain plain aftershock; do
        ceiling_run "$kind" "$rate" || true
      done
    done
    ceilings="pairs"
  elif [[ -n "$base_url" ]]; then
    aftershock_ceiling="$(ceiling_search aftershock)"
    plain_ceiling="$(ceiling_search plain)"
    ceilings="$aftershock_ceiling $plain_ceiling"
    kill -TERM "$static_server" 2>/dev/null
    wait "$static_server" 2>/dev/null
    static_server=""
  fi
fi

printf 'finished\t%s\t%s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$(uptime)" >>"$out/uptime.tsv"
echo "after: $(uptime)"
python3 "$out/parse.py" report "$runs_tsv" "$out/uptime.tsv" "$maximum" "$max_kind" "$duration" \
  "$mode" "$P95_LIMIT_MS" "$ERROR_LIMIT_PERCENT" "$ACHIEVED_MIN_PERCENT" \
  "$STATIC_RATE" "$static_rate" "$static_kind" "$static_duration" "$skip" "$STATIC_WINDOW_S" \
  "$ceiling_tsv" "$ceilings" \
  >"$report.tmp" && mv "$report.tmp" "$report"
echo
cat "$report"
echo
if [[ "$max_kind" != skipped ]]; then
  # One line to put beside another commit's: the rate, the commit, and how busy the machine was at each run.
  loads="$(awk -F'\t' '$1 == "ladder" || $1 == "bisect" { printf "%s%s req/s %s at load %s", sep, $2, $13, $5; sep = ", " }' "$runs_tsv")"
  case "$max_kind" in
    found) held="${maximum} req/s" ;;
    lower-bound) held="at least ${maximum} req/s (the ladder ran out)" ;;
    none) held="none (below ${maximum} req/s)" ;;
  esac
  echo "highest rate held: $held; commit $commit_label; $(nproc) cores; runs: $loads"
fi
echo "report: $report"
