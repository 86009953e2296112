/**
 * The namespaces every locale's resources are split into, one JSON file each at
 * `locales/<language>/<namespace>.json`, and the shape of such a file. Each app loads only the
 * namespaces it needs, so the visitor bundle does not carry the console's strings.
 */
export const NAMESPACES = ['common', 'visitor', 'console', 'mail', 'admin', 'office'] as const;
export type Namespace = (typeof NAMESPACES)[number];
/**
 * What a visitor sees (pages, e-mails, transcripts, `.ics`, errors): every interface language has
 * these. The staff apps' namespaces (`console`, `admin`) exist only in the staff languages
 * (`staff: true` in `languages.json`).
 */
export const VISITOR_NAMESPACES = ['common', 'visitor', 'mail', 'office'] as const satisfies readonly Namespace[];
/** The namespaces the visitor page loads before its first screen (the server hints them in its HTML). */
export const VISITOR_PAGE_NAMESPACES = ['common', 'visitor'] as const satisfies readonly Namespace[];
export type LocaleTree = { [key: string]: string | LocaleTree };
