// What the case-facts tests share: a registration body and the fact tables of migration 0007.
export const APPLICANT_PHONE = '13912345678';

export const registration = (overrides: Record<string, unknown> = {}) => ({
  applicant: { kind: 'person', name: '李四', phone: APPLICANT_PHONE },
  channel: 'counter',
  receivedAt: '2026-11-20T09:30:00+08:00',
  matterType: 'licensing',
  matterTitle: '申请在住宅楼内办理食品经营许可',
  description: '希望在住宅楼一层开设食品加工作坊',
  ...overrides,
});

/** The tables migration 0007 adds, one per kind of case fact. */
export const FACT_TABLES = [
  'case_handovers',
  'case_replies',
  'case_feedback',
  'case_consultations',
  'case_follow_ups',
  'case_contributions',
  'case_notices',
] as const;
