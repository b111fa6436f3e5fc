import { Translate } from '../i18n';
import { DirectoryError } from '../invitation/directory-error';

/** A directory failure in words the requester can act on, with Graph's request id for the administrator. */
export function describeDirectoryError(t: Translate, error: DirectoryError): string {
  const text = t(`errors.${error.kind}`);
  return error.requestId ? `${text} ${t('errors.requestId', { requestId: error.requestId })}` : text;
}
