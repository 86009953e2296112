/**
 * The console's routing controls: the availability switch (in the header), the announcement of an
 * offer (the offer itself is shown once, in the waiting queue) and colleagues' availability.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { STAFF_AVAILABILITIES, type ClientFrame, type ServerFrame, type StaffAvailability } from '../../../shared/protocol';
import { Announcer } from '../../common/announcer';
import { languageName } from '../../common/format';
import { useLanguage, useT } from '../../common/i18n';
import { topicName } from '../../common/topic-name';
import { initialRoutingState, pageClock, routingReducer, secondsLeft, type Offer, type RoutingState } from './routing-state';
import './availability.css';

/** Follows the routing frames of the console's connection. */
export function useRouting(listen: (listener: (frame: ServerFrame) => void) => () => void): RoutingState {
  const [state, setState] = useState(initialRoutingState);
  // The console's listener set outlives renders: subscribing once is enough.
  useEffect(
    () =>
      listen((frame) => {
        const receivedAt = pageClock();
        setState((current) => routingReducer(current, frame, receivedAt));
      }),
    [],
  );
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

/**
 * Says once, politely, that a conversation is offered, with the seconds there are to accept it;
 * the countdown on screen (queue.tsx) is a timer that is not read out each second. The same offer
 * sent again after a reconnect keeps its id and its words, so it is not said again.
 */
export function OfferAnnouncer({ latestOffer }: { latestOffer: Offer | null }) {
  const t = useT();
  const language = useLanguage();
  const id = latestOffer ? `${latestOffer.conversation.id}-${latestOffer.expiresAt}` : null;
  const text = useMemo(
    () =>
      latestOffer
        ? t('console:routing.offer.arrived', {
            language: languageName(latestOffer.conversation.language, language),
            topic: topicName(t, latestOffer.conversation.topic, language),
            seconds: secondsLeft(latestOffer, pageClock()),
          })
        : '',
    [id, language],
  );
  return <Announcer id={id} text={text} testId="offer-announcer" />;
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
