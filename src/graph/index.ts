export { createGraphCredential } from './credential';
export { GraphConnection } from './graph-client';
export { GraphDirectory } from './graph-directory';
export { cloudSupportsSponsors } from './graph-hosts';
