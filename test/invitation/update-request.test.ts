import assert from 'node:assert/strict';
import { InvitationRequest } from '../../src/invitation/invitation-request';
import { RequestRepository } from '../../src/invitation/request-repository';
import { updateRequest } from '../../src/invitation/update-request';
import { createMemoryStore } from '../../src/storage';
import { sampleRequest } from '../storage/sample-request';

/** The memory store's requests, counting reads. */
function countingRequests(): RequestRepository & { reads: number } {
  const inner = createMemoryStore().requests;
  const counted = Object.create(inner) as RequestRepository & { reads: number };
  counted.reads = 0;
  counted.get = async (id: string) => {
    counted.reads += 1;
    return inner.get(id);
  };
  return counted;
}

const approve = (current: InvitationRequest) => (current.state === 'pendingApproval' ? { ...current, state: 'approved' as const } : undefined);

describe('updateRequest', () => {
  it('reads the request by id, changes it and hands back the new version', async () => {
    const requests = countingRequests();
    const created = await requests.create(sampleRequest());
    const update = await updateRequest(requests, created.value.id, approve);
    assert.equal(update.changed, true);
    assert.equal(update.request.state, 'approved');
    assert.deepEqual(await requests.get(created.value.id), { value: update.request, etag: update.etag });
  });

  it('writes a held current version without reading it first', async () => {
    const requests = countingRequests();
    const created = await requests.create(sampleRequest());
    const update = await updateRequest(requests, created, approve);
    assert.equal(requests.reads, 0);
    assert.equal(update.request.state, 'approved');
    const next = await updateRequest(requests, { value: update.request, etag: update.etag }, (current) => ({ ...current, state: 'inviting' }));
    assert.equal(requests.reads, 0);
    assert.equal((await requests.get(created.value.id))?.value.state, next.request.state);
  });

  it('decides again on fresh state when the held version was stale and its write is refused', async () => {
    const requests = countingRequests();
    const created = await requests.create(sampleRequest());
    await requests.update({ ...created.value, state: 'cancelled' }, created.etag);
    const update = await updateRequest(requests, created, approve);
    assert.equal(update.changed, false);
    assert.equal(update.request.state, 'cancelled');
    assert.equal((await requests.get(created.value.id))?.value.state, 'cancelled');
  });

  it('never decides "no change" on a held version: it reads what the store has now', async () => {
    const requests = countingRequests();
    const created = await requests.create(sampleRequest({ state: 'approved' }));
    const reopened = await requests.update({ ...created.value, state: 'pendingApproval' }, created.etag);
    const update = await updateRequest(requests, created, approve);
    assert.equal(update.changed, true);
    assert.equal(update.request.state, 'approved');
    assert.notEqual(update.etag, reopened.etag);
  });
});
