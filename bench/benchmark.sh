#!/usr/bin/env bash
# Aftershock benchmark: prints figures, it does not pass or fail.
#   1. the highest SustainedLoad rate the built-in target + Gatling sustain on this machine
#      (P95 < 50 ms, errors < 1 %, achieved >= 90 % of the target rate): a ladder of rates, then a bisection;
#   2. the overhead of Aftershock's own per-request recording: the same run with and without
#      -Daftershock.recording=false, at 80 % of that maximum and at the maximum, alternating (ABBA).
# Every figure comes from the runs. Only the built-in target on 127.0.0.1 is loaded: BASE_URL and
# REDIS_ADDRESS are removed from the environment of every run.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT" || exit 2

MVN="${MVN:-mvn}"
P95_LIMIT_MS=50
ERROR_LIMIT_PERCENT=1
ACHIEVED_MIN_PERCENT=90

usage() {
  cat <<EOF
usage: bench/benchmark.sh [--quick] [--duration S] [--out DIR] [--help]

Runs SustainedLoad against the built-in target (2 replica JVMs + Redis on 127.0.0.1) several times and prints:
  1. the highest rate sustained with P95 < ${P95_LIMIT_MS} ms, errors < ${ERROR_LIMIT_PERCENT} % and achieved RPS
     >= ${ACHIEVED_MIN_PERCENT} % of the target rate (ladder 100, 200, 400, 800, 1200, 1600, ... then bisection; 8 runs at most);
  2. the overhead of Aftershock's per-request recording: runs with and without it (-Daftershock.recording=false)
     at 80 % of that maximum and at the maximum, 2 of each, alternating; throughput ratio and P95 side by side.
Figures come from Gatling's console summary (the 4 verdict/threshold pseudo-requests are left out of counts and
errors), so runs with and without recording are measured the same way. Each run starts fresh replica JVMs, so
JIT warm-up is inside every run, as in a real SustainedLoad run.

  --quick        short version: 10 s runs, 4 rate-finding runs, 1 pair at the maximum only (about 2 minutes)
  --duration S   length of each run in seconds (default 25; 10 with --quick)
  --out DIR      where runs and the report go (default target/bench/<timestamp>)
  --help         show this help

Default mode: 16 runs of 30 to 45 s, about 10 minutes. Writes the report to stdout and to
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
duration=""
out=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --quick) quick=true ;;
    --duration) [[ $# -ge 2 ]] || usage_error "--duration needs a number of seconds"; duration="$2"; shift ;;
    --duration=*) duration="${1#--duration=}" ;;
    --out) [[ $# -ge 2 ]] || usage_error "--out needs a folder"; out="$2"; shift ;;
    --out=*) out="${1#--out=}" ;;
    --help|-h) usage; exit 0 ;;
    *) usage_error "unknown option '$1'" ;;
  esac
  shift
done

if [[ "$quick" == true ]]; then
  ladder=(200 400 800 1600)
  max_runs=4
  bisect_reserve=1
  overhead_reps=1
  overhead_fractions=(100)
  duration="${duration:-10}"
else
  ladder=(100 200 400 800 1200 1600 2400 3200)
  max_runs=8
  bisect_reserve=2
  overhead_reps=2
  overhead_fractions=(80 100)
  duration="${duration:-25}"
fi
[[ "$duration" =~ ^[0-9]+$ && "$duration" -ge 5 && "$duration" -le 600 ]] \
  || usage_error "--duration '$duration' must be whole seconds between 5 and 600"

stamp="$(date +%Y%m%d-%H%M%S)"
out="${out:-target/bench/$stamp}"
mkdir -p "$out/runs" || exit 2
out="$(cd "$out" && pwd)"
report="$ROOT/target/bench/results-$stamp.md"
runs_tsv="$out/runs.tsv"
: >"$runs_tsv"
printf 'started\t%s\t%s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$(uptime)" >"$out/uptime.tsv"

# A run still going when the script is interrupted is ended (with its process group), so its target stops too.
current=""
on_exit() {
  if [[ -n "$current" ]] && kill -0 "$current" 2>/dev/null; then
    kill -TERM "$current" 2>/dev/null
    wait "$current" 2>/dev/null
  fi
}
trap 'on_exit; exit 130' INT TERM

echo "Aftershock benchmark ($([[ $quick == true ]] && echo quick || echo full), ${duration} s per run): $out"
echo "before: $(uptime)"
if ! "$MVN" -o -q -B -Dstyle.color=never test-compile >"$out/build.log" 2>&1; then
  cat "$out/build.log" >&2
  echo "benchmark.sh: 'mvn -o test-compile' failed (output above)" >&2
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
# run PHASE RATE RECORDING(true|false) -> appends one line to runs.tsv, echoes its verdict for the rate search
run() {
  local phase="$1" rate="$2" recording="$3"
  run_count=$((run_count + 1))
  local dir
  dir="$out/runs/$(printf '%02d' "$run_count")-$phase-$rate-rec_$recording"
  mkdir -p "$dir"
  local load1 foreign started rc
  load1="$(cut -d' ' -f1 /proc/loadavg)"
  foreign="$(foreign_targets)"
  started=$SECONDS
  printf '  run %2d  %-9s %5s req/s  recording=%-5s ... ' "$run_count" "$phase" "$rate" "$recording" >&2
  env -u BASE_URL -u REDIS_ADDRESS -u SCALE timeout --kill-after=30 $((duration + 240)) \
    "$MVN" -o -B -Dstyle.color=never gatling:test -Dsimulation=SustainedLoad -Dscale=1 \
    -Daftershock.sustained-load.rate="$rate" -Daftershock.sustained-load.duration="${duration}s" \
    -Daftershock.recording="$recording" -Daftershock.results="$dir" >"$dir/console.log" 2>&1 &
  current=$!
  wait "$current"
  rc=$?
  current=""
  local line
  line="$(python3 "$out/parse.py" run "$dir" "$phase" "$rate" "$recording" "$rc" "$load1" "$foreign" \
    "$((SECONDS - started))" "$P95_LIMIT_MS" "$ERROR_LIMIT_PERCENT" "$ACHIEVED_MIN_PERCENT")"
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
        if stats["p95"] >= float(p95_limit):
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
    runs_tsv, uptime_tsv, maximum, max_kind, duration, mode, p95_limit, err_limit, achieved_min = args
    all_rows = rows(runs_tsv)
    uptimes = [l.rstrip("\n").split("\t") for l in open(uptime_tsv) if l.strip()]
    lines = []
    add = lines.append
    add("# Aftershock benchmark (%s mode, %s s per run)" % (mode, duration))
    add("")
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
    add("## Machine")
    add("")
    for u in uptimes:
        add("- %s %s: `%s`" % (u[0], u[1], u[2].strip()))
    busy = [r for r in all_rows if r["load1"] and float(r["load1"]) > 3]
    foreign = [r for r in all_rows if r["foreign"] not in ("", "0")]
    add("- 2 cores shared by Gatling, 2 replica JVMs and Redis%s." % (
        "" if not (busy or foreign) else
        "; interference: %d of %d runs started with load average > 3, %d with other Aftershock targets running"
        % (len(busy), len(all_rows), len(foreign))))
    add("- Figures are noisy: other builds share the machine. Compare runs of one report, not across reports.")
    add("- Runs and their Gatling reports: %s" % os.path.dirname(runs_tsv))
    print("\n".join(lines))

if __name__ == "__main__":
    command, rest = sys.argv[1], sys.argv[2:]
    {"run": run, "brief": lambda a: brief(a[0]), "report": report}[command](rest)
PYTHON

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

printf 'finished\t%s\t%s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$(uptime)" >>"$out/uptime.tsv"
echo "after: $(uptime)"
python3 "$out/parse.py" report "$runs_tsv" "$out/uptime.tsv" "$maximum" "$max_kind" "$duration" \
  "$([[ $quick == true ]] && echo quick || echo full)" "$P95_LIMIT_MS" "$ERROR_LIMIT_PERCENT" \
  "$ACHIEVED_MIN_PERCENT" >"$report.tmp" && mv "$report.tmp" "$report"
echo
cat "$report"
echo
echo "report: $report"
