/**
 * The load generator's own process: autocannon's API (its CLI cannot give each connection a body of its
 * own). Reads its options as JSON from stdin and prints autocannon's result as JSON. With `bodies`,
 * connection i sends bodies[i % bodies.length] (sign-in as one account per connection, say). With
 * `sequence`, the run's k-th request (over all connections, counted from `start`) sends headers[k % h]
 * and bodies[k] (bookings:
 * each request a slot of its own, as one of the patients in turn). The counter is the process's own:
 * autocannon resets a request's context whenever it loops over its list of requests, every request here.
 */
import autocannon from 'autocannon';

interface FireOptions {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  bodies?: string[];
  sequence?: { headers: Array<Record<string, string>>; bodies: string[]; start?: number };
  connections: number;
  seconds: number;
}

let input = '';
for await (const chunk of process.stdin) input += chunk;
const options = JSON.parse(input || '{}') as FireOptions;
let next = 0;
const sequence = options.sequence;
let sent = 0;
const result = await autocannon({
  url: options.url,
  method: options.method ?? 'GET',
  headers: options.headers ?? {},
  ...(options.body !== undefined ? { body: options.body } : {}),
  connections: options.connections,
  duration: options.seconds,
  ...(sequence
    ? {
        requests: [
          {
            setupRequest: (request: autocannon.Request) => {
              const k = (sequence.start ?? 0) + sent++;
              return { ...request, headers: { ...request.headers, ...sequence.headers[k % sequence.headers.length] }, body: sequence.bodies[k % sequence.bodies.length] };
            },
          },
        ],
      }
    : {}),
  ...(options.bodies ? { setupClient: (client: { setBody(body: string): void }) => client.setBody(options.bodies![next++ % options.bodies!.length]!) } : {}),
});
process.stdout.write(JSON.stringify(result));
