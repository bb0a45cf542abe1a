#!/usr/bin/env bash
# One command for the whole Aftershock suite: load simulations, then (after confirmation) the resilience
# ones, then the run-level reports (summary.md, summary.json, junit.xml, index.html) in results/<timestamp>/.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT" || exit 2

MVN="${MVN:-mvn}"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
CLASSPATH_FILE="target/aftershock-test-classpath.txt"
# Filled from the compiled classes by discover_simulations: every class extending JudgedSimulation, by its @Kind.
LOAD_SIMULATIONS=()
RESILIENCE_SIMULATIONS=()
DISCOVERED=false
PROMPT="Run resilience simulations? They kill Redis and target processes [y/N] "

usage() {
  cat <<EOF
usage: ./run-tests.sh [--yes] [--skip-load] [--skip-resilience] [--only NAME[,NAME]] [--scale F]
       ./run-tests.sh compare <baselineDir> <currentDir> [--tolerance PCT] [--p95-floor MS] [--p99-floor MS]
                              [--fail-on-regression] [--out DIR]
       ./run-tests.sh history <resultsDir> [--keep N] [--out DIR]
       ./run-tests.sh accept <runDir>
       ./run-tests.sh baseline <resultsDir> <currentDir>

Runs the load simulations, then asks before the resilience ones$(found_simulations)
Simulations are found among the compiled classes, in any package: every class extending JudgedSimulation,
marked @Kind(LOAD) or @Kind(RESILIENCE) (unmarked ones count as resilience).
Writes results/YYYYMMDD_HHMMSS/<Name>/ per simulation (Gatling report, summary.json, outcome.json, console.log)
and summary.md, summary.json, junit.xml, index.html for the whole run.

Exit status: 0 every simulation PASSed or WARNed; 1 a simulation FAILed (or crashed); 2 bad input (a usage
error, or a simulation refused its configuration or target before any load); 3 a simulation had no verdict
(-Daftershock.recording=false); 4 a simulation was INVALID: the load generator did not keep up, so its run was
not judged. With several, the worst wins: 2, then 1, then 4, then 3.

  --yes                 run resilience simulations without asking (also when CI=true)
  --skip-load           do not run the load simulations
  --skip-resilience     do not run the resilience simulations
  --only NAME[,NAME]    run only these simulations (resilience ones still ask unless --yes)
  --scale F             shorten every phase to F of its length, thresholds unchanged (-Dscale=F; 0.05 = quick try)
                        (the load still goes on at least 10 s after each fault: recovery takes real time)
  --help                show this help

compare: puts two runs side by side in compare.html and compare.md (in <currentDir>, or --out DIR). Regressions:
a verdict flip (PASS to WARN or FAIL), a crashed or missing simulation, any rise in lost or stale writes, and figures
worse than --tolerance percent (default 10) and their floors: P50/P95/P99 (only with enough samples, and beyond their
99% intervals), error rate, RPS, per phase, per fault recovery, downtime and availability.
With --fail-on-regression it exits 1 when anything regressed or a run had no verdict (INVALID).
history: history.html and history.json from every run folder in resultsDir, with change points (E-divisive means).
accept: makes <runDir> a baseline for the nightly although it regressed (after an accepted change).
baseline: prints the folder of the last alike scheduled run that PASSed and compared clean (or was accepted).
EOF
}

found_simulations() {
  if [[ "$DISCOVERED" == true ]]; then
    printf ':\n  load:       %s\n  resilience: %s' "${LOAD_SIMULATIONS[*]:-(none found)}" "${RESILIENCE_SIMULATIONS[*]:-(none found)}"
  else
    printf ' (./run-tests.sh --help lists them).'
  fi
}

usage_error() {
  echo "run-tests.sh: $1" >&2
  usage >&2
  exit 2
}

# Bad input that one line explains: no usage after it.
refuse() {
  echo "run-tests.sh: $1" >&2
  exit 2
}

# Compiles the test classes and asks Maven once for their classpath; the Java mains then start with plain java.
prepare_classpath() {
  local log="$1"
  if ! "$MVN" -q -B -Dstyle.color=never test-compile dependency:build-classpath \
      -Dmdep.outputFile="$CLASSPATH_FILE" -Dmdep.includeScope=test >"$log" 2>&1; then
    cat "$log" >&2
    echo "run-tests.sh: 'mvn test-compile' failed (output above, also in $log): fix the build, then run again" >&2
    exit 1
  fi
  CLASSPATH_JAVA="$ROOT/target/classes:$ROOT/target/test-classes:$(cat "$CLASSPATH_FILE")"
}

# Asks the compiled classes which simulations there are: lines of "<load|resilience> <name>".
discover_simulations() {
  local listing kind name
  if ! listing="$("$JAVA" -cp "$CLASSPATH_JAVA" aftershock.catalog.SimulationsCommand --list)"; then
    echo "run-tests.sh: could not list the simulations (aftershock.catalog.SimulationsCommand failed, output above)" >&2
    exit 1
  fi
  while read -r kind name; do
    case "$kind" in
      load) LOAD_SIMULATIONS+=("$name") ;;
      resilience) RESILIENCE_SIMULATIONS+=("$name") ;;
    esac
  done <<<"$listing"
  DISCOVERED=true
}

# Compiles first, so that the help can name the simulations found.
full_help() {
  local log
  log="$(mktemp)"
  prepare_classpath "$log"
  rm -f "$log"
  discover_simulations
  usage
}

# Subcommands that read runs already written: compile, then hand over to their Java main.
case "${1:-}" in
  compare|history|accept|baseline)
    subcommand="$1"
    shift
    if [[ "${1:-}" == "--help" || "${1:-}" == "-h" ]]; then usage; exit 0; fi
    sub_log="$(mktemp)"
    prepare_classpath "$sub_log"
    rm -f "$sub_log"
    case "$subcommand" in
      compare) exec "$JAVA" -cp "$CLASSPATH_JAVA" aftershock.compare.CompareCommand "$@" ;;
      history) exec "$JAVA" -cp "$CLASSPATH_JAVA" aftershock.history.HistoryCommand "$@" ;;
      accept) exec "$JAVA" -cp "$CLASSPATH_JAVA" aftershock.history.BaselineCommand accept "$@" ;;
      baseline) exec "$JAVA" -cp "$CLASSPATH_JAVA" aftershock.history.BaselineCommand find "$@" ;;
    esac
    ;;
esac

yes=false
[[ "${CI:-}" == "true" ]] && yes=true
skip_load=false
skip_resilience=false
only=""
scale=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --yes|-y) yes=true ;;
    --skip-load) skip_load=true ;;
    --skip-resilience) skip_resilience=true ;;
    --only) [[ $# -ge 2 && -n "$2" ]] || refuse "--only needs a simulation name (for example --only PodKill)"; only="$2"; shift ;;
    --only=*) only="${1#--only=}"; [[ -n "$only" ]] || refuse "--only= is empty: name a simulation (for example --only=PodKill) or leave --only out" ;;
    --scale) [[ $# -ge 2 ]] || usage_error "--scale needs a number"; scale="$2"; shift ;;
    --scale=*) scale="${1#--scale=}" ;;
    --help|-h) full_help; exit 0 ;;
    *) usage_error "unknown option '$1'" ;;
  esac
  shift
done

# The scale shortens a run; it never lengthens one: (0, 1].
if [[ -n "$scale" ]] && ! awk -v f="$scale" 'BEGIN { exit !(f ~ /^[0-9]*\.?[0-9]+$/ && f + 0 > 0 && f + 0 <= 1) }'; then
  refuse "--scale '$scale' is out of range: give a number in (0, 1], for example --scale 0.1 (1 = full length)"
fi

build_log="$(mktemp)"
prepare_classpath "$build_log"
discover_simulations

known() { [[ " ${LOAD_SIMULATIONS[*]} ${RESILIENCE_SIMULATIONS[*]} " == *" $1 "* ]]; }

if [[ -n "$only" ]]; then
  IFS=',' read -r -a only_names <<<"$only"
  for name in "${only_names[@]}"; do
    if ! known "$name"; then
      echo "run-tests.sh: --only: unknown simulation '$name'. Choose from: ${LOAD_SIMULATIONS[*]} ${RESILIENCE_SIMULATIONS[*]}" >&2
      rm -f "$build_log"
      exit 2
    fi
  done
fi

selected() {
  [[ -z "$only" ]] && return 0
  [[ ",$only," == *",$1,"* ]]
}

load_plan=()
resilience_plan=()
if [[ "$skip_load" == false ]]; then
  for name in "${LOAD_SIMULATIONS[@]}"; do selected "$name" && load_plan+=("$name"); done
fi
if [[ "$skip_resilience" == false ]]; then
  for name in "${RESILIENCE_SIMULATIONS[@]}"; do selected "$name" && resilience_plan+=("$name"); done
fi
if [[ ${#load_plan[@]} -eq 0 && ${#resilience_plan[@]} -eq 0 ]]; then
  echo "run-tests.sh: no simulation to run: found load: ${LOAD_SIMULATIONS[*]:-none}; resilience: ${RESILIENCE_SIMULATIONS[*]:-none};" \
    "the flags left none (a simulation is a class extending JudgedSimulation: is it compiled?)" >&2
  rm -f "$build_log"
  exit 2
fi

timestamp="$(date +%Y%m%d_%H%M%S)"
suite_dir="results/$timestamp"
suffix=1
while [[ -e "$suite_dir" ]]; do suffix=$((suffix + 1)); suite_dir="results/${timestamp}_$suffix"; done
mkdir -p "$suite_dir"
echo "Aftershock suite: $suite_dir"
mv "$build_log" "$suite_dir/build.log"

ran=()
finished=()
failed=()
refused=()
unjudged=()
invalid=()
current_pid=""
# Each simulation's outcome comes from the outcome.json (or summary.json) it wrote; neither means it crashed: FAIL.
# It passes only when Maven agrees: a PASS in the summary with a failed mvn is a FAIL.
run_simulation() {
  local name="$1" folder="$ROOT/$suite_dir/$1" started=$SECONDS outcome mvn_status tail_pid
  mkdir -p "$folder"
  ran+=("$name")
  echo "==> $name started at $(date +%H:%M:%S)"
  # In the background, so that a signal reaches the trap at once instead of after the run.
  "$MVN" -B -Dstyle.color=never gatling:test -Dsimulation="$name" -Daftershock.results="$folder" ${scale:+-Dscale="$scale"} \
    >"$folder/console.log" 2>&1 </dev/null &
  current_pid=$!
  tail -n +1 -f --pid="$current_pid" "$folder/console.log" 2>/dev/null &
  tail_pid=$!
  wait "$current_pid"
  mvn_status=$?
  wait "$tail_pid" 2>/dev/null
  current_pid=""
  outcome="$("$JAVA" -cp "$CLASSPATH_JAVA" aftershock.report.SuiteReport outcome "$folder" 2>/dev/null)" || outcome=""
  [[ "$outcome" =~ ^(PASS|WARN|FAIL|BAD_INPUT|NO_VERDICT|INVALID)$ ]] || outcome=FAIL
  if [[ $mvn_status -ne 0 && "$outcome" =~ ^(PASS|WARN)$ ]]; then
    echo "    mvn exited $mvn_status although $name's verdict is $outcome: counted as FAIL; see $suite_dir/$name/console.log"
    outcome=FAIL
    echo "$mvn_status" >"$folder/mvn-exit-status"
  fi
  case "$outcome" in
    FAIL) failed+=("$name") ;;
    BAD_INPUT) refused+=("$name") ;;
    NO_VERDICT) unjudged+=("$name") ;;
    INVALID) invalid+=("$name") ;;
  esac
  finished+=("$name")
  echo "<== $name $outcome after $((SECONDS - started)) s"
}

write_reports() {
  local status
  "$JAVA" -cp "$CLASSPATH_JAVA" aftershock.report.SuiteReport write "$suite_dir" "$@"
  status=$?
  if [[ $status -gt 1 ]]; then
    echo "run-tests.sh: writing the suite report failed (exit $status)" >&2
    return 1
  fi
  echo "Reports: $suite_dir/index.html  $suite_dir/summary.md  $suite_dir/summary.json  $suite_dir/junit.xml"
}

# The running simulation's Maven and what it started (the forked Gatling JVM), by PID.
stop_current() {
  local pid="$1" child
  for child in $(ps -o pid= --ppid "$pid" 2>/dev/null); do
    kill -TERM "$child" 2>/dev/null
  done
  kill -TERM "$pid" 2>/dev/null
}

# A cancelled CI job sends SIGINT, then SIGTERM 7.5 s later: the reports of what finished are written first (within
# 5 s), then the running simulation is given what is left of those seconds to restore its faults and stop its target.
interrupted() {
  local signal="$1" code="$2" pid="$current_pid" waited=0
  trap '' INT TERM
  echo
  echo "run-tests.sh: $signal: stopping; writing the reports of what finished (${finished[*]:-nothing})" >&2
  [[ -n "$pid" ]] && stop_current "$pid"
  [[ ${#finished[@]} -gt 0 ]] && write_reports "${finished[@]}"
  while [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null && [[ $waited -lt 50 ]]; do
    sleep 0.1
    waited=$((waited + 1))
  done
  exit "$code"
}
trap 'interrupted SIGINT 130' INT
trap 'interrupted SIGTERM 143' TERM

for name in "${load_plan[@]}"; do run_simulation "$name"; done

if [[ ${#resilience_plan[@]} -gt 0 ]]; then
  answer=n
  if [[ "$yes" == true ]]; then
    answer=y
  else
    printf '%s' "$PROMPT"
    read -r answer || answer=n
    [[ -t 0 ]] || echo
  fi
  if [[ "$answer" =~ ^[Yy]([Ee][Ss])?$ ]]; then
    for name in "${resilience_plan[@]}"; do run_simulation "$name"; done
  else
    echo "Skipping resilience simulations: ${resilience_plan[*]}"
  fi
fi

if [[ ${#ran[@]} -eq 0 ]]; then
  echo "run-tests.sh: no simulation ran" >&2
  exit 0
fi

write_reports "${ran[@]}" || exit 1
# The worst outcome sets the exit status: bad input (2), then FAIL (1), then INVALID (4), then no verdict (3).
status=0
if [[ ${#unjudged[@]} -gt 0 ]]; then
  echo "Suite has no verdict for: ${unjudged[*]} (the line starting 'aftershock: no verdict:' in each console.log says why)"
  status=3
fi
if [[ ${#invalid[@]} -gt 0 ]]; then
  echo "Suite INVALID for: ${invalid[*]}: the load generator did not keep up (the line starting 'aftershock: INVALID' in each console.log says which guard tripped)"
  status=4
fi
if [[ ${#failed[@]} -gt 0 ]]; then
  echo "Suite FAILED: ${failed[*]}"
  status=1
fi
if [[ ${#refused[@]} -gt 0 ]]; then
  echo "Suite refused bad input: ${refused[*]} (the line starting 'aftershock: bad input:' in each console.log says what)"
  status=2
fi
[[ $status -eq 0 ]] && echo "Suite passed (${#ran[@]} simulations)"
exit "$status"
