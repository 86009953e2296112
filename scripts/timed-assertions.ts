/**
 * Finds the places where a test compares elapsed wall-clock time with a bound: an `expect(...)`
 * ordering matcher, or a `<`/`>` comparison, over a value that comes from reading the clock
 * (`performance.now()`, `Date.now()`, `process.hrtime()`, `new Date()`), directly or through local
 * variables. Such a test fails when the machine is busy, not when the code is wrong; performance
 * belongs in `npm run bench`. The deadline helpers that end a hung wait must compare the clock:
 * they are named in an allow-list. test/scripts/timed-assertions.test.ts runs this over the suite.
 *   npx tsx scripts/timed-assertions.ts
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

export interface TimedAssertion {
  file: string;
  line: number;
  text: string;
}

/** file (relative to the repository) → functions that may compare the clock to end a hung wait. */
export type DeadlineHelpers = Record<string, readonly string[]>;

export const DEADLINE_HELPERS: DeadlineHelpers = {
  'test/support/launcher.ts': ['launchScript'],
  'test/support/deadline.ts': ['until'],
};

const CLOCK_CALLS = new Set(['performance.now', 'Date.now', 'process.hrtime', 'process.hrtime.bigint', 'process.uptime', 'Date']);
const ORDERING_MATCHERS = new Set(['toBeLessThan', 'toBeLessThanOrEqual', 'toBeGreaterThan', 'toBeGreaterThanOrEqual', 'toBeCloseTo']);
const ORDERING_OPERATORS = new Set([
  ts.SyntaxKind.LessThanToken,
  ts.SyntaxKind.LessThanEqualsToken,
  ts.SyntaxKind.GreaterThanToken,
  ts.SyntaxKind.GreaterThanEqualsToken,
]);

/** Calendar fields and texts of a clock-derived date (the hour, the weekday, ISO text) are not elapsed time. */
const MEASURING_METHODS = new Set(['getTime', 'valueOf']);

function isCalendarRead(node: ts.Node): boolean {
  if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression)) return false;
  const method = node.expression.name.text;
  return /^(get|to)[A-Z]/.test(method) && !MEASURING_METHODS.has(method);
}

/** `a.message`: the property's name is not a reference to a variable called `message`. */
function isPropertyName(node: ts.Identifier): boolean {
  const parent = node.parent;
  return (ts.isPropertyAccessExpression(parent) && parent.name === node) || (ts.isPropertyAssignment(parent) && parent.name === node);
}

function isClockRead(node: ts.Node): boolean {
  if (ts.isCallExpression(node)) return CLOCK_CALLS.has(node.expression.getText());
  return ts.isNewExpression(node) && node.expression.getText() === 'Date' && (node.arguments?.length ?? 0) === 0;
}

function someDescendant(node: ts.Node, test: (node: ts.Node) => boolean): boolean {
  if (isCalendarRead(node)) return false;
  if (test(node)) return true;
  return ts.forEachChild(node, (child) => (someDescendant(child, test) ? true : undefined)) ?? false;
}

function visit(node: ts.Node, each: (node: ts.Node) => void): void {
  each(node);
  ts.forEachChild(node, (child) => visit(child, each));
}

/** Names of local variables whose value derives from a clock read (by name, file-wide: a slight over-approximation). */
function clockDerivedNames(source: ts.SourceFile): Set<string> {
  const derived = new Set<string>();
  const readsClock = (node: ts.Node) => someDescendant(node, (n) => isClockRead(n) || (ts.isIdentifier(n) && derived.has(n.text) && !isPropertyName(n)));
  for (let grew = true; grew; ) {
    grew = false;
    visit(source, (node) => {
      let name: string | undefined;
      if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer && readsClock(node.initializer)) name = node.name.text;
      if (ts.isBinaryExpression(node) && ts.isIdentifier(node.left) && node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && node.operatorToken.kind <= ts.SyntaxKind.LastAssignment && readsClock(node.right)) {
        name = node.left.text;
      }
      if (name && !derived.has(name)) {
        derived.add(name);
        grew = true;
      }
    });
  }
  return derived;
}

/** The `expect(...)` call at the root of a matcher chain like `expect(x).not.toBeLessThan(y)`. */
function expectCallOf(node: ts.Expression): ts.CallExpression | undefined {
  let current: ts.Expression = node;
  while (ts.isPropertyAccessExpression(current)) current = current.expression;
  if (!ts.isCallExpression(current)) return undefined;
  const callee = current.expression.getText();
  return callee === 'expect' || callee === 'expect.soft' ? current : undefined;
}

function enclosingFunctionName(node: ts.Node): string | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if ((ts.isFunctionDeclaration(current) || ts.isMethodDeclaration(current)) && current.name) return current.name.getText();
    if ((ts.isArrowFunction(current) || ts.isFunctionExpression(current)) && ts.isVariableDeclaration(current.parent)) return current.parent.name.getText();
  }
  return undefined;
}

export function findTimedAssertions(file: string, code: string, deadlineHelpers: readonly string[] = []): TimedAssertion[] {
  const source = ts.createSourceFile(file, code, ts.ScriptTarget.Latest, true);
  const derived = clockDerivedNames(source);
  const readsClock = (node: ts.Node) => someDescendant(node, (n) => isClockRead(n) || (ts.isIdentifier(n) && derived.has(n.text) && !isPropertyName(n)));
  const found: TimedAssertion[] = [];
  const report = (node: ts.Node) => {
    const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
    found.push({ file, line, text: node.getText().replace(/\s+/g, ' ').slice(0, 160) });
  };
  visit(source, (node) => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && ORDERING_MATCHERS.has(node.expression.name.text)) {
      const expectCall = expectCallOf(node.expression.expression);
      if (expectCall && [expectCall.arguments[0], ...node.arguments].some((arg) => arg && readsClock(arg))) report(node);
      return;
    }
    if (ts.isBinaryExpression(node) && ORDERING_OPERATORS.has(node.operatorToken.kind) && (readsClock(node.left) || readsClock(node.right))) {
      const helper = enclosingFunctionName(node);
      if (!helper || !deadlineHelpers.includes(helper)) report(node);
    }
  });
  return found;
}

function typeScriptFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return typeScriptFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Every timed assertion in the repository's tests (test/ and e2e/, their support code included). */
export function findTimedAssertionsInSuite(root: string, deadlineHelpers: DeadlineHelpers = DEADLINE_HELPERS): TimedAssertion[] {
  return ['test', 'e2e'].flatMap((dir) =>
    typeScriptFiles(join(root, dir)).flatMap((path) => {
      const file = relative(root, path);
      return findTimedAssertions(file, readFileSync(path, 'utf8'), deadlineHelpers[file] ?? []);
    }),
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const found = findTimedAssertionsInSuite(join(import.meta.dirname, '..'));
  for (const assertion of found) console.log(`${assertion.file}:${assertion.line}  ${assertion.text}`);
  console.log(`${found.length} timed assertion(s)`);
  process.exitCode = found.length ? 1 : 0;
}
