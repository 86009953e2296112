/**
 * The import boundaries between the parts of the code base, one rule a line in BOUNDARIES:
 * src/shared runs in the browser and on the server, so it imports nothing from src/server or
 * src/web and no Node.js built-ins; the browser code never imports the server's and the other way
 * round; and each browser app (visitor, console, admin) keeps to itself, src/web/common and
 * src/shared — console and admin also share src/web/staff-common. The server's socket layer
 * (src/server/realtime) knows no domain: it imports src/server/module.ts, events/, the clock, errors
 * and tokens files and the wire, never a domain folder nor the top-level files that gather the
 * domains (modules.ts, app.ts, infrastructure.ts).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SHARED = join(ROOT, 'src', 'shared');

interface Boundary {
  /** The folder (from the repository root) whose files the rule checks. */
  files: string;
  /** Folders (or files, named without extension) those files may not import from. */
  mayNotImport: string[];
  /** Runs in the browser: no Node.js built-ins. */
  browser?: boolean;
}

const BROWSER_APPS = ['src/web/visitor', 'src/web/console', 'src/web/admin'];
const otherApps = (app: string) => BROWSER_APPS.filter((other) => other !== app);

/** The domain folders of the server: everything under src/server but the socket layer and the bus. */
const SERVER_DOMAINS = readdirSync(join(ROOT, 'src', 'server'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && !['realtime', 'events'].includes(entry.name))
  .map((entry) => `src/server/${entry.name}`);

/** The top-level server files that import every domain. */
const SERVER_ASSEMBLY = ['src/server/modules', 'src/server/app', 'src/server/infrastructure'];

const BOUNDARIES: Boundary[] = [
  { files: 'src/shared', mayNotImport: ['src/server', 'src/web'], browser: true },
  { files: 'src/web', mayNotImport: ['src/server'], browser: true },
  { files: 'src/server', mayNotImport: ['src/web'] },
  // Sockets and fan-out only: domains reach realtime through module.ts, and their events through events/.
  { files: 'src/server/realtime', mayNotImport: [...SERVER_DOMAINS, ...SERVER_ASSEMBLY] },
  { files: 'src/web/common', mayNotImport: [...BROWSER_APPS, 'src/web/staff-common'] },
  { files: 'src/web/staff-common', mayNotImport: BROWSER_APPS },
  { files: 'src/web/visitor', mayNotImport: [...otherApps('src/web/visitor'), 'src/web/staff-common'] },
  { files: 'src/web/console', mayNotImport: otherApps('src/web/console') },
  { files: 'src/web/admin', mayNotImport: otherApps('src/web/admin') },
];

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

const absolute = (folder: string) => join(ROOT, folder);
const isInside = (path: string, folder: string) => path === absolute(folder) || path.startsWith(absolute(folder) + sep);

/**
 * The file a specifier names in this repository, without its extension (rules name files the way
 * imports do): relative, or a bare path into src; else a package.
 */
function target(file: string, specifier: string): string | undefined {
  const withoutExtension = specifier.replace(SOURCE, '');
  if (specifier.startsWith('.') || specifier.startsWith('/')) return resolve(dirname(file), withoutExtension);
  const intoSource = /^(?:src\/)?((?:server|web|shared)(?:\/.*)?)$/.exec(withoutExtension);
  return intoSource ? join(ROOT, 'src', intoSource[1]!) : undefined;
}

/** Why `specifier`, imported from `file`, breaks `rule`; null when the rule allows it. */
function breaks(rule: Boundary, file: string, specifier: string): string | null {
  if (rule.browser && (specifier.startsWith('node:') || NODE_BUILTINS.has(specifier.split('/')[0]!))) {
    return 'a Node.js built-in';
  }
  const path = target(file, specifier);
  const into = path && rule.mayNotImport.find((folder) => isInside(path, folder));
  return into ? `inside ${into}` : null;
}

/** Why `specifier`, imported from `file`, breaks any rule that covers the file; null when it is allowed. */
function violation(file: string, specifier: string): string | null {
  for (const rule of BOUNDARIES.filter((r) => isInside(file, r.files))) {
    const why = breaks(rule, file, specifier);
    if (why) return why;
  }
  return null;
}

/** Every import that breaks `rule`, as `<file> imports "<specifier>" (<why>)`. */
function problems(rule: Boundary): string[] {
  return sourceFiles(absolute(rule.files)).flatMap((file) =>
    importSpecifiers(readFileSync(file, 'utf8')).flatMap((specifier) => {
      const why = breaks(rule, file, specifier);
      return why ? [`${relative(ROOT, file)} imports "${specifier}" (${why})`] : [];
    }),
  );
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

  it('applies every rule that covers a file', () => {
    const web = (path: string) => join(ROOT, 'src', 'web', path);
    const server = join(ROOT, 'src', 'server', 'app.ts');
    expect(violation(web('console/app.tsx'), '../../server/config')).toMatch(/src.server/);
    expect(violation(web('console/app.tsx'), 'node:fs')).not.toBeNull();
    expect(violation(server, '../web/visitor/app')).toMatch(/src.web/);
    expect(violation(server, './pages/routes')).toBeNull();
    expect(violation(server, 'node:fs')).toBeNull();
    expect(violation(web('admin/app.tsx'), '../console/header')).toMatch(/src.web.console/);
    expect(violation(web('console/inbox/inbox-view.tsx'), '../../visitor/api')).toMatch(/src.web.visitor/);
    expect(violation(web('visitor/app.tsx'), '../staff-common/session')).toMatch(/src.web.staff-common/);
    expect(violation(web('common/api.ts'), '../admin/pages')).toMatch(/src.web.admin/);
    expect(violation(web('admin/app.tsx'), '../staff-common/session')).toBeNull();
    expect(violation(web('console/app.tsx'), '../common/api')).toBeNull();
    expect(violation(web('admin/app.tsx'), '../../shared/protocol')).toBeNull();
  });

  it('keeps the socket layer from the files that gather the domains, imported with or without extension', () => {
    const hub = join(ROOT, 'src', 'server', 'realtime', 'hub.ts');
    expect(violation(hub, '../modules')).toMatch(/src.server.modules/);
    expect(violation(hub, '../app.js')).toMatch(/src.server.app/);
    expect(violation(hub, '../infrastructure.ts')).toMatch(/src.server.infrastructure/);
    expect(violation(hub, '../conversations/service')).toMatch(/src.server.conversations/);
    expect(violation(hub, '../module')).toBeNull();
    expect(violation(hub, '../events/bus')).toBeNull();
    expect(violation(hub, '../../shared/protocol')).toBeNull();
  });
});

describe('src/shared', () => {
  it('has source files to check', () => {
    expect(sourceFiles(SHARED).length).toBeGreaterThan(0);
  });
});

/** A folder, or a source file named without its extension. */
const exists = (path: string) => existsSync(absolute(path)) || ['.ts', '.tsx'].some((extension) => existsSync(absolute(path) + extension));

describe.each(BOUNDARIES)('$files', (rule) => {
  it('checks a folder with source files, against paths that exist', () => {
    expect(sourceFiles(absolute(rule.files)).length).toBeGreaterThan(0);
    expect(rule.mayNotImport.filter((path) => !exists(path))).toEqual([]);
  });

  it(`imports nothing from ${rule.mayNotImport.join(', ')}${rule.browser ? ' or Node.js' : ''}`, () => {
    expect(problems(rule)).toEqual([]);
  });
});

