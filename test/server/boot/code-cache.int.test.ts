/**
 * The launcher `npm start` runs (src/server/boot): it runs a bundle from V8's code cache, writes a
 * cache when it has none or V8 refuses the one it has, and maps stacks to the TypeScript sources.
 * Exercised on a small bundle built the way scripts/build-server.ts builds the server's.
 */
import { execFile } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bundleWithLauncher } from '../../../scripts/build-server';
import { codeCachePath, compileBundle } from '../../../src/server/boot/code-cache';
import { REPO_ROOT } from '../../support/launcher';

const FIXTURE = join(REPO_ROOT, 'test', 'server', 'boot', 'fixture-server.ts');
const run = promisify(execFile);

/** Runs the launcher to its end (it writes a cache, when it does, before it exits); resolves what it printed. */
async function launch(launcher: string): Promise<string> {
  return (await run(process.execPath, [launcher])).stdout;
}

describe('the launcher', () => {
  let outDir: string;
  let built: { launcher: string; bundle: string };

  beforeEach(async () => {
    mkdirSync(join(REPO_ROOT, 'dist'), { recursive: true });
    outDir = mkdtempSync(join(REPO_ROOT, 'dist', '.boot-test-'));
    built = await bundleWithLauncher(FIXTURE, outDir);
  });

  afterEach(() => {
    rmSync(outDir, { recursive: true, force: true });
  });

  it('writes a code cache on a start that has none, and V8 takes it on the next', async () => {
    expect(existsSync(codeCachePath(built.bundle))).toBe(false);
    expect(compileBundle(built.bundle).cache).toBe('missing');
    await launch(built.launcher);
    expect(statSync(codeCachePath(built.bundle)).size).toBeGreaterThan(0);
    expect(compileBundle(built.bundle).cache).toBe('used');
  });

  it('replaces a cache V8 refuses, as after a rebuild, instead of compiling on every start', async () => {
    await launch(built.launcher);
    appendFileSync(built.bundle, '\n// changed\n');
    expect(compileBundle(built.bundle).cache).toBe('rejected');
    await launch(built.launcher);
    expect(compileBundle(built.bundle).cache).toBe('used');
  });

  it('shows stack frames at their line in the TypeScript source', async () => {
    const stack = await launch(built.launcher);
    expect(stack).toContain('Error: thrown on line 3');
    expect(stack).toContain(`at throwHere (${FIXTURE}:3:9)`);
    expect(readFileSync(FIXTURE, 'utf8').split('\n')[2]).toContain("throw new Error('thrown on line 3')");
  });
});
