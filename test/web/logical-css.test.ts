/**
 * The visitor's styles mirror in a right-to-left language because they name sides logically
 * (margin-inline-start, border-block-end…): a physical left or right would stay put in Arabic.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const WEB = join(import.meta.dirname, '../../src/web');
const VISITOR_STYLES = ['visitor', 'common'].flatMap((app) =>
  readdirSync(join(WEB, app), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.css'))
    .map((file) => join(app, file)),
);

const PHYSICAL = [
  /\b(margin|padding|border)-(left|right|top|bottom)\b/,
  /^\s*(left|right|top|bottom)\s*:/,
  /\b(text-align|float|clear)\s*:\s*(left|right)\b/,
  /\bborder-(top|bottom)-(left|right)-radius\b/,
];

describe('visitor styles', () => {
  it('are found', () => {
    expect(VISITOR_STYLES).toContain(join('visitor', 'visitor.css'));
  });

  it('name no physical side', () => {
    const physical = VISITOR_STYLES.flatMap((file) =>
      readFileSync(join(WEB, file), 'utf8')
        .split('\n')
        .map((line, index) => ({ line: line.trim(), at: `${file}:${index + 1}` }))
        .filter(({ line }) => PHYSICAL.some((pattern) => pattern.test(line)))
        .map(({ line, at }) => `${at}: ${line}`),
    );
    expect(physical).toEqual([]);
  });
});
