/** The Adaptive Cards GuestPass shows in Teams: render functions, and the verbs and input ids the bot reads back. */
export * from './adaptive-card';
export * from './approval-card';
export * from './audit-card';
export * from './format-date';
export * from './group-results';
export * from './guest-status-card';
export * from './help-card';
export * from './input-ids';
export * from './invitation-result-card';
export * from './invited-card';
export * from './invite-form-card';
export * from './pending-guests-card';
export * from './redeem-link-card';
export * from './request-list-card';
export * from './request-news-card';
export * from './reset-confirmation-card';
export * from './verbs';
