/**
 * A visually hidden polite live region holding only the newest announcement. Logs themselves
 * stay silent (aria-live="off"), so history loaded on a reconnect or a sync is not read out;
 * `id` changes once per thing to announce, so each is spoken once.
 */
export function Announcer({ id, text, testId = 'announcer' }: { id: string | number | null; text: string; testId?: string }) {
  return (
    <div class="visually-hidden" aria-live="polite" aria-atomic="true" data-testid={testId}>
      {id !== null && text && <p key={id}>{text}</p>}
    </div>
  );
}
