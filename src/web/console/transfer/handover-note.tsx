import { useEffect, useState } from 'preact/hooks';
import type { ServerFrame, TransferNote } from '../../../shared/protocol';
import { formatTimeOrDate } from '../../common/format';
import { useLanguage, useT } from '../../common/i18n';
import { fetchTransferNotes } from './api';

interface HandoverNoteProps {
  conversationId: string;
  listen: (listener: (frame: ServerFrame) => void) => () => void;
}

/** The note a colleague left when handing this conversation over; only its receiver gets one. */
export function HandoverNote({ conversationId, listen }: HandoverNoteProps) {
  const t = useT();
  const language = useLanguage();
  const note = useHandoverNote(conversationId, listen);
  if (!note) return null;
  return (
    <section class="panel handover-note" aria-labelledby="handover-heading" data-testid="handover-note">
      <h3 id="handover-heading">{t('console:transfer.noteFrom', { name: note.from.name })}</h3>
      <p class="handover-text">{note.note}</p>
      <p class="hint">
        <time dateTime={note.at}>{formatTimeOrDate(note.at, language)}</time>
      </p>
    </section>
  );
}

/** The newest note for the conversation: stored ones when it opens, then live ones. */
function useHandoverNote(conversationId: string, listen: HandoverNoteProps['listen']): TransferNote | null {
  const [note, setNote] = useState<TransferNote | null>(null);
  useEffect(() => {
    let current = true;
    setNote(null);
    fetchTransferNotes().then(
      (notes) => {
        const newest = notes.filter((candidate) => candidate.conversationId === conversationId).at(-1);
        if (current && newest) setNote((live) => live ?? newest);
      },
      (error: unknown) => console.warn('Transfer notes unavailable', error),
    );
    const stop = listen((frame) => {
      if (frame.type === 'transfer.note' && frame.note.conversationId === conversationId) setNote(frame.note);
    });
    return () => {
      current = false;
      stop();
    };
  }, [conversationId]);
  return note;
}
