/**
 * The namespaces every locale's resources are split into, one JSON file each at
 * `locales/<language>/<namespace>.json`, and the shape of such a file. Each app loads only the
 * namespaces it needs, so the visitor bundle does not carry the console's strings.
 */
export const NAMESPACES = ['common', 'visitor', 'console', 'mail', 'admin', 'office'] as const;
export type Namespace = (typeof NAMESPACES)[number];
export type LocaleTree = { [key: string]: string | LocaleTree };
