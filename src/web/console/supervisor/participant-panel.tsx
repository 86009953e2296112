import { useState } from 'preact/hooks';
import type { ConversationSummary, Participant } from '../../../shared/protocol';
import { type ApiErrorCode, errorCodeOf } from '../../common/api';
import { errorText } from '../../common/error-text';
import { useT } from '../../common/i18n';
import { leaveConversation } from './api';

interface ParticipantPanelProps {
  conversation: ConversationSummary;
  me: Participant;
  /** Called once this staff member has left, with what to tell them. */
  onHandedOff: (text: string) => void;
}

/** For staff who joined beside the assignee: who handles the conversation, and a way out. */
export function ParticipantPanel({ conversation, me, onHandedOff }: ParticipantPanelProps) {
  const t = useT();
  const [leaving, setLeaving] = useState(false);
  const [failure, setFailure] = useState<ApiErrorCode | null>(null);
  const leave = async () => {
    setLeaving(true);
    setFailure(null);
    try {
      await leaveConversation(conversation.id);
      onHandedOff(t('console:supervisor.left'));
    } catch (error) {
      setFailure(errorCodeOf(error));
      setLeaving(false);
    }
  };
  return (
    <section class="panel" aria-labelledby="participant-heading" data-testid="participant-panel">
      <h3 id="participant-heading">{t(`console:supervisor.joinedAs.${me.role}`)}</h3>
      {conversation.assignee && <p class="hint">{t('console:supervisor.handledBy', { name: conversation.assignee.name })}</p>}
      {failure && (
        <p class="field-error" role="alert">
          {errorText(t, failure)}
        </p>
      )}
      <button type="button" class="secondary" data-testid="leave-conversation" disabled={leaving} onClick={leave}>
        {t('console:supervisor.leave')}
      </button>
    </section>
  );
}
