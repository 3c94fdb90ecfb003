/**
 * The configuration of a one-shot command (`npm run seed`, `npm run backup`): read as the runner reads it, at
 * `warn` unless LOG_LEVEL says otherwise. A setting that is wrong is one plain line on stderr and no config
 * (the command exits 1), never a stack trace.
 */
import { ConfigError, loadConfig, type Config, type Env } from '../shared/config';

export function commandConfig(env: Env, err: { write(text: string): unknown }): Config | null {
  try {
    return loadConfig({ LOG_LEVEL: 'warn', ...env });
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    err.write(`${e.message}\n`);
    return null;
  }
}
