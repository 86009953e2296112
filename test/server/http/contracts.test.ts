/** serve() against a real Fastify instance: what it refuses before a handler runs, and the statuses it sets. */
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { defineRoute, FILE } from '../../../src/shared/wire/contract';
import { serve } from '../../../src/server/contracts';
import { installErrorHandling } from '../../../src/server/http';

const addItem = defineRoute({
  method: 'POST',
  path: '/api/lists/:listId/items',
  auth: 'none',
  body: z.object({ title: z.string().check(z.minLength(1)), count: z.int() }),
  response: z.object({ listId: z.string(), title: z.string() }),
  status: 201,
});
const findItems = defineRoute({
  method: 'GET',
  path: '/api/items',
  auth: 'none',
  query: z.object({ language: z.enum(['pl', 'en']) }),
  response: z.object({ language: z.string() }),
});
const removeItem = defineRoute({ method: 'DELETE', path: '/api/items/:id', auth: 'none', response: null });
const download = defineRoute({ method: 'GET', path: '/api/items/:id/file', auth: 'none', response: FILE });
const staffItems = defineRoute({ method: 'GET', path: '/api/staff/items', auth: 'supervisor', response: z.object({}) });

let app: FastifyInstance | undefined;
afterEach(async () => app?.close());

async function appWith(register: (app: FastifyInstance) => void): Promise<{ app: FastifyInstance }> {
  app = Fastify();
  installErrorHandling(app);
  register(app);
  await app.ready();
  return { app };
}

describe('serve', () => {
  it('refuses a body outside the schema as validation_failed, naming the fields, without running the handler', async () => {
    let ran = false;
    const { app } = await appWith((app) =>
      serve(app, addItem, {}, async () => {
        ran = true;
        return { listId: '', title: '' };
      }),
    );
    const response = await app.inject({ method: 'POST', url: '/api/lists/l1/items', payload: { title: '', count: 1.5 } });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({ code: 'validation_failed', detail: 'title, count' });
    expect(ran).toBe(false);
  });

  it('refuses a missing body like an empty one', async () => {
    const { app } = await appWith((app) => serve(app, addItem, {}, async () => ({ listId: '', title: '' })));
    const response = await app.inject({ method: 'POST', url: '/api/lists/l1/items' });
    expect(response.json()).toMatchObject({ code: 'validation_failed', detail: '(body)' });
  });

  it('hands the parsed body and the decoded path parameters to the handler, and answers with the contract status', async () => {
    const { app } = await appWith((app) =>
      serve(app, addItem, {}, async ({ body }, request) => ({ listId: request.params.listId, title: body.title })),
    );
    const response = await app.inject({ method: 'POST', url: '/api/lists/a%2Fb/items', payload: { title: 'Milk', count: 2 } });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toEqual({ listId: 'a/b', title: 'Milk' });
  });

  it('refuses a query outside the schema and parses one inside it', async () => {
    const { app } = await appWith((app) => serve(app, findItems, {}, async ({ query }) => ({ language: query.language })));
    const refused = await app.inject({ method: 'GET', url: '/api/items?language=de' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ code: 'validation_failed', detail: 'language' });
    const answered = await app.inject({ method: 'GET', url: '/api/items?language=pl&other=1' });
    expect(answered.json()).toEqual({ language: 'pl' });
  });

  it('answers 204 without a body when the contract has no answer', async () => {
    const { app } = await appWith((app) => serve(app, removeItem, {}, async () => undefined));
    const response = await app.inject({ method: 'DELETE', url: '/api/items/1' });
    expect(response.statusCode).toBe(204);
    expect(response.body).toBe('');
  });

  it('lets a download answer with the reply it sent', async () => {
    const { app } = await appWith((app) =>
      serve(app, download, {}, async (_input, request, reply) => reply.header('content-type', 'text/plain').send(`file ${request.params.id}`)),
    );
    const response = await app.inject({ method: 'GET', url: '/api/items/7/file' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe('file 7');
  });

  it('refuses to register a staff route without the service its guard needs', () => {
    const app = Fastify();
    expect(() => serve(app, staffItems, {}, async () => ({}))).toThrow(/staff route/);
    void app.close();
  });

});
