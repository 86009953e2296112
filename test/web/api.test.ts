import { afterEach, describe, expect, it, vi } from 'vitest';
import { deskInfoSchema } from '../../src/shared/protocol';
import { ApiError, filenameFrom, postJson, problemCode, requestJson } from '../../src/web/common/api';

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
