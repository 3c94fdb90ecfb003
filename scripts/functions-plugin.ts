/**
 * An esbuild plugin that turns "every function file under functions/" into a static list at bundle time:
 * a bundle has no folder to scan. The Worker build serves it as `virtual:wardline-functions` (a default
 * export); the Node server build puts it in place of shared/runtime/node/load-functions.ts (an async
 * `loadFunctions()` answering the same list the file scan would). Adding an endpoint still means adding
 * one file.
 */
import type { Plugin } from 'esbuild';
import { functionName } from '../shared/runtime/node/load-functions';

export interface FunctionsModule {
  /** Which import to replace. */
  filter: RegExp;
  /** Only when imported from a file whose path matches this (any importer when omitted). */
  importer?: RegExp;
  /** `default`: `export default [...]`; `loadFunctions`: `export async function loadFunctions() { return [...] }`. */
  shape: 'default' | 'loadFunctions';
  /** esbuild namespace of the generated module; two lists in one build need two (default `wardline-functions`). */
  namespace?: string;
}

export function functionsPlugin(root: string, functionsDir: string, files: string[], module: FunctionsModule): Plugin {
  const namespace = module.namespace ?? 'wardline-functions';
  return {
    name: namespace,
    setup(b) {
      b.onResolve({ filter: module.filter }, (args) =>
        module.importer && !module.importer.test(args.importer) ? undefined : { path: 'functions', namespace },
      );
      b.onLoad({ filter: /.*/, namespace }, () => {
        const imports = files.map((file, i) => `import * as f${i} from ${JSON.stringify(file)};`);
        const entries = files.map((file, i) => `  { name: ${JSON.stringify(functionName(functionsDir, file))}, app: f${i}.default },`);
        const list = ['[', ...entries, ']'].join('\n');
        const body = module.shape === 'default' ? `export default ${list};` : `const list = ${list};\nexport async function loadFunctions() {\n  return list;\n}`;
        return { contents: [...imports, body, ''].join('\n'), loader: 'js', resolveDir: root };
      });
    },
  };
}
