export { createGraphCredential, createOnBehalfOfCredential } from './credential';
export { DelegatingDirectory } from './delegating-directory';
export type { ActingPerson } from './delegating-directory';
export { GraphConnection, longestGraphCallMs } from './graph-client';
export { GraphDirectory } from './graph-directory';
export { GraphGuestAccounts } from './graph-guest-accounts';
export { cloudSupportsSponsors } from './graph-hosts';
export { OnBehalfOfDirectories } from './on-behalf-of-directories';
