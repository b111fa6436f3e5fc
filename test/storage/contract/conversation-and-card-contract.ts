import assert from 'node:assert/strict';
import { CardLocation } from '../../../src/storage';
import type { CurrentStore } from '../store-contract';

const reference = (serviceUrl: string) => ({
  activityId: 'activity-1',
  user: { id: '29:user', aadObjectId: 'requester-ayse' },
  bot: { id: '28:bot', name: 'GuestPass' },
  conversation: { id: 'a:conversation', conversationType: 'personal', tenantId: 'tenant-1' },
  channelId: 'msteams',
  serviceUrl,
});

const card = (conversationId: string, activityId: string, serviceUrl = 'https://smba.example/emea/'): CardLocation => ({
  conversationId,
  activityId,
  serviceUrl,
  kind: 'channel',
});

export function describeConversationAndCardContract(store: CurrentStore): void {
  describe('conversation references', () => {
    it('saves, overwrites and reads back', async () => {
      await store().conversations.save('requester-ayse', reference('https://smba.example/emea/'));
      assert.deepEqual(await store().conversations.get('requester-ayse'), reference('https://smba.example/emea/'));

      await store().conversations.save('requester-ayse', reference('https://smba.example/amer/'));
      assert.deepEqual(await store().conversations.get('requester-ayse'), reference('https://smba.example/amer/'));
    });

    it('returns undefined for an unknown key', async () => {
      assert.equal(await store().conversations.get('nobody'), undefined);
    });

    it('cannot be changed through the objects it was given or returned', async () => {
      const saved = reference('https://smba.example/emea/');
      await store().conversations.save('key', saved);
      saved.serviceUrl = 'https://evil.example/';
      const read = await store().conversations.get('key');
      (read!.conversation as { id: string }).id = 'changed';
      assert.deepEqual(await store().conversations.get('key'), reference('https://smba.example/emea/'));
    });
  });

  describe('approval card locations', () => {
    it('lists the cards of one request in the order they were added', async () => {
      await store().approvalCards.add('REQ1', card('channel-1', 'activity-1'));
      await store().approvalCards.add('REQ1', { ...card('chat-2', 'activity-2'), kind: 'personal' });
      await store().approvalCards.add('REQ2', card('channel-1', 'activity-3'));
      assert.deepEqual(await store().approvalCards.list('REQ1'), [
        card('channel-1', 'activity-1'),
        { ...card('chat-2', 'activity-2'), kind: 'personal' },
      ]);
      assert.deepEqual(await store().approvalCards.list('REQ2'), [card('channel-1', 'activity-3')]);
      assert.deepEqual(await store().approvalCards.list('REQ3'), []);
    });

    it('keeps one entry per conversation and activity, with the latest service URL', async () => {
      await store().approvalCards.add('REQ1', card('channel-1', 'activity-1'));
      await store().approvalCards.add('REQ1', card('channel-1', 'activity-2'));
      await store().approvalCards.add('REQ1', card('channel-1', 'activity-1', 'https://smba.example/amer/'));
      assert.deepEqual(await store().approvalCards.list('REQ1'), [
        card('channel-1', 'activity-1', 'https://smba.example/amer/'),
        card('channel-1', 'activity-2'),
      ]);
    });

    it('cannot be changed through the objects it was given or returned', async () => {
      const added = card('channel-1', 'activity-1');
      await store().approvalCards.add('REQ1', added);
      added.activityId = 'changed';
      const [read] = await store().approvalCards.list('REQ1');
      read!.serviceUrl = 'https://evil.example/';
      assert.deepEqual(await store().approvalCards.list('REQ1'), [card('channel-1', 'activity-1')]);
    });
  });
}
