import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const { scripts, engines } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string>; engines: { node: string } };

describe('package.json scripts', () => {
  test('the README names the Node versions that engines allows', () => {
    expect(readFileSync(join(ROOT, 'README.md'), 'utf8')).toContain(`\`${engines.node}\``);
  });

  test('no script names a file that does not exist (each comes with the work that builds its file)', () => {
    const missing = Object.entries(scripts).flatMap(([name, command]) =>
      (command.match(/[\w./-]+\.(?:ts|tsx|js|mjs|cjs)\b/g) ?? []).filter((file) => !existsSync(join(ROOT, file))).map((file) => `${name}: ${file}`),
    );
    expect(missing).toEqual([]);
  });

  test('the scripts ARCHITECTURE.md fixes are there', () => {
    for (const name of ['start', 'dev', 'test', 'invoke', 'migrate', 'build']) expect(Object.keys(scripts)).toContain(name);
  });
});
