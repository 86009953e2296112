import { afterEach, describe, expect, it, vi } from 'vitest';
import { CANNED_ROUTES, deskInfoSchema, FILE_ROUTES, INBOX_ROUTES, NOTE_ROUTES } from '../../src/shared/protocol';
import { api, ApiError, filenameFrom, pathOf, postJson, problemCode, requestJson } from '../../src/web/common/api';

const problem = { type: 'about:blank', title: 'Closed', status: 409, code: 'service_closed' };

describe('problemCode', () => {
  it('reads the code of a problem+json body', () => {
    expect(problemCode(problem)).toBe('service_closed');
  });

  it('reports anything else as an internal error', () => {
    expect(problemCode({ ...problem, code: 'no_such_code' })).toBe('internal_error');
    expect(problemCode('<html>Bad gateway</html>')).toBe('internal_error');
    expect(problemCode(null)).toBe('internal_error');
  });
});

describe('requestJson', () => {
  afterEach(() => vi.unstubAllGlobals());

  const respond = (status: number, body: unknown) =>
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify(body), { status })));

  it('throws the problem code of a failed request', async () => {
    respond(409, problem);
    await expect(requestJson('/api/conversations', deskInfoSchema, postJson({}))).rejects.toEqual(
      new ApiError('service_closed', 409),
    );
  });

  it("throws 'network' when the server cannot be reached", async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    await expect(requestJson('/api/desk', deskInfoSchema)).rejects.toMatchObject({ code: 'network', status: 0 });
  });

  it('rejects a body that does not match the schema', async () => {
    respond(200, { name: 'Desk' });
    await expect(requestJson('/api/desk', deskInfoSchema)).rejects.toMatchObject({ code: 'internal_error' });
  });
});

describe('pathOf', () => {
  it('fills in the parameters escaped, so a value cannot reach another route', () => {
    expect(pathOf(INBOX_ROUTES.file, { id: 'a/../b', fileId: 'x?y#z' })).toBe('/api/inbox/a%2F..%2Fb/files/x%3Fy%23z');
    expect(pathOf(FILE_ROUTES.staffThumbnail, { fileId: 'f 1' })).toBe('/api/staff/files/f%201/thumbnail');
  });

  it('appends only the query values that are set, escaped', () => {
    expect(pathOf(CANNED_ROUTES.list, {}, { scope: 'shared', language: undefined, q: 'a&b=c' })).toBe('/api/canned-answers?scope=shared&q=a%26b%3Dc');
    expect(pathOf(CANNED_ROUTES.list, {}, { language: undefined })).toBe('/api/canned-answers');
  });
});

describe('api', () => {
  afterEach(() => vi.unstubAllGlobals());

  const note = { id: crypto.randomUUID(), conversationId: crypto.randomUUID(), author: { id: crypto.randomUUID(), name: 'Anna' }, body: 'Hi', createdAt: '2026-01-05T10:00:00.000Z' };
  const capture = (status: number, body: unknown) => {
    const fetch = vi.fn(async (_path: string, _init?: RequestInit) => new Response(body === undefined ? null : JSON.stringify(body), { status }));
    vi.stubGlobal('fetch', fetch);
    return fetch;
  };

  it("sends the contract's method and a JSON body to the filled-in path, and checks the answer", async () => {
    const fetch = capture(201, note);
    await expect(api(NOTE_ROUTES.add, { params: { id: 'c 1' }, body: { body: 'Hi' } })).resolves.toEqual(note);
    const [path, init] = fetch.mock.calls[0]!;
    expect(path).toBe('/api/conversations/c%201/notes');
    expect(init).toMatchObject({ method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"body":"Hi"}' });
  });

  it('sends no body and no content type when the route takes none, and nothing comes back from a 204', async () => {
    const fetch = capture(204, undefined);
    await expect(api(CANNED_ROUTES.remove, { params: { id: 'x' } })).resolves.toBeUndefined();
    expect(fetch.mock.calls[0]![1]).toEqual({ method: 'DELETE', headers: {}, credentials: 'same-origin' });
  });

  it("sends a visitor's token as a bearer header", async () => {
    const fetch = capture(200, {});
    await api(INBOX_ROUTES.current, { token: 'secret-token-0123456789' }).catch(() => undefined);
    expect(fetch.mock.calls[0]![1]?.headers).toEqual({ authorization: 'Bearer secret-token-0123456789' });
  });

  it('throws the problem code of a failed call, and internal_error for an answer outside the schema', async () => {
    capture(404, { type: 'about:blank', title: 'Not found', status: 404, code: 'conversation_not_found' });
    await expect(api(NOTE_ROUTES.list, { params: { id: 'c' } })).rejects.toEqual(new ApiError('conversation_not_found', 404));
    capture(200, { notes: 'none' });
    await expect(api(NOTE_ROUTES.list, { params: { id: 'c' } })).rejects.toEqual(new ApiError('internal_error', 200));
  });
});

describe('filenameFrom', () => {
  it('prefers the UTF-8 name', () => {
    expect(filenameFrom(`attachment; filename="zapis.txt"; filename*=UTF-8''zapis-konsultacji-%C5%BC.txt`)).toBe(
      'zapis-konsultacji-ż.txt',
    );
  });

  it('reads a plain name, or none', () => {
    expect(filenameFrom('attachment; filename="transcript.txt"')).toBe('transcript.txt');
    expect(filenameFrom('attachment')).toBeNull();
    expect(filenameFrom(null)).toBeNull();
  });
});
