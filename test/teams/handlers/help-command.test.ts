import assert from 'node:assert/strict';
import { translatorFor } from '../../../src/i18n';
import { BotServices } from '../../../src/teams/bot-services';
import { REGISTRY } from '../../../src/teams/handlers/registry';
import { Turn } from '../../../src/teams/turn';

/** Help is the first thing a person tries: it answers whatever the question of who may act runs into. */
describe('help', () => {
  it('lists everything, and logs why, when asking whether the reader may act fails in an unexpected way', async () => {
    const sent: { attachments?: { content: unknown }[] }[] = [];
    const warnings: string[] = [];
    const turn = {
      context: { sendActivity: async (activity: (typeof sent)[number]) => (sent.push(activity), { id: '1' }) },
      requester: { id: 'megan', displayName: 'Megan' },
      t: translatorFor('en'),
    } as unknown as Turn;
    const services = {
      invitations: { access: { mayAct: () => Promise.reject(new TypeError('not a directory error')) } },
      logger: { warn: (_details: unknown, message: string) => warnings.push(message) },
    } as unknown as BotServices;
    await REGISTRY.commands.get('help')!.handle(turn, { name: 'help' }, services, REGISTRY);
    const card = JSON.stringify(sent[0]?.attachments?.[0]?.content);
    assert.ok(card.includes('invite EMAIL'), 'the whole list');
    assert.deepEqual(warnings, ['help: could not tell whether the reader may act']);
  });
});
