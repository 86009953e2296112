/**
 * Lists the import cycles of the server: between folders of src/server (a top-level file is its own
 * node), once for runtime imports and once for all imports (type-only ones included), and between
 * files for runtime imports. A cycle is a strongly connected component of the import graph; each
 * arrow inside one is shown with one file that makes it.
 *   npx tsx scripts/import-cycles.ts
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SERVER = join(ROOT, 'src/server');

interface FileImport {
  from: string;
  to: string;
  /** False when the import names only types (`import type`, `export type`, every specifier `type`). */
  runtime: boolean;
}

type Graph = Map<string, Map<string, string>>; // node → (neighbour → an example "from-file → to-file")

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

/** Whether a static import or re-export brings in a value; a bare `import './x'` does (its side effects). */
function isRuntime(statement: ts.ImportDeclaration | ts.ExportDeclaration): boolean {
  if (ts.isExportDeclaration(statement)) {
    if (statement.isTypeOnly) return false;
    const clause = statement.exportClause;
    return !(clause && ts.isNamedExports(clause) && clause.elements.length > 0 && clause.elements.every((e) => e.isTypeOnly));
  }
  const clause = statement.importClause;
  if (!clause) return true;
  if (clause.isTypeOnly) return false;
  if (clause.name) return true;
  const bindings = clause.namedBindings;
  if (!bindings || ts.isNamespaceImport(bindings)) return true;
  return bindings.elements.length === 0 || bindings.elements.some((e) => !e.isTypeOnly);
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
function folderOf(file: string): string {
  const [first, ...rest] = relative(SERVER, file).split('/');
  return rest.length > 0 ? `${first}/` : first!;
}

const shortName = (file: string) => relative(SERVER, file);

function graphOf(imports: FileImport[], node: (file: string) => string): Graph {
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
function cycles(graph: Graph): string[][] {
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

function twoWayPairs(graph: Graph): string[] {
  const pairs: string[] = [];
  for (const [a, edges] of graph) for (const b of edges.keys()) if (a < b && graph.get(b)!.has(a)) pairs.push(`${a} ↔ ${b}`);
  return pairs.sort();
}

function report(title: string, graph: Graph): void {
  const components = cycles(graph);
  const pairs = twoWayPairs(graph);
  console.log(`\n## ${title}: ${components.length} cycle(s), ${pairs.length} two-way pair(s)`);
  components.forEach((component, i) => {
    console.log(`\n${i + 1}. ${component.join(', ')}`);
    for (const a of component) {
      for (const [b, example] of graph.get(a)!) if (component.includes(b)) console.log(`   ${a} → ${b}   (${example})`);
    }
  });
  if (pairs.length > 0) console.log(`\ntwo-way pairs: ${pairs.join('; ')}`);
}

const imports = serverFiles(SERVER).flatMap(importsOf);
const runtime = imports.filter((i) => i.runtime);
report('Folders, runtime imports', graphOf(runtime, folderOf));
report('Folders, all imports (type-only included)', graphOf(imports, folderOf));
report('Files, runtime imports', graphOf(runtime, shortName));
