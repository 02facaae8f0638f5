// The approval form fits one A4 page with realistic content: four opinions of 300 characters (the first
// responder's reason and three levels'), the applicant, the matter, the rounds' note, each level's time
// limit and the bureau's rule under the form. LibreOffice converts the DOCX; poppler counts the pages.
// The DOCX does not depend on the database, so one dialect is enough here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { createTestApp, type Client, type TestApp } from './harness.ts';
import { seedCase } from './factories.ts';
import { readDocx } from './docx-reading.ts';
import { convertDocx, opinionOf } from './docx-pages.ts';

describe('the approval form on one A4 page [sqlite]', () => {
  let t: TestApp;
  let shouwen: Client;

  beforeAll(async () => {
    t = await createTestApp('sqlite');
    shouwen = await t.signIn('shouwen');
  });
  afterAll(async () => {
    await t.dispose();
  });

  it('prints four 300-character opinions, the applicant, the matter and the clocks on exactly one page', async () => {
    const opinions = { 2: opinionOf(300, '科室'), 3: opinionOf(300, '分管'), 4: opinionOf(300, '主要') };
    const c = await seedCase(t, {
      state: 'closed',
      outcome: 'refused',
      applicant: {
        kind: 'enterprise',
        name: '演示市示范食品加工有限责任公司',
        creditCode: '91411381MA45ABCD13',
        phone: '13912345678',
        address: '演示市城东区人民路128号院3号楼1单元101室',
      },
      matterTitle: '在住宅楼一层开办食品加工作坊并申请食品生产许可',
      description: opinionOf(150, '申请'),
      proposal: { reason: 'notPermitted', reasonText: opinionOf(300, '首问') },
      opinions,
      workableSuggestion: '可在工业园区标准化厂房或小作坊集中区申办，我局提供选址和布局指导。',
      feedback: { accepted: true, text: '申请人表示理解，将考虑在小作坊集中区另行选址。' },
    });
    const res = await shouwen.request('GET', `/api/cases/${c.id}/form.docx`);
    expect(res.statusCode, res.body).toBe(200);
    const { text } = readDocx(res.rawPayload);
    for (const opinion of Object.values(opinions)) expect(text).toContain(opinion);
    expect(text).toContain('13912345678');
    expect(text).toMatch(/审批时限\d{4}年\d{1,2}月\d{1,2}日（按期）/);
    expect(text).toContain('注：本局规定审批时限为科室负责人1个、分管领导1个、主要领导1个工作日');

    mkdirSync('test-results', { recursive: true });
    const { pages } = convertDocx(res.rawPayload, { keepPngAs: 'test-results/approval-form-docx' });
    expect(pages).toBe(1);
  });
});
