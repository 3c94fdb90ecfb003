/**
 * The load generator's own process: autocannon's API (its CLI cannot give each connection a body of its
 * own). Reads its options as JSON from argv[2] and prints autocannon's result as JSON. With `bodies`,
 * connection i sends bodies[i % bodies.length] (sign-in as one account per connection, say).
 */
import autocannon from 'autocannon';

interface FireOptions {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  bodies?: string[];
  connections: number;
  seconds: number;
}

const options = JSON.parse(process.argv[2] ?? '{}') as FireOptions;
let next = 0;
const result = await autocannon({
  url: options.url,
  method: options.method ?? 'GET',
  headers: options.headers ?? {},
  ...(options.body !== undefined ? { body: options.body } : {}),
  connections: options.connections,
  duration: options.seconds,
  ...(options.bodies ? { setupClient: (client: { setBody(body: string): void }) => client.setBody(options.bodies![next++ % options.bodies!.length]!) } : {}),
});
process.stdout.write(JSON.stringify(result));
