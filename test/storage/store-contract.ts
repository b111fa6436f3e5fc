import assert from 'node:assert/strict';
import { GuestPassStore } from '../../src/storage';
import { describeAddressClaimContract } from './contract/address-claim-contract';
import { describeAuditContract } from './contract/audit-contract';
import { describeConversationAndCardContract } from './contract/conversation-and-card-contract';
import { describeGovernedGuestContract } from './contract/governed-guest-contract';
import { describeLeaseContract } from './contract/lease-contract';
import { describeRequestConcurrencyContract } from './contract/request-concurrency-contract';
import { describeRequestContract } from './contract/request-contract';
import { describeStateContract } from './contract/state-contract';

/** Gives each part of the contract the store opened for the current test. */
export type CurrentStore = () => GuestPassStore;

/**
 * The behaviour every GuestPassStore must have. Each implementation's test file calls this with a way to open a
 * fresh, empty store; `cleanup` runs after each test, once the store is closed (e.g. to delete a temp file).
 */
export function describeStoreContract(
  name: string,
  open: () => Promise<GuestPassStore>,
  cleanup?: () => Promise<void>,
): void {
  describe(`${name} store (contract)`, () => {
    let store: GuestPassStore | undefined;
    const current: CurrentStore = () => {
      if (!store) throw new Error('The store is not open');
      return store;
    };

    beforeEach(async () => {
      store = await open();
    });

    afterEach(async () => {
      await store?.close();
      store = undefined;
      await cleanup?.();
    });

    describeRequestContract(current);
    describeRequestConcurrencyContract(current);
    describeAddressClaimContract(current);
    describeAuditContract(current);
    describeConversationAndCardContract(current);
    describeLeaseContract(current);
    describeStateContract(current);
    describeGovernedGuestContract(current);

    describe('health and lifecycle', () => {
      it('names its kind', () => {
        assert.ok(current().kind.length > 0);
      });

      it('is healthy while open', async () => {
        await current().checkHealth();
      });

      it('reports unhealthy after close, and closing twice is harmless', async () => {
        await current().close();
        await current().close();
        await assert.rejects(current().checkHealth());
      });
    });
  });
}
