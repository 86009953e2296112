/**
 * An article version as a Markdown file with YAML front matter, the form an office keeps its
 * articles in outside the desk: `<topic>/<slug>.<language>.md`.
 */
import { dump, JSON_SCHEMA, load } from 'js-yaml';
import type { HelpArticleInput, HelpVersionInput } from '../../shared/protocol';
import { AppError } from '../errors';

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/;

export interface HelpMarkdownVersion extends HelpVersionInput {
  topic: HelpArticleInput['topic'];
  slug: HelpArticleInput['slug'];
}

export function toMarkdownFile(version: HelpMarkdownVersion): { name: string; content: string } {
  const { body, ...fields } = version;
  const header = dump(fields, { lineWidth: -1, sortKeys: false }).trimEnd();
  return { name: `${version.topic}/${version.slug}.${version.language}.md`, content: `---\n${header}\n---\n${body}` };
}

/** The fields of one file; the caller validates them (help_import_invalid names the file otherwise). */
export function fromMarkdownFile(file: { name: string; content: string }): Record<string, unknown> {
  const parts = FRONT_MATTER.exec(file.content);
  if (!parts) throw new AppError('help_import_invalid', `${file.name}: no front matter`);
  let fields: unknown;
  try {
    fields = load(parts[1]!, { schema: JSON_SCHEMA });
  } catch {
    throw new AppError('help_import_invalid', `${file.name}: front matter is not YAML`);
  }
  if (fields === null || typeof fields !== 'object' || Array.isArray(fields)) throw new AppError('help_import_invalid', `${file.name}: front matter is not a mapping`);
  return { ...fields, body: parts[2]! };
}
