import type { UiLanguage } from '../../../shared/languages';
import type { ConversationSummary, ServerFrame } from '../../../shared/protocol';
import { ParticipantPanel } from '../supervisor/participant-panel';
import { HandoverNote } from './handover-note';
import { TransferPanel } from './transfer-panel';

/** What the conversation view needs to let its staff member hand the conversation on or leave it. */
export interface HandOnContext {
  myId: string;
  /** The desk's languages and topics, for a transfer back to another queue. */
  languages: readonly UiLanguage[];
  topics: readonly string[];
  /** The conversation is no longer this staff member's: tell them `text`. */
  onHandedOff: (text: string) => void;
}

interface HandOnPanelProps extends HandOnContext {
  conversation: ConversationSummary;
  listen: (listener: (frame: ServerFrame) => void) => () => void;
}

/** The assignee's note from whoever handed it over and their transfer form; a participant's way out. */
export function HandOnPanel({ conversation, listen, ...context }: HandOnPanelProps) {
  if (conversation.assignee?.id === context.myId) {
    return (
      <>
        <HandoverNote conversationId={conversation.id} listen={listen} />
        {conversation.status === 'active' && <TransferPanel conversation={conversation} {...context} />}
      </>
    );
  }
  const me = conversation.participants?.find((participant) => participant.id === context.myId);
  if (!me || conversation.status !== 'active') return null;
  return <ParticipantPanel conversation={conversation} me={me} onHandedOff={context.onHandedOff} />;
}
