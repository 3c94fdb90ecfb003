import * as v from 'valibot';
import { describe as suite, expect, test } from 'vitest';
import { useTestWorld } from '../../tests/support/test-deps';
import { testClient } from '../../tests/support/http';
import health from '../../functions/health';
import login from '../../functions/auth/login';
import me from '../../functions/auth/me';
import register from '../../functions/auth/register';
import { newFunction } from './define-function';
import { requireRole, requireSession } from './guards';
import { buildOpenApi, defaultOperationId, defaultTag } from './openapi';
import { describe } from './route-meta';
import { body, query } from './validate';

const world = useTestWorld();

const info = { title: 't', version: '0' };
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const operation = (doc: any, method: string, path: string) => doc.paths[path]?.[method];
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const codes = (response: any): string[] => response.content['application/json'].schema.allOf[1].properties.error.properties.code.enum;

suite('GET /api/openapi.json', () => {
  test('describes every mounted route with its body schema and guard, derived from the code', async () => {
    const res = await testClient(world().deps, [health, login, me, register]).get('/api/openapi.json');
    expect(res.status).toBe(200);
    const doc = res.body;
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths).sort()).toEqual(['/api/auth/login', '/api/auth/me', '/api/auth/register', '/api/health', '/api/openapi.json']);
    const registerBody = doc.paths['/api/auth/register'].post.requestBody.content['application/json'].schema;
    expect([...registerBody.required].sort()).toEqual(['email', 'name', 'password']);
    expect(registerBody.properties.password).toMatchObject({ type: 'string', minLength: 8, maxLength: 128 });
    expect(doc.paths['/api/auth/me'].get.security).toEqual([{ session: [] }]);
    expect(doc.paths['/api/health'].get.security).toBeUndefined();
  });

  test('gives the auth operations their answers: user schemas, the codes they throw, 503 for what can be down', async () => {
    const doc = (await testClient(world().deps, [health, login, me, register]).get('/api/openapi.json')).body;
    const userSchema = {
      type: 'object',
      required: ['user'],
      properties: {
        user: {
          type: 'object',
          required: ['id', 'role', 'name', 'email'],
          properties: { id: { type: 'string' }, role: { type: 'string', enum: ['admin', 'doctor', 'patient'] }, name: { type: 'string' }, email: { type: 'string' } },
        },
      },
    };

    const signIn = operation(doc, 'post', '/api/auth/login');
    expect(signIn).toMatchObject({ summary: 'Sign in', operationId: 'signIn', tags: ['auth'] });
    // { user }, or { mfaRequired: true } for an account with two-step sign-in on (ADR 029).
    expect(signIn.responses['200'].content['application/json'].schema).toEqual({
      anyOf: [userSchema, { type: 'object', required: ['mfaRequired'], properties: { mfaRequired: { const: true } } }],
    });
    expect(signIn.responses['200'].headers['Set-Cookie']).toBeDefined();
    expect(Object.keys(signIn.responses).sort()).toEqual(['200', '400', '401', '403', '413', '415', '429', '503', 'default']);
    expect(codes(signIn.responses['401'])).toEqual(['unauthenticated']);
    expect(signIn.responses['401'].description).toContain('email or password is not right');
    expect(codes(signIn.responses['403']).sort()).toEqual(['account_disabled', 'forbidden']);
    expect(codes(signIn.responses['429'])).toEqual(['rate_limited']);
    expect(signIn.responses['429'].headers['Retry-After'].schema.type).toBe('integer');
    expect(codes(signIn.responses['503'])).toEqual(['unavailable']);
    expect(signIn.responses['503'].headers['Retry-After']).toBeDefined();

    const reg = operation(doc, 'post', '/api/auth/register');
    expect(reg.responses['201'].content['application/json'].schema).toEqual(userSchema);
    expect(codes(reg.responses['409'])).toEqual(['email_taken']);
    expect(codes(reg.responses['429'])).toEqual(['rate_limited']);
    expect(reg.responses['200']).toBeUndefined();

    const who = operation(doc, 'get', '/api/auth/me');
    expect(Object.keys(who.responses).sort()).toEqual(['200', '401', '503', 'default']);
    expect(who['x-roles']).toEqual(['admin', 'doctor', 'patient']);

    const healthOp = operation(doc, 'get', '/api/health');
    const healthSchema = healthOp.responses['200'].content['application/json'].schema;
    expect([...healthSchema.required].sort()).toEqual(['database', 'redis', 'status', 'time']);
    expect(healthSchema.properties.status.enum).toEqual(['ok', 'degraded']);
    expect(healthOp.responses['503'].content['application/json'].schema).toEqual(healthSchema);

    const self = operation(doc, 'get', '/api/openapi.json');
    expect(self).toMatchObject({ operationId: 'getOpenApi', tags: ['reference'] });
    expect(self.responses['200'].content['application/json'].schema.required).toContain('paths');
    expect(doc.tags.map((t: { name: string }) => t.name)).toEqual(['health', 'auth', 'reference']);
  });
});

suite('the description of a route', () => {
  const Thing = v.object({ id: v.string(), label: v.string() });

  test('a describe() first on the chain gives summary, tag, operationId and the success answer; the defaults come from the path', () => {
    const app = newFunction()
      .get('/catalog/things/:id', describe({ summary: 'One thing', responses: { 200: Thing }, errors: { 404: 'not_found' } }), (c) => c.json({}))
      .post('/catalog/things', describe({ summary: 'Add a thing', tag: 'stock', operationId: 'addThing', responses: { 201: Thing } }), (c) => c.json({}, 201));
    const doc = buildOpenApi([app], info);
    const one = operation(doc, 'get', '/api/catalog/things/{id}');
    expect(one).toMatchObject({ summary: 'One thing', operationId: 'getCatalogThingsById', tags: ['catalog'] });
    expect(one.parameters).toEqual([{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }]);
    expect(one.responses['200'].content['application/json'].schema.required).toEqual(['id', 'label']);
    expect(codes(one.responses['404'])).toEqual(['not_found']);
    // A GET is never refused by the origin rule, and touches nothing that can be down unless it says so.
    expect(Object.keys(one.responses).sort()).toEqual(['200', '404', 'default']);

    const add = operation(doc, 'post', '/api/catalog/things');
    expect(add).toMatchObject({ operationId: 'addThing', tags: ['stock'] });
    expect(codes(add.responses['403'])).toEqual(['forbidden']);
    expect(add.responses['403'].description).toContain('Origin');
  });

  test('guards and validation add their own errors without the route naming them', () => {
    const Filter = v.object({ q: v.optional(v.string()), page: v.string() });
    const Input = v.object({ name: v.string() });
    const app = newFunction()
      .get('/admin/things', describe({ summary: 'List', responses: { 200: Thing } }), requireRole('admin'), query(Filter), (c) => c.json({}))
      .post('/patient/things', describe({ summary: 'Make', responses: { 201: Thing } }), requireSession(), body(Input), (c) => c.json({}, 201));
    const doc = buildOpenApi([app], info);

    const list = operation(doc, 'get', '/api/admin/things');
    expect(list['x-roles']).toEqual(['admin']);
    expect(list.security).toEqual([{ session: [] }]);
    expect(Object.keys(list.responses).sort()).toEqual(['200', '400', '401', '403', '503', 'default']);
    expect(list.responses['403'].description).toContain('only for admin');
    expect(list.parameters).toEqual([
      { name: 'q', in: 'query', required: false, schema: { type: 'string' } },
      { name: 'page', in: 'query', required: true, schema: { type: 'string' } },
    ]);

    const make = operation(doc, 'post', '/api/patient/things');
    expect(Object.keys(make.responses).sort()).toEqual(['201', '400', '401', '403', '413', '415', '503', 'default']);
    // Any signed-in role: the only 403 is the origin rule's.
    expect(make.responses['403'].description).not.toContain('only for');
    expect(make.requestBody.content['application/json'].schema.required).toEqual(['name']);
  });

  test('204, bodies that are not JSON, headers, several codes on one status, and what a route needs', () => {
    const app = newFunction()
      .delete('/things/:id', describe({ summary: 'Remove', responses: { 204: null }, errors: { 409: ['state', 'in_use: someone holds it'] }, needs: ['database'] }), (c) => c.body(null, 204))
      .get('/things.csv', describe({ summary: 'Export', responses: { 200: { contentType: 'text/csv', headers: { 'Content-Disposition': 'the file name' } } } }), (c) => c.text(''));
    const doc = buildOpenApi([app], info);
    const remove = operation(doc, 'delete', '/api/things/{id}');
    expect(remove.responses['204']).toEqual({ description: 'No content' });
    expect(codes(remove.responses['409'])).toEqual(['state', 'in_use']);
    expect(remove.responses['409'].description).toContain('`in_use`: someone holds it');
    expect(remove.responses['503'].description).toContain('database does not answer');
    const csv = operation(doc, 'get', '/api/things.csv');
    expect(csv.responses['200'].content).toEqual({ 'text/csv': { schema: { type: 'string' } } });
    expect(csv.responses['200'].headers['Content-Disposition'].description).toBe('the file name');
    expect(csv.tags).toEqual(['things']);
  });

  test('a route without describe() is still listed, but with no summary, operationId or tag (the contract test catches it)', () => {
    const doc = buildOpenApi([newFunction().get('/bare', (c) => c.json({}))], info);
    const bare = operation(doc, 'get', '/api/bare');
    expect(bare).toBeDefined();
    expect(bare.summary).toBeUndefined();
    expect(bare.operationId).toBeUndefined();
    expect(bare.tags).toBeUndefined();
  });

  test('default tags and operation ids', () => {
    expect(defaultTag('/auth/login')).toBe('auth');
    expect(defaultTag('/openapi.json')).toBe('openapi');
    expect(defaultTag('/settings')).toBe('settings');
    expect(defaultOperationId('GET', '/settings')).toBe('getSettings');
    expect(defaultOperationId('GET', '/doctors/:id/slots')).toBe('getDoctorsByIdSlots');
    expect(defaultOperationId('DELETE', '/auth/mfa')).toBe('deleteAuthMfa');
    expect(defaultOperationId('POST', '/auth/password-reset/confirm')).toBe('postAuthPasswordResetConfirm');
  });

  test('describe() does nothing at request time: the handler answers as before', async () => {
    const app = newFunction().get('/things/:id', describe({ summary: 'One', responses: { 200: Thing } }), (c) => c.json({ id: c.req.param('id'), label: 'x' }));
    const res = await testClient(world().deps, [app]).get('/api/things/7');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id: '7', label: 'x' });
  });
});
