export * from './common.ts';
export * from './auth.ts';
export * from './org.ts';
export * from './people.ts';
export * from './chains.ts';
export * from './audit.ts';
export * from './calendar.ts';
export * from './cases.ts';
