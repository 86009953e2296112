/**
 * src/shared runs in the browser and on the server, so it may import only itself and
 * browser-safe packages: nothing from src/server or src/web, and no Node.js built-ins.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SHARED = join(ROOT, 'src', 'shared');
const FORBIDDEN_DIRS = [join(ROOT, 'src', 'server'), join(ROOT, 'src', 'web')];

const SOURCE = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return SOURCE.test(entry.name) ? [path] : [];
  });
}

/** Module specifiers of static imports, re-exports and dynamic import() calls in a file's text. */
function importSpecifiers(text: string): string[] {
  const withoutComments = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
  const patterns = [
    /\bimport\s+(?:type\s+)?[\w*${}\s,]*?\s*from\s*(['"])([^'"]+)\1/g, // import x from '…'
    /\bimport\s*(['"])([^'"]+)\1/g, // import '…'
    /\bexport\s+(?:type\s+)?(?:\*(?:\s+as\s+\w+)?|\{[^}]*\})\s*from\s*(['"])([^'"]+)\1/g, // export … from '…'
    /\bimport\s*\(\s*(['"`])([^'"`]+)\1\s*\)/g, // import('…')
    /\brequire\s*\(\s*(['"`])([^'"`]+)\1\s*\)/g, // require('…')
  ];
  return patterns.flatMap((pattern) => [...withoutComments.matchAll(pattern)].map((match) => match[2]!));
}

const NODE_BUILTINS = new Set(builtinModules.filter((name) => !name.startsWith('_')));

/** Why `specifier`, imported from `file`, breaks the boundary; null when it is allowed. */
function violation(file: string, specifier: string): string | null {
  if (specifier.startsWith('node:') || NODE_BUILTINS.has(specifier.split('/')[0]!)) {
    return 'a Node.js built-in';
  }
  if (specifier.startsWith('.') || specifier.startsWith('/')) {
    const target = resolve(dirname(file), specifier);
    const into = FORBIDDEN_DIRS.find((dir) => target === dir || target.startsWith(dir + sep));
    if (into) return `inside ${relative(ROOT, into)}`;
  }
  if (/^(src\/)?(server|web)(\/|$)/.test(specifier)) return 'server or web code';
  return null;
}

describe('the import scanner', () => {
  it('finds every import form', () => {
    const text = [
      `import * as z from 'zod/mini';`,
      `import type { Config } from "../server/config";`,
      `import {\n  a,\n  b,\n} from '../web/app';`,
      `import './side-effect';`,
      `export { x } from './x';`,
      `export * from '../server/y';`,
      `export type { T } from './t';`,
      `const m = await import('node:fs');`,
      `// import { commented } from '../server/out';`,
      `/* import gone from '../web/gone'; */`,
      `const s = 'no import here';`,
    ].join('\n');
    expect(importSpecifiers(text).sort()).toEqual(
      ['zod/mini', '../server/config', '../web/app', './side-effect', './x', '../server/y', './t', 'node:fs'].sort(),
    );
  });

  it('tells allowed imports from forbidden ones', () => {
    const file = join(SHARED, 'protocol.ts');
    expect(violation(file, './errors')).toBeNull();
    expect(violation(file, 'zod/mini')).toBeNull();
    expect(violation(file, '../server/config')).toMatch(/src.server/);
    expect(violation(join(SHARED, 'locales', 'x.ts'), '../../web/app')).toMatch(/src.web/);
    expect(violation(file, '../serverless/x')).toBeNull();
    expect(violation(file, 'node:fs')).not.toBeNull();
    expect(violation(file, 'fs')).not.toBeNull();
    expect(violation(file, 'path/posix')).not.toBeNull();
  });
});

describe('src/shared', () => {
  const files = sourceFiles(SHARED);

  it('has source files to check', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it('imports nothing from src/server, src/web or Node.js', () => {
    const problems = files.flatMap((file) =>
      importSpecifiers(readFileSync(file, 'utf8')).flatMap((specifier) => {
        const why = violation(file, specifier);
        return why ? [`${relative(ROOT, file)} imports "${specifier}" (${why})`] : [];
      }),
    );
    expect(problems).toEqual([]);
  });
});
