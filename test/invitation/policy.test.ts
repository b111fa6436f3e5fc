import assert from 'node:assert/strict';
import { domainAllowed, domainMatches, redirectUrlAllowed } from '../../src/invitation/policy';

describe('policy rules', () => {
  it('matches exact domains and wildcard subdomains', () => {
    assert.ok(domainMatches('fabrikam.com', 'FABRIKAM.com'));
    assert.ok(!domainMatches('fabrikam.com', 'sales.fabrikam.com'));
    assert.ok(domainMatches('*.fabrikam.com', 'sales.fabrikam.com'));
    assert.ok(domainMatches('*.fabrikam.com', 'a.b.fabrikam.com'));
    assert.ok(!domainMatches('*.fabrikam.com', 'fabrikam.com'));
    assert.ok(!domainMatches('*.fabrikam.com', 'evilfabrikam.com'));
  });

  it('applies allow and block lists', () => {
    assert.ok(domainAllowed({ mode: 'any' }, 'x.com'));
    assert.ok(domainAllowed({ mode: 'allow', domains: ['*.partner.com'] }, 'eu.partner.com'));
    assert.ok(!domainAllowed({ mode: 'allow', domains: ['*.partner.com'] }, 'other.com'));
    assert.ok(!domainAllowed({ mode: 'block', domains: ['gmail.com'] }, 'gmail.com'));
    assert.ok(domainAllowed({ mode: 'block', domains: ['gmail.com'] }, 'fabrikam.com'));
  });

  it('allows redirect URLs under an allowed URL on the same origin only', () => {
    const allowed = ['https://portal.contoso.com/projects'];
    assert.ok(redirectUrlAllowed([], 'https://anything.example.com'));
    assert.ok(redirectUrlAllowed(allowed, 'https://portal.contoso.com/projects'));
    assert.ok(redirectUrlAllowed(allowed, 'https://portal.contoso.com/projects/42'));
    assert.ok(!redirectUrlAllowed(allowed, 'https://portal.contoso.com/projectsX'));
    assert.ok(!redirectUrlAllowed(allowed, 'https://portal.contoso.com.evil.com/projects'));
    assert.ok(!redirectUrlAllowed(allowed, 'http://portal.contoso.com/projects'));
    assert.ok(redirectUrlAllowed(['https://myapps.microsoft.com'], 'https://myapps.microsoft.com/anything'));
  });
});
