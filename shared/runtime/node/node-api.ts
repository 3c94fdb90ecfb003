/**
 * The API as the local runner serves it: every function file under `functions/`, plus the readable
 * reference at /api/docs (Node only: its Swagger UI files come from node_modules; ADR 010).
 */
import { apiDocs } from '../../http/api-docs';
import { buildApi } from '../../http/api';
import { swaggerUiAssets } from './docs-assets';
import { loadFunctions } from './load-functions';

export async function loadNodeApi(functionsDir: string) {
  const functions = await loadFunctions(functionsDir);
  const apps = [...functions.map((f) => f.app), apiDocs(swaggerUiAssets())];
  return { functions, apps, api: buildApi(apps) };
}
