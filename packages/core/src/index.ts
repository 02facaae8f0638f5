// @bancheng/core: the pure rules and the shared zod schemas, by feature (a feature's schema beside its
// rules), with the vocabulary every feature shares in shared/. No I/O.
export * from './shared/roles.ts';
export * from './shared/errors.ts';
export * from './shared/validation-messages.ts';
export * from './shared/schema.ts';
export * from './access/index.ts';
export * from './auth/password-policy.ts';
export * from './auth/schema.ts';
export * from './org/schema.ts';
export * from './people/schema.ts';
export * from './chains/schema.ts';
export * from './audit/schema.ts';
export * from './calendar/rules.ts';
export * from './calendar/schema.ts';
export * from './cases/states.ts';
export * from './cases/vocabulary.ts';
export * from './cases/rules.ts';
export * from './cases/case-number.ts';
export * from './cases/list-cursor.ts';
export * from './cases/action-input.ts';
export * from './cases/schema.ts';
export * from './cases/form-schema.ts';
export * from './cases/attachments-schema.ts';
export * from './cases/contributions-schema.ts';
export * from './notifications/schema.ts';
export * from './matters/schema.ts';
