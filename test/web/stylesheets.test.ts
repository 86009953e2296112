/**
 * Every stylesheet parses as written. A browser closes a block left open at the end of a file
 * without a word, so one missing brace silently moves every later rule inside the block before it
 * (an `@media print` swallowed /admin's help-editor and privacy styles that way).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import postcss from 'postcss';
import { describe, expect, it } from 'vitest';

const WEB = join(import.meta.dirname, '../../src/web');
const STYLESHEETS = readdirSync(WEB, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.css'));

describe('stylesheets', () => {
  it('are found', () => {
    expect(STYLESHEETS).toContain(join('admin', 'admin.css'));
  });

  it.each(STYLESHEETS)('%s closes every block it opens', (file) => {
    expect(() => postcss.parse(readFileSync(join(WEB, file), 'utf8'), { from: file })).not.toThrow();
  });

});
