/**
 * The load generator's own process: autocannon's API (its CLI cannot give each connection a body of its
 * own). Reads its options as JSON from stdin and prints autocannon's result as JSON. With `bodies`,
 * connection i sends bodies[i % bodies.length] (sign-in as one account per connection, say). With
 * `perConnection`, connection i sends perConnection[i % n]'s headers and each request the next of its
 * bodies (bookings: each request a slot of its own, as one patient per connection).
 */
import autocannon from 'autocannon';

interface FireOptions {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  bodies?: string[];
  perConnection?: Array<{ headers?: Record<string, string>; bodies: string[] }>;
  connections: number;
  seconds: number;
}

let input = '';
for await (const chunk of process.stdin) input += chunk;
const options = JSON.parse(input || '{}') as FireOptions;
let next = 0;
const perConnection = options.perConnection;
interface Turn {
  connection?: number;
  sent?: number;
}
const result = await autocannon({
  url: options.url,
  method: options.method ?? 'GET',
  headers: options.headers ?? {},
  ...(options.body !== undefined ? { body: options.body } : {}),
  connections: options.connections,
  duration: options.seconds,
  ...(perConnection
    ? {
        requests: [
          {
            setupRequest: (request: autocannon.Request, state: object) => {
              const turn = state as Turn;
              turn.connection ??= next++;
              turn.sent ??= 0;
              const own = perConnection[turn.connection % perConnection.length]!;
              return { ...request, headers: { ...request.headers, ...own.headers }, body: own.bodies[turn.sent++ % own.bodies.length] };
            },
          },
        ],
      }
    : {}),
  ...(options.bodies ? { setupClient: (client: { setBody(body: string): void }) => client.setBody(options.bodies![next++ % options.bodies!.length]!) } : {}),
});
process.stdout.write(JSON.stringify(result));
