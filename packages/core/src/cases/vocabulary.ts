// How a case arrives, what kind of matter it is, and the lists a person sees: plain values, no zod, so
// the web app's list pages can use them without loading the schemas.
export const CHANNELS = ['visit', 'phone', 'letter', 'online', 'counter'] as const;
export const MATTER_TYPES = [
  'licensing',
  'service',
  'assigned',
  'petition',
  'complaint',
  'enquiry',
  'blockage',
  'breakpoint',
] as const;
export type MatterType = (typeof MATTER_TYPES)[number];
export const CASE_VIEWS = ['todo', 'mine', 'department', 'all'] as const;
