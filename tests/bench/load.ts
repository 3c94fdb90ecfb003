/** Runs autocannon in a process of its own (never in the process being measured) and reads its JSON. */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const FIRE = fileURLToPath(new URL('./fire.ts', import.meta.url));

export interface LoadRequest {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** One body per connection, in turn (connection i sends bodies[i % n]). */
  bodies?: string[];
  /**
   * The run's k-th request sends headers[k % h] and bodies[start + k] (see fire.ts). `start` moves on
   * after each run past everything it may have sent, so the next run (a warm-up, then each round) uses
   * bodies no run used before.
   */
  sequence?: { headers: Array<Record<string, string>>; bodies: string[]; start?: number };
}

export interface LoadResult {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  /** Answers by status code, e.g. { "200": 5123 }. */
  statuses: Record<string, number>;
  errors: number;
  timeouts: number;
}

export function runLoad(request: LoadRequest, options: { connections: number; seconds: number }): Promise<LoadResult> {
  const args = ['--import', 'tsx', FIRE];
  return new Promise((resolve, reject) => {
    // The options go on stdin: a booking run's thousands of bodies are more than argv may hold (E2BIG).
    const child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    child.stdin.end(JSON.stringify({ ...request, ...options }));
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`autocannon exited with ${code}: ${err.trim()}`));
      try {
        const json = JSON.parse(out) as {
          requests: { average: number };
          latency: { p50: number; p99: number };
          statusCodeStats?: Record<string, { count: number }>;
          errors: number;
          timeouts: number;
        };
        const statuses = Object.fromEntries(Object.entries(json.statusCodeStats ?? {}).map(([code, s]) => [code, s.count]));
        if (request.sequence) {
          // Answers, plus the requests still in flight when the run stopped (the server may have done them).
          const sent = Object.values(statuses).reduce((a, b) => a + b, 0) + json.errors + json.timeouts;
          request.sequence.start = (request.sequence.start ?? 0) + sent + options.connections;
          if (request.sequence.start > request.sequence.bodies.length) {
            return reject(new Error(`the run used all ${request.sequence.bodies.length} bodies of its sequence: make more`));
          }
        }
        resolve({ requestsPerSecond: json.requests.average, p50: json.latency.p50, p99: json.latency.p99, statuses, errors: json.errors, timeouts: json.timeouts });
      } catch (parseError) {
        reject(new Error(`autocannon printed no JSON: ${(parseError as Error).message}\n${out.slice(0, 500)}`));
      }
    });
  });
}
