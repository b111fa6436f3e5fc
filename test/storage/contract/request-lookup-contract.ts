import assert from 'node:assert/strict';
import { GroupAddition, InvitationRequest } from '../../../src/invitation/invitation-request';
import { DueQuery, RequestQuery } from '../../../src/invitation/request-repository';
import { sampleRequest } from '../sample-request';
import type { CurrentStore } from '../store-contract';

const GUEST = '0f1e2d3c-4b5a-4978-8877-665544332211';
const OTHER_GUEST = '99999999-4b5a-4978-8877-665544332211';
const day = (n: number) => `2025-05-${String(n).padStart(2, '0')}T09:00:00.000Z`;

function invited(overrides: Partial<InvitationRequest> & { userId?: string } = {}): InvitationRequest {
  const { userId = GUEST, ...rest } = overrides;
  return sampleRequest({
    state: 'invited',
    approval: { reasons: ['always'], adminOnly: false, decidedAt: day(1) },
    result: { userId, groups: [] },
    ...rest,
  });
}

function group(id: string, state: GroupAddition['state'], nextAttemptAt?: string): GroupAddition {
  return { id, kind: 'group', state, attempts: 1, ...(nextAttemptAt ? { nextAttemptAt } : {}) };
}

/**
 * The look-ups status, `pending`, the redemption watcher and housekeeping make. Every store must answer them
 * from what it has indexed, and keep those indexes with every write: an update that settles a request takes it
 * out of every due list at once.
 */
export function describeRequestLookupContract(store: CurrentStore): void {
  const ids = async (query: RequestQuery) => (await store().requests.list(query)).map((r) => r.value.id);
  const due = async (query: DueQuery) => (await store().requests.listDue(query)).map((r) => r.value.id);
  const create = (request: InvitationRequest) => store().requests.create(request);

  describe('request look-ups', () => {
    it('finds the requests of one guest by object id, in any case, newest first, and no other guest’s', async () => {
      await create(invited({ id: 'GUEST001', createdAt: day(1) }));
      await create(invited({ id: 'GUEST002', createdAt: day(3), userId: GUEST.toUpperCase() }));
      await create(invited({ id: 'GUEST003', createdAt: day(2), userId: OTHER_GUEST }));
      await create(sampleRequest({ id: 'GUEST004', createdAt: day(4) })); // no guest yet
      await create(invited({ id: 'GUEST005', createdAt: day(5), state: 'failed' }));

      assert.deepEqual(await ids({ guestId: GUEST }), ['GUEST005', 'GUEST002', 'GUEST001']);
      assert.deepEqual(await ids({ guestId: ` ${GUEST.toUpperCase()} ` }), ['GUEST005', 'GUEST002', 'GUEST001']);
      assert.deepEqual(await ids({ guestId: GUEST, states: ['invited'] }), ['GUEST002', 'GUEST001']);
      assert.deepEqual(await ids({ guestId: GUEST, states: ['invited'], limit: 1 }), ['GUEST002']);
      assert.deepEqual(await ids({ guestId: OTHER_GUEST }), ['GUEST003']);
      assert.deepEqual(await ids({ guestId: 'aaaaaaaa-0000-4000-8000-000000000000' }), []);
      assert.deepEqual(await ids({ guestId: '' }), []);
    });

    it('follows the guest id a request gets when it is invited', async () => {
      const created = await create(sampleRequest({ id: 'GUEST010', state: 'inviting', approval: { reasons: ['always'], adminOnly: false } }));
      assert.deepEqual(await ids({ guestId: GUEST }), []);
      const updated = await store().requests.update({ ...created.value, state: 'invited', result: { userId: GUEST } }, created.etag);
      assert.deepEqual(await ids({ guestId: GUEST }), ['GUEST010']);
      await store().requests.update({ ...updated.value, result: { userId: OTHER_GUEST } }, updated.etag);
      assert.deepEqual(await ids({ guestId: GUEST }), []);
      assert.deepEqual(await ids({ guestId: OTHER_GUEST }), ['GUEST010']);
    });

    it('finds the requests for one address, in any case, newest first', async () => {
      const invitation = (email: string) => ({ ...sampleRequest().invitation, email });
      await create(invited({ id: 'ADDR0001', createdAt: day(1), invitation: invitation('Gita.Guest@fabrikam.example') }));
      await create(sampleRequest({ id: 'ADDR0002', createdAt: day(2), state: 'rejected', invitation: invitation('gita.guest@fabrikam.example') }));
      await create(sampleRequest({ id: 'ADDR0003', createdAt: day(3), invitation: invitation('someone.else@fabrikam.example') }));

      assert.deepEqual(await ids({ address: 'GITA.GUEST@fabrikam.example' }), ['ADDR0002', 'ADDR0001']);
      assert.deepEqual(await ids({ address: 'gita.guest@fabrikam.example', states: ['invited'] }), ['ADDR0001']);
      assert.deepEqual(await ids({ address: 'nobody@fabrikam.example' }), []);
    });

    it('lists requests due to expire, earliest first, up to an instant, and forgets one once decided', async () => {
      await create(sampleRequest({ id: 'EXPIRE03', expiresAt: day(3) }));
      const first = await create(sampleRequest({ id: 'EXPIRE01', expiresAt: day(1) }));
      await create(sampleRequest({ id: 'EXPIRE09', expiresAt: day(9) }));
      await create(sampleRequest({ id: 'EXPIRE00', expiresAt: undefined }));
      await create(sampleRequest({ id: 'EXPIRE02', expiresAt: day(2), state: 'approved' })); // decided: never expires

      assert.deepEqual(await due({ kind: 'expiry', dueBy: new Date(day(3)) }), ['EXPIRE01', 'EXPIRE03']);
      assert.deepEqual(await due({ kind: 'expiry', dueBy: new Date(day(3)), limit: 1 }), ['EXPIRE01']);
      assert.deepEqual(await due({ kind: 'expiry' }), ['EXPIRE01', 'EXPIRE03', 'EXPIRE09']);
      await store().requests.update({ ...first.value, state: 'approved' }, first.etag);
      assert.deepEqual(await due({ kind: 'expiry', dueBy: new Date(day(3)) }), ['EXPIRE03']);
    });

    it('lists requests due for escalation by creation, leaving escalated and admin-only ones out', async () => {
      const pending = (id: string, createdAt: string, approval: InvitationRequest['approval']) =>
        sampleRequest({ id, createdAt, approval, transitions: [{ from: null, to: 'pendingApproval', at: createdAt }] });
      const ordinary = { reasons: ['untrustedDomain' as const], adminOnly: false };
      const waiting = await create(pending('ESCAL002', day(2), ordinary));
      await create(pending('ESCAL001', day(1), ordinary));
      await create(pending('ESCAL005', day(5), ordinary));
      await create(pending('ESCAL003', day(3), { ...ordinary, escalatedAt: day(4) }));
      await create(pending('ESCAL004', day(1), { ...ordinary, adminOnly: true }));

      assert.deepEqual(await due({ kind: 'escalation', dueBy: new Date(day(3)) }), ['ESCAL001', 'ESCAL002']);
      await store().requests.update({ ...waiting.value, approval: { ...ordinary, escalatedAt: day(3) } }, waiting.etag);
      assert.deepEqual(await due({ kind: 'escalation', dueBy: new Date(day(3)) }), ['ESCAL001']);
    });

    it('lists invitations with a group addition due, by the earliest next attempt, until the additions settle', async () => {
      const retrying = await create(invited({ id: 'GROUP001', result: { userId: GUEST, groups: [group('g1', 'pending', day(4)), group('g2', 'pending', day(2))] } }));
      await create(invited({ id: 'GROUP002', result: { userId: GUEST, groups: [group('g1', 'pending', day(3))] } }));
      await create(invited({ id: 'GROUP003', result: { userId: GUEST, groups: [group('g1', 'pending', day(8))] } }));
      await create(invited({ id: 'GROUP004', result: { userId: GUEST, groups: [group('g1', 'added'), group('g2', 'failed')] } }));

      assert.deepEqual(await due({ kind: 'groupRetry', dueBy: new Date(day(3)) }), ['GROUP001', 'GROUP002']);
      const settled = { userId: GUEST, groups: [group('g1', 'added'), group('g2', 'added')] };
      await store().requests.update({ ...retrying.value, result: settled }, retrying.etag);
      assert.deepEqual(await due({ kind: 'groupRetry', dueBy: new Date(day(9)) }), ['GROUP002', 'GROUP003']);
    });

    it('lists the guests still to accept, from an instant on and by requester, and forgets one once accepted or gone', async () => {
      const ayse = sampleRequest().requester;
      const bora = { ...ayse, id: 'requester-bora', displayName: 'Bora' };
      const accepting = await create(invited({ id: 'WATCH002', createdAt: day(2) }));
      await create(invited({ id: 'WATCH001', createdAt: day(1), requester: bora }));
      const leaving = await create(invited({ id: 'WATCH003', createdAt: day(3) }));
      await create(invited({ id: 'WATCH004', createdAt: day(4), redemption: { acceptedAt: day(5), notifiedAt: day(5) } }));
      await create(invited({ id: 'WATCH005', createdAt: day(5), result: { errorKind: 'unknown' } })); // no guest to watch
      await create(sampleRequest({ id: 'WATCH006', createdAt: day(6) }));

      assert.deepEqual(await due({ kind: 'watch' }), ['WATCH001', 'WATCH002', 'WATCH003']);
      assert.deepEqual(await due({ kind: 'watch', dueFrom: new Date(day(2)) }), ['WATCH002', 'WATCH003']);
      assert.deepEqual(await due({ kind: 'watch', requesterId: ayse.id }), ['WATCH002', 'WATCH003']);
      assert.deepEqual(await due({ kind: 'watch', requesterId: bora.id, dueFrom: new Date(day(1)) }), ['WATCH001']);
      assert.deepEqual(await due({ kind: 'watch', requesterId: 'nobody' }), []);

      await store().requests.update({ ...accepting.value, redemption: { acceptedAt: day(7), notifiedAt: day(7) } }, accepting.etag);
      await store().requests.update({ ...leaving.value, redemption: { goneAt: day(7) } }, leaving.etag);
      assert.deepEqual(await due({ kind: 'watch' }), ['WATCH001']);
      assert.deepEqual(await due({ kind: 'watch', requesterId: ayse.id }), []);
    });

    it('returns etags from due lists that update accepts', async () => {
      await create(sampleRequest({ id: 'ETAGDUE1', expiresAt: day(1) }));
      const [listed] = await store().requests.listDue({ kind: 'expiry', dueBy: new Date(day(2)) });
      await store().requests.update({ ...listed!.value, state: 'expired' }, listed!.etag);
      assert.deepEqual(await due({ kind: 'expiry' }), []);
    });
  });
}
