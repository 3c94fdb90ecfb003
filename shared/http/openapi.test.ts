import { describe, expect, test } from 'vitest';
import { useTestWorld } from '../../tests/support/test-deps';
import { testClient } from '../../tests/support/http';
import health from '../../functions/health';
import login from '../../functions/auth/login';
import me from '../../functions/auth/me';
import register from '../../functions/auth/register';

const world = useTestWorld();

describe('GET /api/openapi.json', () => {
  test('describes every mounted route with its body schema and guard, derived from the code', async () => {
    const res = await testClient(world().deps, [health, login, me, register]).get('/api/openapi.json');
    expect(res.status).toBe(200);
    const doc = res.body;
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths).sort()).toEqual(['/api/auth/login', '/api/auth/me', '/api/auth/register', '/api/health']);
    const registerBody = doc.paths['/api/auth/register'].post.requestBody.content['application/json'].schema;
    expect(registerBody.required.sort()).toEqual(['email', 'name', 'password']);
    expect(registerBody.properties.password).toMatchObject({ type: 'string', minLength: 8, maxLength: 128 });
    expect(doc.paths['/api/auth/me'].get.security).toEqual([{ session: [] }]);
    expect(doc.paths['/api/health'].get.security).toBeUndefined();
  });
});
