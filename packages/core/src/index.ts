export * from './roles.ts';
export * from './errors.ts';
export * from './password-policy.ts';
export * from './access.ts';
export * from './validation-messages.ts';
export * from './api/index.ts';
