import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { GovernedGuest } from '../../../src/invitation/lifecycle/governed-guest';
import { GovernedGuestStore } from '../../../src/invitation/lifecycle/governed-guest-store';
import { AlreadyExistsError, ConcurrencyError, Versioned } from '../../../src/storage';
import { sampleGuest } from '../sample-guest';

const SPONSOR_A = '6a1b4c2e-0000-4000-8000-0000000000aa';
const SPONSOR_B = '6a1b4c2e-0000-4000-8000-0000000000bb';
const NOW = new Date('2025-05-20T12:00:00.000Z');

function at(offsetMs: number): string {
  return new Date(NOW.getTime() + offsetMs).toISOString();
}

function ids(guests: Versioned<GovernedGuest>[]): string[] {
  return guests.map(({ value }) => value.userId);
}

/** Object ids that sort in the order given (the stores list by id), lower case. */
function orderedId(index: number): string {
  return `0000000${index}-${randomUUID().slice(9)}`;
}

/**
 * Two updates of one guest with the same etag, from two instances (or one), at the same moment: exactly one wins,
 * and what is stored, listed and indexed is the winner's. Shared with the stores' tests of several instances.
 */
export async function assertExactlyOneUpdateWins(a: { guests: GovernedGuestStore }, b: { guests: GovernedGuestStore }): Promise<void> {
  const created = await a.guests.create(sampleGuest({ sponsorIds: [SPONSOR_A], dueAt: at(-1000) }));
  const outcomes = await Promise.allSettled([
    a.guests.update({ ...created.value, sponsorIds: [SPONSOR_B], dueAt: at(1000) }, created.etag),
    b.guests.update({ ...created.value, sponsorIds: [], state: 'disabled' }, created.etag),
  ]);
  const won = outcomes.filter((outcome): outcome is PromiseFulfilledResult<Versioned<GovernedGuest>> => outcome.status === 'fulfilled');
  const lost = outcomes.filter((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
  assert.equal(won.length, 1);
  assert.equal(lost.length, 1);
  assert.ok(lost[0]!.reason instanceof ConcurrencyError, String(lost[0]!.reason));
  const stored = await b.guests.get(created.value.userId);
  assert.deepEqual(stored, won[0]!.value);
  const winnerDisabled = stored!.value.state === 'disabled';
  assert.deepEqual(ids(await a.guests.listBySponsor(SPONSOR_A, 10)), []);
  assert.deepEqual(ids(await a.guests.listBySponsor(SPONSOR_B, 10)), winnerDisabled ? [] : [created.value.userId]);
  assert.deepEqual(ids(await a.guests.listWithoutSponsor(10)), winnerDisabled ? [created.value.userId] : []);
  assert.deepEqual(ids(await a.guests.listDue(NOW, 10)), winnerDisabled ? [created.value.userId] : []);

  // Again with updates that move no index entry: only the version decides.
  const quiet = await Promise.allSettled([
    a.guests.update({ ...stored!.value, reason: 'from a' }, stored!.etag),
    b.guests.update({ ...stored!.value, reason: 'from b' }, stored!.etag),
  ]);
  assert.deepEqual(quiet.map((outcome) => outcome.status).sort(), ['fulfilled', 'rejected']);
  const quietWinner = quiet.find((outcome) => outcome.status === 'fulfilled') as PromiseFulfilledResult<Versioned<GovernedGuest>>;
  assert.deepEqual(await a.guests.get(created.value.userId), quietWinner.value);
}

export function describeGovernedGuestContract(store: () => { guests: GovernedGuestStore }): void {
  const guests = () => store().guests;

  describe('governed guests: records and etags', () => {
    it('gives back what was created, by id in any case, and refuses the same guest twice', async () => {
      const guest = sampleGuest({ userId: 'AB12CD34-0000-4000-8000-0000000000EF' });
      const created = await guests().create(guest);
      assert.deepEqual(created.value, guest);
      assert.deepEqual(await guests().get('ab12cd34-0000-4000-8000-0000000000ef'), created);
      assert.deepEqual(await guests().get(guest.userId), created);
      await assert.rejects(guests().create({ ...sampleGuest(), userId: 'ab12cd34-0000-4000-8000-0000000000ef' }), AlreadyExistsError);
      assert.deepEqual(await guests().get(guest.userId), created, 'the refused create changed nothing');
      assert.equal(await guests().get('00000000-0000-4000-8000-000000000000'), undefined);
    });

    it('hands out copies: changing a returned guest does not change what is stored', async () => {
      const created = await guests().create(sampleGuest());
      created.value.history.push({ at: at(0), what: 'tampered' });
      created.value.sponsorIds.length = 0;
      const stored = await guests().get(created.value.userId);
      assert.equal(stored!.value.history.length, 1);
      assert.equal(stored!.value.sponsorIds.length, 1);
    });

    it('replaces a guest with the current etag, with a new etag each time', async () => {
      const created = await guests().create(sampleGuest());
      const disabled = await guests().update({ ...created.value, state: 'disabled', disabledAt: at(0), deleteAt: at(30 * 86_400_000) }, created.etag);
      assert.notEqual(disabled.etag, created.etag);
      assert.equal(disabled.value.state, 'disabled');
      assert.deepEqual(await guests().get(created.value.userId), disabled);
      const restored = await guests().update({ ...disabled.value, state: 'active', disabledAt: undefined, deleteAt: undefined }, disabled.etag);
      assert.notEqual(restored.etag, disabled.etag);
      assert.notEqual(restored.etag, created.etag);
      assert.equal((await guests().get(created.value.userId))!.value.deleteAt, undefined);
    });

    it('refuses a stale etag and changes nothing, in the record or in any list', async () => {
      const created = await guests().create(sampleGuest({ sponsorIds: [SPONSOR_A], dueAt: at(-1000) }));
      const current = await guests().update({ ...created.value, reason: 'second' }, created.etag);
      const stale = { ...created.value, sponsorIds: [SPONSOR_B], dueAt: at(1000), address: 'moved@fabrikam.example' };
      await assert.rejects(guests().update(stale, created.etag), ConcurrencyError);
      await assert.rejects(guests().update(stale, 'not-an-etag'), ConcurrencyError);
      assert.deepEqual(await guests().get(created.value.userId), current);
      assert.deepEqual(ids(await guests().listBySponsor(SPONSOR_A, 10)), [created.value.userId]);
      assert.deepEqual(await guests().listBySponsor(SPONSOR_B, 10), []);
      assert.deepEqual(ids(await guests().listDue(NOW, 10)), [created.value.userId]);
      assert.equal(await guests().findByAddress('moved@fabrikam.example'), undefined);
      assert.deepEqual(await guests().findByAddress(created.value.address), current);
    });

    it('refuses to update a guest that is not stored', async () => {
      const guest = sampleGuest();
      await assert.rejects(guests().update(guest, '1'), ConcurrencyError);
      assert.equal(await guests().get(guest.userId), undefined);
      assert.deepEqual(await guests().listAll(10), []);
    });

    it('lets exactly one of two updates with the same etag win', async () => {
      await assertExactlyOneUpdateWins(store(), store());
    });

    it('refuses a guest whose dueAt is not a date, rather than never listing it', async () => {
      await assert.rejects(guests().create(sampleGuest({ dueAt: 'tomorrow' })), /dueAt/);
      const created = await guests().create(sampleGuest());
      await assert.rejects(guests().update({ ...created.value, dueAt: 'soon' }, created.etag), /dueAt/);
      assert.deepEqual(await guests().get(created.value.userId), created);
    });

    it('keeps a long history (larger than one table property) exactly', async () => {
      const history = Array.from({ length: 1500 }, (_, index) => ({
        at: new Date(Date.UTC(2025, 0, 1) + index * 60_000).toISOString(),
        what: `review ${index}: sponsor kept access — sponsor erişimi uzattı ✓ 🎉`,
        by: { id: SPONSOR_A, displayName: 'Şule Çağlar' },
      }));
      assert.ok(JSON.stringify(history).length > 100_000);
      const created = await guests().create(sampleGuest({ history }));
      assert.deepEqual((await guests().get(created.value.userId))!.value.history, history);
      const longer = [...history, { at: at(0), what: 'disabled' }];
      const updated = await guests().update({ ...created.value, history: longer }, created.etag);
      assert.deepEqual(await guests().get(created.value.userId), updated);
      assert.equal(updated.value.history.length, 1501);
    });
  });

  describe('governed guests: what is due', () => {
    it('lists the guests due at or before now, earliest first, at most the limit', async () => {
      const late = await guests().create(sampleGuest({ dueAt: at(-1000) }));
      const exactlyNow = await guests().create(sampleGuest({ dueAt: NOW.toISOString() }));
      const earliest = await guests().create(sampleGuest({ dueAt: at(-86_400_000) }));
      await guests().create(sampleGuest({ dueAt: at(1) }));
      await guests().create(sampleGuest({ dueAt: undefined }));
      assert.deepEqual(ids(await guests().listDue(NOW, 10)), ids([earliest, late, exactlyNow]));
      assert.deepEqual(ids(await guests().listDue(NOW, 2)), ids([earliest, late]));
      assert.deepEqual(await guests().listDue(NOW, 0), []);
      assert.deepEqual(ids(await guests().listDue(new Date(NOW.getTime() - 1000), 10)), ids([earliest, late]));
    });

    it('compares instants, not spellings of them', async () => {
      const offset = await guests().create(sampleGuest({ dueAt: '2025-05-20T13:00:00+02:00' })); // 11:00Z
      const noMillis = await guests().create(sampleGuest({ dueAt: '2025-05-20T11:30:00Z' }));
      await guests().create(sampleGuest({ dueAt: '2025-05-20T12:00:00.001Z' }));
      assert.deepEqual(ids(await guests().listDue(NOW, 10)), ids([offset, noMillis]));
      assert.equal((await guests().get(offset.value.userId))!.value.dueAt, '2025-05-20T13:00:00+02:00');
    });

    it('lists a guest again only when it is due again: moving dueAt later or clearing it takes it off the list', async () => {
      const guest = await guests().create(sampleGuest({ dueAt: at(-1000) }));
      const other = await guests().create(sampleGuest({ dueAt: at(-500) }));
      const later = await guests().update({ ...guest.value, dueAt: at(86_400_000) }, guest.etag);
      assert.deepEqual(ids(await guests().listDue(NOW, 10)), ids([other]));
      assert.deepEqual(ids(await guests().listDue(new Date(NOW.getTime() + 86_400_000), 10)), ids([other, later]));
      await guests().update({ ...other.value, dueAt: undefined }, other.etag);
      assert.deepEqual(await guests().listDue(NOW, 10), []);
      assert.deepEqual(ids(await guests().listDue(new Date('9999-01-01T00:00:00.000Z'), 10)), ids([later]));
      const earlier = await guests().update({ ...later.value, dueAt: at(-2000) }, later.etag);
      assert.deepEqual(await guests().listDue(NOW, 10), [earlier]);
    });

    it('lists due guests whatever their state: what is due is for the run to decide', async () => {
      const disabled = await guests().create(sampleGuest({ state: 'disabled', dueAt: at(-2000), deleteAt: at(-2000) }));
      const deleted = await guests().create(sampleGuest({ state: 'deleted', dueAt: at(-1000), sponsorIds: [] }));
      assert.deepEqual(ids(await guests().listDue(NOW, 10)), ids([disabled, deleted]));
    });
  });

  describe('governed guests: sponsors', () => {
    it("lists a sponsor's guests whatever the case of the id, not the deleted ones, at most the limit", async () => {
      const first = await guests().create(sampleGuest({ userId: orderedId(1), sponsorIds: [SPONSOR_A.toUpperCase()] }));
      const second = await guests().create(sampleGuest({ userId: orderedId(2), sponsorIds: [SPONSOR_B, SPONSOR_A] }));
      await guests().create(sampleGuest({ sponsorIds: [SPONSOR_A], state: 'deleted', deletedAt: at(0) }));
      await guests().create(sampleGuest({ sponsorIds: [SPONSOR_B] }));
      const listed = await guests().listBySponsor(SPONSOR_A, 10);
      assert.deepEqual(ids(listed), ids([first, second]));
      assert.deepEqual(listed, [first, second]);
      assert.deepEqual(ids(await guests().listBySponsor(SPONSOR_A.toUpperCase(), 10)), ids([first, second]));
      assert.equal((await guests().listBySponsor(SPONSOR_A, 1)).length, 1);
      assert.deepEqual(await guests().listBySponsor(SPONSOR_A, 0), []);
      assert.deepEqual(await guests().listBySponsor('11111111-0000-4000-8000-000000000000', 10), []);
    });

    it('moves a guest between sponsors, and off the lists once deleted', async () => {
      const guest = await guests().create(sampleGuest({ sponsorIds: [SPONSOR_A] }));
      const moved = await guests().update({ ...guest.value, sponsorIds: [SPONSOR_B] }, guest.etag);
      assert.deepEqual(await guests().listBySponsor(SPONSOR_A, 10), []);
      assert.deepEqual(await guests().listBySponsor(SPONSOR_B, 10), [moved]);
      const both = await guests().update({ ...moved.value, sponsorIds: [SPONSOR_A, SPONSOR_B] }, moved.etag);
      assert.deepEqual(await guests().listBySponsor(SPONSOR_A, 10), [both]);
      assert.deepEqual(await guests().listBySponsor(SPONSOR_B, 10), [both]);
      const deleted = await guests().update({ ...both.value, state: 'deleted', deletedAt: at(0) }, both.etag);
      assert.deepEqual(await guests().listBySponsor(SPONSOR_A, 10), []);
      assert.deepEqual(await guests().listBySponsor(SPONSOR_B, 10), []);
      assert.deepEqual(await guests().listWithoutSponsor(10), []);
      assert.deepEqual(await guests().get(guest.value.userId), deleted, 'deleted guests are kept');
    });

    it('lists the guests without a sponsor, not the deleted ones, and follows sponsors coming and going', async () => {
      const first = await guests().create(sampleGuest({ userId: orderedId(1), sponsorIds: [] }));
      const second = await guests().create(sampleGuest({ userId: orderedId(2), sponsorIds: [] }));
      await guests().create(sampleGuest({ sponsorIds: [], state: 'deleted' }));
      const sponsored = await guests().create(sampleGuest({ sponsorIds: [SPONSOR_A] }));
      assert.deepEqual(await guests().listWithoutSponsor(10), [first, second]);
      assert.deepEqual(ids(await guests().listWithoutSponsor(1)), ids([first]));
      assert.deepEqual(await guests().listWithoutSponsor(0), []);

      const adopted = await guests().update({ ...first.value, sponsorIds: [SPONSOR_B] }, first.etag);
      const orphaned = await guests().update({ ...sponsored.value, sponsorIds: [] }, sponsored.etag);
      assert.deepEqual(ids(await guests().listWithoutSponsor(10)).sort(), ids([second, orphaned]).sort());
      assert.deepEqual(await guests().listBySponsor(SPONSOR_B, 10), [adopted]);
      assert.deepEqual(await guests().listBySponsor(SPONSOR_A, 10), []);
    });

    it('restores a deleted guest to the lists it belongs on', async () => {
      const deleted = await guests().create(sampleGuest({ sponsorIds: [SPONSOR_A], state: 'deleted' }));
      const orphan = await guests().create(sampleGuest({ sponsorIds: [], state: 'deleted' }));
      const back = await guests().update({ ...deleted.value, state: 'active' }, deleted.etag);
      const backOrphan = await guests().update({ ...orphan.value, state: 'disabled' }, orphan.etag);
      assert.deepEqual(await guests().listBySponsor(SPONSOR_A, 10), [back]);
      assert.deepEqual(await guests().listWithoutSponsor(10), [backOrphan]);
    });
  });

  describe('governed guests: every guest, and by address', () => {
    it('pages through every guest, deleted ones included, each once, by id', async () => {
      const created: Versioned<GovernedGuest>[] = [];
      for (let index = 0; index < 7; index++) {
        created.push(await guests().create(sampleGuest({ state: index === 3 ? 'deleted' : 'active' })));
      }
      const expected = created.map(({ value }) => value.userId.toLowerCase()).sort();
      const seen: string[] = [];
      let after: string | undefined;
      for (let pages = 0; pages <= expected.length; pages++) {
        const page = await guests().listAll(3, after);
        assert.ok(page.length <= 3);
        if (page.length === 0) break;
        seen.push(...ids(page));
        after = page.at(-1)!.value.userId;
      }
      assert.deepEqual(seen, expected);
      assert.deepEqual(await guests().listAll(10), expected.map((id) => created.find(({ value }) => value.userId === id)!));
      assert.deepEqual(await guests().listAll(10, expected.at(-1)), []);
      assert.deepEqual(await guests().listAll(0), []);
      assert.deepEqual(ids(await guests().listAll(10, expected[4]!.toUpperCase())), expected.slice(5));
    });

    it('finds a guest by address whatever its case, and follows an address change', async () => {
      const guest = await guests().create(sampleGuest({ address: 'Jane.Doe@fabrikam.example' }));
      assert.deepEqual(await guests().findByAddress('jane.doe@FABRIKAM.example'), guest);
      assert.deepEqual(await guests().findByAddress('JANE.DOE@fabrikam.example'), guest);
      assert.equal(await guests().findByAddress('john.doe@fabrikam.example'), undefined);
      const renamed = await guests().update({ ...guest.value, address: 'jane@fabrikam.example' }, guest.etag);
      assert.equal(await guests().findByAddress('jane.doe@fabrikam.example'), undefined);
      assert.deepEqual(await guests().findByAddress('Jane@Fabrikam.example'), renamed);
    });

    it('finds the guest still there, not the deleted one, when an address was invited again', async () => {
      const gone = await guests().create(sampleGuest({ address: 'again@fabrikam.example', state: 'deleted', invitedAt: '2025-04-01T00:00:00.000Z' }));
      const current = await guests().create(sampleGuest({ address: 'Again@fabrikam.example', invitedAt: '2025-01-01T00:00:00.000Z' }));
      assert.deepEqual(await guests().findByAddress('again@fabrikam.example'), current);
      await guests().update({ ...current.value, state: 'deleted' }, current.etag);
      assert.deepEqual(await guests().findByAddress('again@fabrikam.example'), gone, 'of two deleted, the one invited last');
    });
  });
}
