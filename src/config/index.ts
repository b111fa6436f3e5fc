export * from './app-config';
export { ConfigurationError, loadConfig } from './load-config';
export { loadPolicy, parsePolicy } from './policy-file';
export { terminalLocale } from './terminal-locale';
