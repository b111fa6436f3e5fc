import assert from 'node:assert/strict';
import { activityProblems, admitAtEdge, turnActivityProblems } from '../../src/teams/activity-shape';
import { personalMessage } from '../support/teams-activities';

const wellShaped = () => personalMessage('status', { serviceUrl: 'https://smba.example/emea/' }) as unknown as Record<string, unknown>;

describe('activity checks at the edge and at the turn', () => {
  it('counts the edge check once for the turn it admitted, then checks again', () => {
    const activity = wellShaped();
    assert.deepEqual(admitAtEdge(activity), []);
    // Broken after admission (as nothing in the adapter does): the turn relies on the edge's check…
    activity.conversation = 42;
    assert.deepEqual(turnActivityProblems(activity), []);
    // …once: the mark is used up, so the same object is checked in full next time.
    assert.deepEqual(turnActivityProblems(activity), ['conversation']);
  });

  it('does not admit a malformed activity, so its turn finds the problems too', () => {
    const activity = { ...wellShaped(), from: 'not an account' };
    assert.deepEqual(admitAtEdge(activity), ['from']);
    assert.deepEqual(turnActivityProblems(activity), ['from']);
  });

  it('checks in full an activity that did not come through the edge', () => {
    assert.deepEqual(turnActivityProblems(wellShaped()), []);
    const malformed = { ...wellShaped(), type: 7 };
    assert.deepEqual(turnActivityProblems(malformed), activityProblems(malformed));
    assert.notDeepEqual(activityProblems(malformed), []);
  });
});
