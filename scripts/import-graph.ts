/**
 * The import graph of the server (src/server), for scripts/import-cycles.ts, which prints its cycles,
 * and test/server/import-cycles.test.ts, which keeps the runtime ones at zero. A cycle is a strongly
 * connected component of the graph; nodes are folders of src/server (a top-level file is its own
 * node) or files.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SERVER = join(ROOT, 'src/server');

export interface FileImport {
  from: string;
  to: string;
  /** False only for `import type` and `export type`, the forms erased at run time. */
  runtime: boolean;
}

export type Graph = Map<string, Map<string, string>>; // node → (neighbour → an example "from-file → to-file")

function serverFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return serverFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

function resolveImport(fromFile: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = resolve(dirname(fromFile), specifier);
  return [base, `${base}.ts`, join(base, 'index.ts')].find((candidate) => candidate.endsWith('.ts') && existsSync(candidate));
}

/**
 * Whether a static import or re-export loads the module at run time. Under verbatimModuleSyntax only
 * `import type` and `export type` are erased; `import { type A } from './x'` still loads ./x.
 */
export function isRuntime(statement: ts.ImportDeclaration | ts.ExportDeclaration): boolean {
  if (ts.isExportDeclaration(statement)) return !statement.isTypeOnly;
  return !statement.importClause?.isTypeOnly;
}

function importsOf(file: string): FileImport[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
  return source.statements.flatMap((statement) => {
    if (!ts.isImportDeclaration(statement) && !ts.isExportDeclaration(statement)) return [];
    const specifier = statement.moduleSpecifier;
    if (!specifier || !ts.isStringLiteral(specifier)) return [];
    const to = resolveImport(file, specifier.text);
    return to?.startsWith(SERVER) ? [{ from: file, to, runtime: isRuntime(statement) }] : [];
  });
}

/** `src/server/<folder>` for a file in a folder, the file's own name for a top-level file. */
export function folderOf(file: string): string {
  const [first, ...rest] = relative(SERVER, file).split('/');
  return rest.length > 0 ? `${first}/` : first!;
}

export const shortName = (file: string) => relative(SERVER, file);

export function graphOf(imports: FileImport[], node: (file: string) => string): Graph {
  const graph: Graph = new Map();
  for (const { from, to } of imports) {
    const [a, b] = [node(from), node(to)];
    if (!graph.has(a)) graph.set(a, new Map());
    if (!graph.has(b)) graph.set(b, new Map());
    const edges = graph.get(a)!;
    if (a !== b && !edges.has(b)) edges.set(b, `${shortName(from)} → ${shortName(to)}`);
  }
  return graph;
}

/** Tarjan's strongly connected components, keeping only those of more than one node (the cycles). */
export function cycles(graph: Graph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node)!.keys()) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1) components.push(component.sort());
  };
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) visit(node);
  return components;
}

export function twoWayPairs(graph: Graph): string[] {
  const pairs: string[] = [];
  for (const [a, edges] of graph) for (const b of edges.keys()) if (a < b && graph.get(b)!.has(a)) pairs.push(`${a} ↔ ${b}`);
  return pairs.sort();
}

/** Every static import and re-export from one server file of another. */
export function serverImports(): FileImport[] {
  return serverFiles(SERVER).flatMap(importsOf);
}
