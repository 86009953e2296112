import type { AuthService } from '../auth/service';
import type { ConversationService } from '../conversations/service';
import type { Desk } from '../desks/desk';
import type { Hub } from './hub';
import type { RateLimiter } from './rate-limit';

export interface RealtimeDeps {
  desk: Desk;
  conversations: ConversationService;
  auth: AuthService;
  hub: Hub;
  rateLimiter: RateLimiter;
}
