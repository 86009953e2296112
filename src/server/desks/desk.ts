import type { Config } from '../config';

/**
 * One office department's service: its hours, languages and topics, as configured, with its id.
 * Every conversation and staff account belongs to one.
 */
export type Desk = Config['desk'] & {
  id: string;
  maxMessageLength: number;
};
