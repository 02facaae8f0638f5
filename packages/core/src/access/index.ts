export * from './permissions.ts';
export * from './policy.ts';
