import assert from 'node:assert/strict';
import { parseEmailAddress } from '../../src/invitation/email-address';

describe('parseEmailAddress', () => {
  it('accepts ordinary addresses and lower-cases the domain only', () => {
    assert.deepEqual(parseEmailAddress(' Jane.Doe@Fabrikam.COM '), { value: 'Jane.Doe@fabrikam.com', localPart: 'Jane.Doe', domain: 'fabrikam.com' });
  });

  it("accepts an apostrophe and underscores, which Entra allows", () => {
    assert.equal(parseEmailAddress("o'brien@fabrikam.com")?.value, "o'brien@fabrikam.com");
    assert.equal(parseEmailAddress('first_last@sub.fabrikam.co.uk')?.domain, 'sub.fabrikam.co.uk');
  });

  for (const bad of [
    '',
    'jane',
    'jane@',
    '@fabrikam.com',
    'jane@@fabrikam.com',
    'ja ne@fabrikam.com',
    'jane+tag@fabrikam.com',
    'jane#x@fabrikam.com',
    'jane!@fabrikam.com',
    '.jane@fabrikam.com',
    'jane.@fabrikam.com',
    '-jane@fabrikam.com',
    'ja..ne@fabrikam.com',
    'jane@fabrikam',
    'jane@-fabrikam.com',
    'jane@fabrikam.c',
    'jane@fab_rikam.com',
    'jané@fabrikam.com',
    `${'a'.repeat(65)}@fabrikam.com`,
  ]) {
    it(`refuses ${JSON.stringify(bad)}`, () => {
      assert.equal(parseEmailAddress(bad), undefined);
    });
  }
});
