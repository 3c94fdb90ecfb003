/**
 * The module scripts/build-worker.ts generates at bundle time from every non-test file under
 * `functions/`, so the Worker's list of endpoints is never kept by hand. `app` is checked at start-up
 * (entry.ts), as the Node loader checks each file's default export.
 */
declare module 'virtual:wardline-functions' {
  const functions: ReadonlyArray<{ name: string; app: unknown }>;
  export default functions;
}

/**
 * The same, for `functions/scheduled/`: every scheduled function file, its default export a
 * ScheduledFunction (shared/jobs/scheduled.ts). The Worker's `scheduled` handler runs the ones due.
 */
declare module 'virtual:wardline-scheduled' {
  const scheduled: ReadonlyArray<{ name: string; app: unknown }>;
  export default scheduled;
}
