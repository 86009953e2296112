import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtFrom, HASH_FILE, sourcesHash } from '../../scripts/build-web';

describe('building the front end only when its sources changed', () => {
  it('keeps the hash while nothing changes, and changes it with a file’s content, a new file or a renamed one', () => {
    const root = mkdtempSync(join(tmpdir(), 'ek-build-web-'));
    mkdirSync(join(root, 'src', 'web'), { recursive: true });
    writeFileSync(join(root, 'src', 'web', 'app.tsx'), 'export const a = 1;');
    writeFileSync(join(root, 'vite.config.ts'), 'export default {};');
    const sources = ['src/web', 'vite.config.ts', 'missing.json'];
    const first = sourcesHash(root, sources);
    expect(sourcesHash(root, sources)).toBe(first);

    mkdirSync(join(root, 'dist', 'web'), { recursive: true });
    expect(builtFrom(first, root)).toBe(false);
    writeFileSync(join(root, HASH_FILE), `${first}\n`);
    expect(builtFrom(first, root)).toBe(true);

    writeFileSync(join(root, 'src', 'web', 'app.tsx'), 'export const a = 2;');
    const edited = sourcesHash(root, sources);
    expect(edited).not.toBe(first);
    expect(builtFrom(edited, root)).toBe(false);

    writeFileSync(join(root, 'src', 'web', 'more.ts'), '');
    expect(sourcesHash(root, sources)).not.toBe(edited);
  });
});
