import { DirectoryErrorKind } from '../../src/invitation/directory-error';

/** Every kind of directory error, listed once for the tests; the `Record` makes the compiler reject a missing one. */
const KINDS: Record<DirectoryErrorKind, 1> = {
  insufficientPrivileges: 1,
  blockedByTenantPolicy: 1,
  rejected: 1,
  throttled: 1,
  unavailable: 1,
  authenticationFailed: 1,
  inviterNotAllowed: 1,
  signInRequired: 1,
  notFound: 1,
  alreadyExists: 1,
  unknown: 1,
};

export const DIRECTORY_ERROR_KINDS = Object.keys(KINDS) as DirectoryErrorKind[];
