// What a clerk types is checked as a clerk expects: mainland phone numbers, the credit code's check
// character, and text over its limit refused with the limit — a 400 with field errors, nothing written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DIALECTS, type Client, type TestApp } from './harness.ts';
import { registration } from './notification-fixtures.ts';

describe.each(DIALECTS)('registration validation [%s]', (dialect) => {
  let t: TestApp;
  let shouwen: Client;
  let admin: Client;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    shouwen = await t.signIn('shouwen');
    admin = await t.signIn('admin');
  });
  afterAll(async () => {
    await t.dispose();
  });

  const counts = async () => {
    const db = t.ctx.database.db;
    const [cases, audit] = await Promise.all([
      db.selectFrom('cases').select(db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      db.selectFrom('audit_events').select(db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { cases: Number(cases.n), audit: Number(audit.n) };
  };

  const register = (body: unknown, lang?: string) =>
    t.inject({
      method: 'POST',
      url: '/api/cases',
      headers: {
        cookie: shouwen.cookie,
        'x-csrf-token': shouwen.csrfToken,
        ...(lang && { 'accept-language': lang }),
      },
      payload: body as Record<string, unknown>,
    });

  const base = registration('食品经营许可');
  const withApplicant = (applicant: Record<string, unknown>) => ({
    ...base,
    applicant: { ...base.applicant, ...applicant },
  });

  it.each([
    ['an all-zero phone', withApplicant({ phone: '00000000000' }), 'applicant.phone', '手机号'],
    ['a 20-digit phone', withApplicant({ phone: '12345678901234567890' }), 'applicant.phone', '手机号'],
    ['a 21-character phone', withApplicant({ phone: '139123456789012345678' }), 'applicant.phone', '20'],
    [
      'a credit code with a bad check character',
      withApplicant({ creditCode: '91411381MA45ABCD1X' }),
      'applicant.creditCode',
      '校验位',
    ],
    [
      'a credit code with a letter outside the alphabet',
      withApplicant({ creditCode: '91411381MA45ABCDI3' }),
      'applicant.creditCode',
      '18 位',
    ],
    ['a title over 200 characters', { ...base, matterTitle: '许'.repeat(201) }, 'matterTitle', '200'],
    [
      'a description over 5000 characters',
      { ...base, description: '述'.repeat(5001) },
      'description',
      '5000',
    ],
  ])('refuses %s with a field error, writing nothing', async (_, body, field, words) => {
    const before = await counts();
    const res = await register(body);
    expect(res.statusCode, res.body).toBe(400);
    const error = res.json().error;
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.fields[field]).toContain(words);
    expect(await counts()).toEqual(before);
  });

  it('says it in English too', async () => {
    const res = await register(
      withApplicant({ creditCode: '91411381MA45ABCD1X', phone: '00000000000' }),
      'en',
    );
    expect(res.statusCode).toBe(400);
    const { fields } = res.json().error;
    expect(fields['applicant.creditCode']).toContain('check character');
    expect(fields['applicant.phone']).toContain('mobile number');
    const long = await register({ ...base, matterTitle: 'x'.repeat(201) }, 'en');
    expect(long.json().error.fields.matterTitle).toBe('at most 200 characters: please shorten it');
  });

  it('keeps a title of exactly 200 characters whole, and accepts landlines and valid codes', async () => {
    const res = await register({
      ...withApplicant({ phone: '0377-62306039-801', creditCode: '91411381ma45abcd13' }),
      matterTitle: '许'.repeat(200),
    });
    expect(res.statusCode, res.body).toBe(201);
    const detail = (await shouwen.request('GET', `/api/cases/${res.json().id}`)).json();
    expect(detail.matterTitle).toHaveLength(200);
    expect(detail.applicantCreditCode).toBe('91411381MA45ABCD13');
  });

  it("refuses a staff member's all-zero phone", async () => {
    const people = (await admin.request('GET', '/api/people?q=shouwen')).json();
    const person = people.items[0];
    const res = await admin.request('PATCH', `/api/people/${person.id}`, {
      phone: '00000000000',
      version: person.version,
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.fields.phone).toContain('手机号');
  });
});
