import { useEffect, useState } from 'preact/hooks';
import type { Note, ServerFrame } from '../../../shared/protocol';
import { type ApiErrorCode, errorCodeOf } from '../../common/api';
import { errorText } from '../../common/error-text';
import { formatTimeOrDate } from '../../common/format';
import { useLanguage, useT } from '../../common/i18n';
import { addNote, fetchNotes } from './api';

export const NOTE_INPUT_ID = 'note-input';

interface NotesPanelProps {
  conversationId: string;
  /** Live frames from the desk's socket (a colleague's new note arrives as a `note` frame). */
  listen: (listener: (frame: ServerFrame) => void) => () => void;
}

/** Internal notes: for colleagues only, never sent to the visitor; marked so on screen too. */
export function NotesPanel({ conversationId, listen }: NotesPanelProps) {
  const t = useT();
  const notes = useNotes(conversationId, listen);
  const [draft, setDraft] = useState('');
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<ApiErrorCode | null>(null);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!draft.trim() || saving) return;
    setSaving(true);
    setFailure(null);
    try {
      notes.add(await addNote(conversationId, draft));
      setDraft('');
    } catch (error) {
      setFailure(errorCodeOf(error));
    }
    setSaving(false);
  };

  return (
    <section class="panel notes-panel" aria-labelledby="notes-heading" data-testid="notes-panel">
      <h3 id="notes-heading">{t('console:notes.heading')}</h3>
      <p class="hint">{t('console:notes.staffOnly')}</p>
      {notes.list.length === 0 ? (
        <p class="empty">{t('console:notes.empty')}</p>
      ) : (
        <ul class="notes-list" data-testid="notes-list">
          {notes.list.map((note) => (
            <NoteItem key={note.id} note={note} />
          ))}
        </ul>
      )}
      <form onSubmit={submit} class="note-form">
        <label for={NOTE_INPUT_ID}>{t('console:notes.new')}</label>
        <textarea
          id={NOTE_INPUT_ID}
          data-testid="note-input"
          rows={2}
          value={draft}
          onInput={(event) => setDraft(event.currentTarget.value)}
        />
        {failure && (
          <p class="field-error" role="alert">
            {errorText(t, failure)}
          </p>
        )}
        <button type="submit" class="secondary" data-testid="note-submit" disabled={saving}>
          {t('console:notes.add')}
        </button>
      </form>
    </section>
  );
}

function NoteItem({ note }: { note: Note }) {
  const language = useLanguage();
  return (
    <li class="note" data-testid="note">
      <p class="message-meta">
        <span class="message-sender">{note.author.name}</span>{' '}
        <time dateTime={note.createdAt}>{formatTimeOrDate(note.createdAt, language)}</time>
      </p>
      <p class="note-body">{note.body}</p>
    </li>
  );
}

/** The conversation's notes: loaded once, then kept up to date from the live `note` frames. */
function useNotes(conversationId: string, listen: NotesPanelProps['listen']) {
  const [list, setList] = useState<Note[]>([]);
  const add = (note: Note) =>
    setList((current) => (current.some((known) => known.id === note.id) ? current : [...current, note]));
  useEffect(() => {
    setList([]);
    fetchNotes(conversationId).then(
      (loaded) => setList((live) => [...loaded, ...live.filter((note) => !loaded.some((known) => known.id === note.id))]),
      (error: unknown) => console.warn('Notes unavailable', error),
    );
    return listen((frame) => {
      if (frame.type === 'note' && frame.note.conversationId === conversationId) add(frame.note);
    });
  }, [conversationId]);
  return { list, add };
}
