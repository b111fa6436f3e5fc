import { describeLocaleParity } from '../i18n/locale-parity';

describeLocaleParity('cli');
