import assert from 'node:assert/strict';
import { countOutcomes } from '../../src/bulk/result-entries';
import { RESOURCES } from '../../src/i18n';
import { describeLocaleParity } from '../i18n/locale-parity';

describeLocaleParity('cli');

describe('the command line’s outcome labels', () => {
  it('name every outcome an invitation can have, in both languages', () => {
    // Every outcome a run can count, less the two a bulk run adds for rows it did not send (skipped, not run).
    const kinds = Object.keys(countOutcomes([])).filter((kind) => kind !== 'skipped' && kind !== 'notRun');
    for (const language of ['en', 'tr'] as const) {
      const labels = RESOURCES[language].cli.invite.outcome as Record<string, string>;
      assert.deepEqual(kinds.filter((kind) => !labels[kind]), [], language);
    }
  });
});
