/** The start page's honest "open": the desk info says in which languages someone can answer now. */
import { describe, expect, it } from 'vitest';
import type { DeskInfo } from '../../../src/shared/protocol';
import { databaseTargets } from '../../support/databases';
import { until } from '../../support/deadline';
import { connectedConsultant, routingServerForEachTest } from '../routing/support';

describe.each(databaseTargets)('who is on duty, in the desk info, on $engine', (target) => {
  const server = routingServerForEachTest(target, { LANGUAGES: 'pl,en,uk' });

  async function onDuty(): Promise<string[]> {
    const response = await server().app.server.inject({ method: 'GET', url: '/api/desk' });
    expect(response.statusCode).toBe(200);
    return (response.json() as DeskInfo).languagesOnDuty;
  }

  it('is empty while nobody is connected, has the languages of whoever is available, and loses those of someone away', async () => {
    expect(await onDuty()).toEqual([]);

    const ukrainian = await connectedConsultant(server(), { name: 'Olena', languages: ['pl', 'uk'] });
    expect(await onDuty()).toEqual(['pl', 'uk']);

    // Spoken but not offered by this desk: not a language a visitor could start in.
    const english = await connectedConsultant(server(), { name: 'Anna', languages: ['en', 'ru'] });
    expect(await onDuty()).toEqual(['pl', 'en', 'uk']);

    ukrainian.socket.send({ type: 'staff.availability', availability: 'away' });
    await english.socket.next('staff.presence', (f) => f.staff.id === ukrainian.id && f.staff.availability === 'away');
    expect(await onDuty()).toEqual(['en']);

    english.socket.close();
    await until('the closed socket no longer to count', async () => (await onDuty()).length === 0);
  });
});
