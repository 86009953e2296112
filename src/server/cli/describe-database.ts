import { resolve } from 'node:path';

/** Which database a command used, without the password a PostgreSQL URL may carry. */
export function describeDatabase(url: string): string {
  if (url.startsWith('sqlite:')) return `SQLite ${resolve(url.slice('sqlite:'.length))}`;
  const parsed = new URL(url);
  return `PostgreSQL ${parsed.hostname}${parsed.port ? `:${parsed.port}` : ''}${parsed.pathname}`;
}
