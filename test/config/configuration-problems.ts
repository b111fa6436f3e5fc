import assert from 'node:assert/strict';
import { ConfigurationError } from '../../src/config';

/** The problems a configuration step reports; fails the test if it does not throw a ConfigurationError. */
export function configurationProblems(load: () => unknown): string[] {
  try {
    load();
  } catch (error) {
    assert.ok(error instanceof ConfigurationError, `expected a ConfigurationError, got ${String(error)}`);
    return error.problems;
  }
  assert.fail('expected a ConfigurationError');
}
