import type { AuthService } from '../auth/service';
import type { CallService } from '../calls/service';
import type { ConversationService } from '../conversations/service';
import type { Desk } from '../desks/desk';
import type { Presence } from '../routing/presence';
import type { RoutingService } from '../routing/service';
import type { SignalService } from '../signals/service';
import type { Hub } from './hub';
import type { RateLimiter } from './rate-limit';

export interface RealtimeDeps {
  desk: Desk;
  conversations: ConversationService;
  auth: AuthService;
  hub: Hub;
  rateLimiter: RateLimiter;
  routing: RoutingService;
  presence: Presence;
  /** Typing indicators and read receipts. */
  signals: SignalService;
  /** Voice and video calls: state and signalling. */
  calls: CallService;
}
