// The portal: the administrator writes, previews and publishes the first-inquiry rules (every version kept
// with who and when, audited); the public reads the current version, the units, a department's matter list
// and chain — and never a phone number or a person's id; everyone else is turned away from the admin routes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PORTAL_RULES } from '@bancheng/core';
import { createTestApp, DIALECTS, tableCounts, type Client, type TestApp } from './harness.ts';

interface Version {
  id: string;
  number: number;
  title: string;
  summary: string;
  version: number;
  createdBy: string;
  publishedBy: string | null;
  publishedAt: string | null;
}
interface Admin {
  draft: Version | null;
  current: Version | null;
  history: Version[];
}

const CONTENT = {
  title: '首问负责制规定（第二版）',
  summary: '不说不能办，只说如何办。',
  rules: '一、原则。\n\n二、首问负责。',
  duties: '首问责任人：接待服务对象。',
};

describe.each(DIALECTS)('portal [%s]', (dialect) => {
  let t: TestApp;
  let admin: Client, keshi: Client, ducha: Client;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = await t.signIn('admin');
    keshi = await t.signIn('keshi');
    ducha = await t.signIn('ducha');
  });
  afterAll(async () => {
    await t.dispose();
  });

  async function portalAudit(): Promise<string[]> {
    const rows = await t.ctx.database.db
      .selectFrom('audit_events')
      .select(['type'])
      .where('type', 'like', 'portal.%')
      .orderBy('occurred_at')
      .orderBy('id')
      .execute();
    return rows.map((e) => e.type);
  }

  it('ships the work plan’s rules as the published version 1 on first start', async () => {
    const res = await t.inject({ method: 'GET', url: '/api/public/rules' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-security-policy']).not.toContain('unsafe-inline');
    const history = (await admin.request('GET', '/api/portal/rules')).json<Admin>().history;
    expect(history.at(-1)).toMatchObject({
      number: 1,
      title: DEFAULT_PORTAL_RULES.title,
      createdBy: '系统',
      shipped: true,
      publishedBy: '系统',
    });
  });

  it('drafts, guards the version, publishes and keeps the history with who and when', async () => {
    const auditBefore = await portalAudit();
    const was = (await t.inject({ method: 'GET', url: '/api/public/rules' })).json<{ number: number }>();
    const first = await admin.request('PUT', '/api/portal/rules/draft', { ...CONTENT, version: 0 });
    expect(first.statusCode, first.body).toBe(200);
    const draft = first.json<Version>();
    const n = was.number + 1;
    expect(draft).toMatchObject({ number: n, version: 1, publishedAt: null });
    // The public still reads the published version while the draft is written.
    expect((await t.inject({ method: 'GET', url: '/api/public/rules' })).json()).toMatchObject({
      number: was.number,
    });

    const stale = await admin.request('PUT', '/api/portal/rules/draft', { ...CONTENT, version: 0 });
    expect(stale.statusCode).toBe(409);
    const edited = await admin.request('PUT', '/api/portal/rules/draft', {
      ...CONTENT,
      summary: '改过的摘要',
      version: 1,
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ number: n, version: 2, summary: '改过的摘要' });

    expect((await admin.request('POST', '/api/portal/rules/draft/publish', { version: 1 })).statusCode).toBe(
      409,
    );
    const published = await admin.request('POST', '/api/portal/rules/draft/publish', { version: 2 });
    expect(published.statusCode, published.body).toBe(200);
    const state = published.json<Admin>();
    expect(state.draft).toBeNull();
    expect(state.history.map((v) => v.number)).toEqual(Array.from({ length: n }, (_, i) => n - i));
    expect(state.current).toMatchObject({ number: n, publishedBy: '系统管理员', createdBy: '系统管理员' });
    expect(state.current?.publishedAt).toEqual(expect.any(String));
    expect((await t.inject({ method: 'GET', url: '/api/public/rules' })).json()).toMatchObject({
      number: n,
      summary: '改过的摘要',
    });
    // Publishing again: there is no draft any more.
    expect((await admin.request('POST', '/api/portal/rules/draft/publish', { version: 3 })).statusCode).toBe(
      409,
    );

    expect((await portalAudit()).slice(auditBefore.length)).toEqual([
      'portal.draftSaved',
      'portal.draftSaved',
      'portal.published',
    ]);
  });

  it('refuses bad input with field errors and writes nothing', async () => {
    const before = await tableCounts(t);
    const res = await admin.request('PUT', '/api/portal/rules/draft', {
      ...CONTENT,
      title: '',
      extra: 1,
      version: 0,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ error: { code: string } }>().error.code).toBe('VALIDATION_FAILED');
    expect(await tableCounts(t)).toEqual(before);
  });

  it('turns away everyone but the administrator with 404, changing nothing', async () => {
    const before = await tableCounts(t);
    for (const who of [keshi, ducha]) {
      expect((await who.request('GET', '/api/portal/rules')).statusCode).toBe(404);
      expect(
        (await who.request('PUT', '/api/portal/rules/draft', { ...CONTENT, version: 0 })).statusCode,
      ).toBe(404);
      expect((await who.request('POST', '/api/portal/rules/draft/publish', { version: 1 })).statusCode).toBe(
        404,
      );
    }
    expect((await t.inject({ method: 'GET', url: '/api/portal/rules' })).statusCode).toBe(401);
    expect(await tableCounts(t)).toEqual(before);
  });

  it('shows units, a department’s matters and chain with names and titles only', async () => {
    const units = (await t.inject({ method: 'GET', url: '/api/public/units' })).json<{
      units: { id: string; name: string; departments: { id: string; name: string }[] }[];
    }>().units;
    const department = units.flatMap((u) => u.departments).find((d) => d.name === '登记注册科');
    expect(department).toBeDefined();
    const res = await t.inject({ method: 'GET', url: `/api/public/departments/${department!.id}` });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<{
      matters: { title: string }[];
      chain: { level: number; position: string; names: string[]; workdays: number | null }[];
    }>();
    expect(body.matters.length).toBeGreaterThan(0);
    expect(body.chain.map((l) => l.position)).toEqual([
      'firstResponder',
      'deptHead',
      'leaderInCharge',
      'principalLeader',
    ]);
    expect(body.chain.every((l) => l.names.length > 0)).toBe(true);
    expect(body.chain[0]!.workdays).toBeNull();
    expect(body.chain[1]!.workdays).toEqual(expect.any(Number));

    // Nothing that identifies or reaches a person: no person's id, username or phone, in any public answer.
    const people = await t.ctx.database.db.selectFrom('people').select(['id', 'username', 'phone']).execute();
    const text = [res.body, JSON.stringify(units)].join('\n');
    for (const p of people) {
      expect(text).not.toContain(p.id);
      expect(text).not.toContain(`"${p.username}"`);
      if (p.phone) expect(text).not.toContain(p.phone);
    }
    expect(text).not.toMatch(/(?<![0-9a-f])1[3-9]\d{9}(?![0-9a-f])/);
    expect((await t.inject({ method: 'GET', url: '/api/public/departments/nope' })).statusCode).toBe(404);
  });
});
