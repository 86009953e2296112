/**
 * Every locale's resources, by namespace. Each app imports only the namespaces it needs, so the
 * visitor bundle does not carry the console's strings.
 */
import type { UiLanguage } from './languages';

export const NAMESPACES = ['common', 'visitor', 'console', 'mail', 'admin'] as const;
export type Namespace = (typeof NAMESPACES)[number];
export type LocaleTree = { [key: string]: string | LocaleTree };
