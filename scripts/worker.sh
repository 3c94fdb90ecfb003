#!/bin/sh
# `npm run worker`: the job worker alone (jobs/main.ts: BullMQ worker, outbox relay, schedulers), for a machine
# of its own (docs/deploy.md). In production it runs the bundle `npm run build` made; otherwise the sources.
# The old generation is capped (WORKER_HEAP_MB, default 192): unbounded, V8 let a worker sending 10,000
# reminders grow to 437 MB of garbage it had no reason to collect; capped at 128 MB the same work peaked at 146 MB
# (issue 12, docs/benchmarks.md). NODE_ARGS passes more flags to node.
set -e
cd "$(dirname "$0")/.."
mode=${NODE_ENV:-}
if [ -z "$mode" ] && [ -f .env ]; then
  mode=$(sed -n "s/^NODE_ENV=[\"']*\([a-z]*\).*/\1/p" .env | tail -n 1)
fi
heap="--max-semi-space-size=8 --max-old-space-size=${WORKER_HEAP_MB:-192}"
if [ "$mode" = production ]; then
  if [ ! -f dist/node/jobs.js ]; then
    echo "The production build is missing (dist/node/jobs.js): run npm run build first." >&2
    exit 1
  fi
  exec node --enable-source-maps $heap ${NODE_ARGS:-} dist/node/jobs.js "$@"
fi
exec node $heap ${NODE_ARGS:-} --import tsx jobs/main.ts "$@"
