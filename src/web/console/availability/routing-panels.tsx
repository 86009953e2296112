/**
 * The console's routing controls: the availability switch (in the header), the conversations
 * offered to this consultant with Accept and Decline, and colleagues' availability.
 */
import { useEffect, useState } from 'preact/hooks';
import { STAFF_AVAILABILITIES, type ClientFrame, type ServerFrame, type StaffAvailability } from '../../../shared/protocol';
import { Announcer } from '../../common/announcer';
import { formatTimeOrDate, languageName } from '../../common/format';
import { useLanguage, useT } from '../../common/i18n';
import { topicName } from '../../common/topic-name';
import { visitorLabel } from '../labels';
import { ConversationFacts } from '../queue';
import { initialRoutingState, routingReducer, type Offer, type RoutingState } from './routing-state';
import './availability.css';

/** Follows the routing frames of the console's connection. */
export function useRouting(listen: (listener: (frame: ServerFrame) => void) => () => void): RoutingState {
  const [state, setState] = useState(initialRoutingState);
  // The console's listener set outlives renders: subscribing once is enough.
  useEffect(() => listen((frame) => setState((current) => routingReducer(current, frame))), []);
  return state;
}

interface AvailabilitySwitchProps {
  availability: StaffAvailability | null;
  send: (frame: ClientFrame) => boolean;
}

export function AvailabilitySwitch({ availability, send }: AvailabilitySwitchProps) {
  const t = useT();
  if (!availability) return null;
  return (
    <div class="availability">
      <label for="availability-select">{t('console:routing.availability')}</label>
      <select
        id="availability-select"
        data-testid="availability-select"
        data-availability={availability}
        value={availability}
        onChange={(event) => send({ type: 'staff.availability', availability: event.currentTarget.value as StaffAvailability })}
      >
        {STAFF_AVAILABILITIES.map((state) => (
          <option key={state} value={state}>
            {t(`console:routing.states.${state}`)}
          </option>
        ))}
      </select>
    </div>
  );
}

interface OffersProps {
  offers: Offer[];
  latestOffer: Offer | null;
  onAccept: (conversationId: string) => void;
  onDecline: (conversationId: string) => void;
}

export function Offers({ offers, latestOffer, onAccept, onDecline }: OffersProps) {
  const t = useT();
  const language = useLanguage();
  const announced = latestOffer
    ? t('console:routing.offer.arrived', {
        language: languageName(latestOffer.conversation.language, language),
        topic: topicName(t, latestOffer.conversation.topic, language),
      })
    : '';
  return (
    <>
      {offers.length > 0 && (
        <section class="panel offers" aria-labelledby="offers-heading" data-testid="offers">
          <h2 id="offers-heading">{t('console:routing.offer.heading')}</h2>
          <ul class="conversation-list">
            {offers.map((offer) => (
              <OfferItem key={offer.conversation.id} offer={offer} onAccept={onAccept} onDecline={onDecline} />
            ))}
          </ul>
        </section>
      )}
      <Announcer id={latestOffer ? `${latestOffer.conversation.id}-${latestOffer.expiresAt}` : null} text={announced} testId="offer-announcer" />
    </>
  );
}

function OfferItem({ offer, onAccept, onDecline }: { offer: Offer } & Pick<OffersProps, 'onAccept' | 'onDecline'>) {
  const t = useT();
  const language = useLanguage();
  const name = visitorLabel(offer.conversation, t('console:queue.anonymous'));
  const id = offer.conversation.id;
  return (
    <li class="conversation-card offer" data-testid="offer" data-conversation-id={id}>
      <p class="visitor-name">{name}</p>
      <ConversationFacts conversation={offer.conversation} />
      <p>
        <time dateTime={offer.expiresAt}>{t('console:routing.offer.until', { time: formatTimeOrDate(offer.expiresAt, language) })}</time>
      </p>
      <div class="offer-actions">
        <button type="button" data-testid="offer-accept" onClick={() => onAccept(id)}>
          {t('console:routing.offer.accept')}
          <span class="visually-hidden"> {t('console:routing.offer.context', { name })}</span>
        </button>
        <button type="button" class="secondary" data-testid="offer-decline" onClick={() => onDecline(id)}>
          {t('console:routing.offer.decline')}
          <span class="visually-hidden"> {t('console:routing.offer.context', { name })}</span>
        </button>
      </div>
    </li>
  );
}

export function Colleagues({ colleagues }: Pick<RoutingState, 'colleagues'>) {
  const t = useT();
  if (colleagues.length === 0) return null;
  return (
    <section class="panel" aria-labelledby="colleagues-heading" data-testid="colleagues">
      <h2 id="colleagues-heading">{t('console:routing.colleagues')}</h2>
      <ul class="colleagues">
        {colleagues.map((colleague) => (
          <li key={colleague.id} data-testid="colleague" data-availability={colleague.availability}>
            <span class={`presence presence--${colleague.availability}`} aria-hidden="true" />
            {t('console:routing.colleague', { name: colleague.name, state: t(`console:routing.states.${colleague.availability}`) })}
          </li>
        ))}
      </ul>
    </section>
  );
}
