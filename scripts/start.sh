#!/bin/sh
# npm start (temporary: tsx in every mode; the production bundle comes next).
set -e
UV_THREADPOOL_SIZE=${UV_THREADPOOL_SIZE:-2} exec node ${NODE_ARGS:-} --import tsx local-runner.ts "$@"
