/**
 * No import cycle at run time in the server, between its folders or between its files: a cycle
 * makes module load order matter (a value read before its module ran is undefined). Type-only
 * imports may still form cycles; `npx tsx scripts/import-cycles.ts` lists those too.
 */
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { cycles, folderOf, graphOf, isRuntime, serverImports, shortName } from '../../scripts/import-graph';

const runtimeImports = serverImports().filter((fileImport) => fileImport.runtime);

function firstStatement(code: string): ts.ImportDeclaration | ts.ExportDeclaration {
  const statement = ts.createSourceFile('x.ts', code, ts.ScriptTarget.Latest).statements[0];
  if (!statement || !(ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement))) throw new Error(`not an import: ${code}`);
  return statement;
}

describe('the import graph', () => {
  it('sees the server import something at run time', () => {
    expect(runtimeImports.length).toBeGreaterThan(0);
  });

  it('counts an import as type-only only when written `import type` or `export type` (verbatimModuleSyntax)', () => {
    expect(isRuntime(firstStatement(`import type { A } from './x';`))).toBe(false);
    expect(isRuntime(firstStatement(`export type { A } from './x';`))).toBe(false);
    expect(isRuntime(firstStatement(`import { type A } from './x';`))).toBe(true);
    expect(isRuntime(firstStatement(`export { type A } from './x';`))).toBe(true);
    expect(isRuntime(firstStatement(`import './x';`))).toBe(true);
    expect(isRuntime(firstStatement(`import { a } from './x';`))).toBe(true);
  });

  it('finds a cycle', () => {
    const imports = [
      { from: '/a.ts', to: '/b.ts', runtime: true },
      { from: '/b.ts', to: '/a.ts', runtime: true },
    ];
    expect(cycles(graphOf(imports, (file) => file))).toEqual([['/a.ts', '/b.ts']]);
  });
});

describe('the server at run time', () => {
  it('has no import cycle between its folders', () => {
    expect(cycles(graphOf(runtimeImports, folderOf))).toEqual([]);
  });

  it('has no import cycle between its files', () => {
    expect(cycles(graphOf(runtimeImports, shortName))).toEqual([]);
  });
});
