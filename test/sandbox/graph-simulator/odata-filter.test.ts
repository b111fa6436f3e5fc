import { strict as assert } from 'node:assert';
import { compileFilter, ODataFilterError, parseFilter } from '../../../src/sandbox/graph-simulator/odata-filter';
import { USER_FILTER_SCHEMA } from '../../../src/sandbox/graph-simulator';

const obrien = {
  id: '1',
  userPrincipalName: "o'brien_x.com#EXT#@contoso.onmicrosoft.com",
  mail: "O'Brien@X.com",
  displayName: "Pat O'Brien",
  userType: 'Guest',
  externalUserState: 'PendingAcceptance',
  creationType: 'Invitation',
  accountEnabled: true,
  givenName: 'Pat',
  surname: "O'Brien",
  otherMails: ["o'brien@x.com", 'pat@old.example'],
  proxyAddresses: ['SMTP:pat@x.com', 'smtp:pat.obrien@x.com'],
};
const member = {
  ...obrien,
  id: '2',
  userPrincipalName: 'megan@contoso.com',
  mail: null,
  displayName: 'Megan Bowen',
  userType: 'Member',
  externalUserState: null,
  creationType: null,
  accountEnabled: false,
  otherMails: [],
  proxyAddresses: [],
};

function matches(filter: string, record: Record<string, unknown>): boolean {
  return compileFilter(filter, USER_FILTER_SCHEMA).matches(record);
}

function filterError(filter: string): ODataFilterError {
  try {
    compileFilter(filter, USER_FILTER_SCHEMA);
  } catch (error) {
    assert.ok(error instanceof ODataFilterError, `expected ODataFilterError, got ${String(error)}`);
    return error;
  }
  assert.fail(`expected ${filter} to be rejected`);
}

describe('OData $filter (Graph simulator)', () => {
  describe('string literals and apostrophes', () => {
    it("reads '' inside a literal as one apostrophe", () => {
      assert.equal(matches("mail eq 'o''brien@x.com'", obrien), true);
      assert.deepEqual(parseFilter("mail eq 'o''brien@x.com'"), {
        kind: 'compare',
        operator: 'eq',
        left: { kind: 'operand', name: 'mail', position: 0 },
        value: "o'brien@x.com",
      });
    });

    it('rejects an unescaped apostrophe as a syntax error (BadRequest "Invalid filter clause")', () => {
      const error = filterError("mail eq 'o'brien@x.com'");
      assert.equal(error.code, 'BadRequest');
      assert.match(error.message, /^Invalid filter clause/);
    });

    it('rejects an unescaped apostrophe even when the rest still tokenizes', () => {
      // 'o' then the identifier brien then a new literal: well-formed tokens, malformed expression.
      const error = filterError("mail eq 'o'brien'x'");
      assert.equal(error.code, 'BadRequest');
      assert.match(error.message, /^Invalid filter clause/);
    });

    it('rejects an unterminated literal', () => {
      assert.equal(filterError("mail eq 'o''").code, 'BadRequest');
    });

    it('handles an apostrophe inside a lambda literal', () => {
      assert.equal(matches("otherMails/any(x:x eq 'O''BRIEN@x.com')", obrien), true);
      assert.equal(filterError("otherMails/any(x:x eq 'o'brien@x.com')").code, 'BadRequest');
    });
  });

  describe('operators', () => {
    it('eq compares strings case-insensitively', () => {
      assert.equal(matches("userPrincipalName eq 'MEGAN@contoso.com'", member), true);
      assert.equal(matches("userPrincipalName eq 'adele@contoso.com'", member), false);
    });

    it('eq null matches a missing value', () => {
      assert.equal(matches('mail eq null', member), true);
      assert.equal(matches('mail eq null', obrien), false);
    });

    it('ne, not and endsWith work and are flagged as advanced queries', () => {
      const ne = compileFilter("userType ne 'Guest'", USER_FILTER_SCHEMA);
      assert.equal(ne.requiresAdvancedQuery, true);
      assert.equal(ne.matches(member), true);
      assert.equal(ne.matches(obrien), false);
      const not = compileFilter("not(userType eq 'Member')", USER_FILTER_SCHEMA);
      assert.equal(not.requiresAdvancedQuery, true);
      assert.equal(not.matches(obrien), true);
      const endsWith = compileFilter("endsWith(mail,'@x.com')", USER_FILTER_SCHEMA);
      assert.equal(endsWith.requiresAdvancedQuery, true);
      assert.equal(endsWith.matches(obrien), true);
      assert.equal(compileFilter("mail eq 'a@b.com'", USER_FILTER_SCHEMA).requiresAdvancedQuery, false);
    });

    it('in (...) matches any listed value', () => {
      assert.equal(matches("externalUserState in ('Accepted', 'pendingacceptance')", obrien), true);
      assert.equal(matches("externalUserState in ('Accepted')", obrien), false);
    });

    it('startswith is case-insensitive and accepts Graph\'s camel-case spelling', () => {
      assert.equal(matches("startswith(displayName,'pat o')", obrien), true);
      assert.equal(matches("startsWith(displayName,'Megan')", obrien), false);
    });

    it('and binds tighter than or; parentheses override', () => {
      assert.equal(matches("userType eq 'Member' and mail eq 'x@y.com' or id eq '2'", member), true);
      assert.equal(matches("userType eq 'Member' and (mail eq 'x@y.com' or id eq '3')", member), false);
    });

    it('booleans compare with true/false', () => {
      assert.equal(matches('accountEnabled eq false', member), true);
      assert.equal(matches('accountEnabled eq true', member), false);
    });

    it('keywords are case-insensitive, as Graph accepts NOT and AND', () => {
      assert.equal(matches("NOT (userType EQ 'Guest') AND accountEnabled eq false", member), true);
    });
  });

  describe('lambda any() on collections', () => {
    it('matches proxyAddresses regardless of the SMTP:/smtp: prefix case', () => {
      assert.equal(matches("proxyAddresses/any(x:x eq 'smtp:PAT@x.com')", obrien), true);
      assert.equal(matches("proxyAddresses/any(p:p eq 'SMTP:pat.obrien@x.com')", obrien), true);
      assert.equal(matches("proxyAddresses/any(x:x eq 'SMTP:nobody@x.com')", obrien), false);
    });

    it('is false on an empty collection', () => {
      assert.equal(matches("otherMails/any(x:x eq 'a@b.com')", member), false);
    });

    it('combines with or, like the bot\'s existing-user lookup', () => {
      const lookup = (address: string) =>
        `userPrincipalName eq '${address}' or mail eq '${address}' or ` +
        `proxyAddresses/any(x:x eq 'SMTP:${address}') or otherMails/any(x:x eq '${address}')`;
      assert.equal(matches(lookup('pat@old.example'), obrien), true);
      assert.equal(matches(lookup('pat@x.com'), obrien), true);
      assert.equal(matches(lookup('someone@else.com'), obrien), false);
    });
  });

  describe('candidates(): the terms of an or-of-tests filter, for indexed lookups', () => {
    const candidates = (filter: string) => compileFilter(filter, USER_FILTER_SCHEMA).candidates();

    it('lists every eq, in value and startswith, with the schema spelling and the literal as written', () => {
      assert.deepEqual(
        candidates(
          "USERPRINCIPALNAME eq 'A@x.com' or (mail in ('B@x.com', 'c@x.com') or startswith(userPrincipalName,'a_x.com#EXT#@'))",
        ),
        [
          { property: 'userPrincipalName', operator: 'eq', value: 'A@x.com' },
          { property: 'mail', operator: 'eq', value: 'B@x.com' },
          { property: 'mail', operator: 'eq', value: 'c@x.com' },
          { property: 'userPrincipalName', operator: 'startswith', value: 'a_x.com#EXT#@' },
        ],
      );
    });

    it('reports a test on the range variable of any() as a test on the collection', () => {
      assert.deepEqual(candidates("proxyAddresses/any(p:p eq 'SMTP:o''brien@x.com' or p eq 'smtp:b@x.com')"), [
        { property: 'proxyAddresses', operator: 'eq', value: "SMTP:o'brien@x.com" },
        { property: 'proxyAddresses', operator: 'eq', value: 'smtp:b@x.com' },
      ]);
      assert.deepEqual(candidates("otherMails/any(x:mail eq 'a@x.com')"), [
        { property: 'mail', operator: 'eq', value: 'a@x.com' },
      ]);
    });

    it('is undefined for any other shape', () => {
      const others = [
        "mail eq 'a@x.com' and userType eq 'Guest'",
        "mail eq 'a@x.com' or not(mail eq 'b@x.com')",
        "mail ne 'a@x.com'",
        "mail eq null or mail eq 'a@x.com'",
        "mail in ('a@x.com', null)",
        'accountEnabled eq true',
        "endswith(mail,'@x.com')",
        "otherMails/any(x:x eq 'a@x.com' and x eq 'b@x.com')",
      ];
      for (const filter of others) assert.equal(candidates(filter), undefined, filter);
    });
  });

  describe('what Graph refuses', () => {
    it('an unknown property is Request_UnsupportedQuery', () => {
      const error = filterError("signInNames/any(x:x eq 'a@b.com')");
      assert.equal(error.code, 'Request_UnsupportedQuery');
      assert.match(error.message, /signInNames/);
      assert.equal(filterError("jobTitle eq 'CEO'").code, 'Request_UnsupportedQuery');
    });

    it('a collection compared directly, or all(), or a lambda on a scalar is Request_UnsupportedQuery', () => {
      assert.equal(filterError("otherMails eq 'a@b.com'").code, 'Request_UnsupportedQuery');
      assert.equal(filterError("otherMails/all(x:x eq 'a@b.com')").code, 'Request_UnsupportedQuery');
      assert.equal(filterError("mail/any(x:x eq 'a@b.com')").code, 'Request_UnsupportedQuery');
    });

    it('unknown functions and range operators are Request_UnsupportedQuery', () => {
      assert.equal(filterError("contains(mail,'x')").code, 'Request_UnsupportedQuery');
      assert.equal(filterError("displayName gt 'A'").code, 'Request_UnsupportedQuery');
    });

    it('a literal of the wrong type is a BadRequest', () => {
      assert.equal(filterError("accountEnabled eq 'true'").code, 'BadRequest');
      assert.equal(filterError('mail eq true').code, 'BadRequest');
    });

    it('malformed expressions are BadRequest syntax errors', () => {
      const malformed = ['', 'mail eq', "mail 'x'", "(mail eq 'x'", "mail eq 'x')", "mail eq 'x' and", 'mail eq 42', 'mail eq "x"'];
      for (const filter of malformed) {
        const error = filterError(filter);
        assert.equal(error.code, 'BadRequest', filter);
        assert.match(error.message, /^Invalid filter clause/, filter);
      }
    });
  });
});
