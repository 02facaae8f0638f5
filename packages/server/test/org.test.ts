import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrgUnit } from '@bancheng/core';
import { createTestApp, DIALECTS, tableCounts, type Client, type TestApp } from './harness.ts';

describe.each(DIALECTS)('managing the organisation [%s]', (dialect) => {
  let t: TestApp;
  let admin: Client;

  const tree = async (): Promise<OrgUnit[]> => {
    const res = await admin.request('GET', '/api/org/tree');
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ units: OrgUnit[] }>().units;
  };
  const bureau = async () => {
    const root = (await tree()).find((u) => u.parentId === null);
    if (!root) throw new Error('no bureau in the tree');
    return root;
  };
  const departmentNamed = async (name: string) => {
    const d = (await tree()).flatMap((u) => u.departments).find((x) => x.name === name);
    if (!d) throw new Error(`no department ${name}`);
    return d;
  };
  /** The organisation's audit events, or those about the given units and departments only (other tests
   * make their own, before or after, as the order is shuffled). */
  const orgEvents = (subjectIds?: string[]) =>
    t.ctx.database.db
      .selectFrom('audit_events')
      .select(['type', 'actor_id', 'subject_id', 'payload'])
      .where('type', 'like', 'org.%')
      .$if(subjectIds !== undefined, (q) => q.where('subject_id', 'in', subjectIds ?? []))
      .orderBy('id')
      .execute();

  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = await t.signIn('admin');
  });
  afterAll(async () => {
    await t.dispose();
  });

  it('creates, renames and deletes a unit and its department, auditing each change with the actor', async () => {
    const root = await bureau();
    expect(root.kind).toBe('bureau');

    const unitRes = await admin.request('POST', '/api/org/units', {
      parentId: root.id,
      name: '西城市场监管所',
    });
    expect(unitRes.statusCode, unitRes.body).toBe(201);
    const unit = unitRes.json<OrgUnit>();
    expect(unit).toMatchObject({ parentId: root.id, kind: 'unit', name: '西城市场监管所', version: 0 });
    expect(unit.departments).toEqual([]);

    const deptRes = await admin.request('POST', '/api/org/departments', { unitId: unit.id, name: '综合组' });
    expect(deptRes.statusCode, deptRes.body).toBe(201);
    const dept = deptRes.json();
    expect(dept).toMatchObject({ unitId: unit.id, name: '综合组', version: 0 });

    const shown = (await tree()).find((u) => u.id === unit.id);
    expect(shown?.name).toBe('西城市场监管所');
    expect(shown?.parentId).toBe(root.id);
    expect(shown?.departments.map((d) => d.name)).toEqual(['综合组']);

    // Rename with the version read: accepted, version goes up by one.
    const renamed = await admin.request('PATCH', `/api/org/departments/${dept.id}`, {
      name: '综合办公室',
      version: 0,
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json()).toMatchObject({ id: dept.id, name: '综合办公室', version: 1 });

    // The same stale version again: refused, nothing changed.
    const before = await tableCounts(t);
    const stale = await admin.request('PATCH', `/api/org/departments/${dept.id}`, {
      name: '第三个名字',
      version: 0,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
    const afterStale = (await tree()).find((u) => u.id === unit.id)?.departments[0];
    expect(afterStale).toMatchObject({ name: '综合办公室', version: 1 });
    expect(await tableCounts(t)).toEqual(before);

    const unitRenamed = await admin.request('PATCH', `/api/org/units/${unit.id}`, {
      name: '西城市场监督管理所',
      version: 0,
    });
    expect(unitRenamed.statusCode, unitRenamed.body).toBe(200);
    expect(unitRenamed.json()).toMatchObject({ name: '西城市场监督管理所', version: 1 });
    const unitStale = await admin.request('PATCH', `/api/org/units/${unit.id}`, {
      name: '别的名字',
      version: 0,
    });
    expect(unitStale.statusCode).toBe(409);
    expect(unitStale.json().error.code).toBe('VERSION_CONFLICT');
    expect((await tree()).find((u) => u.id === unit.id)?.name).toBe('西城市场监督管理所');

    // A unit with a department in it cannot go.
    const unitNotEmpty = await admin.request('DELETE', `/api/org/units/${unit.id}?version=1`);
    expect(unitNotEmpty.statusCode).toBe(409);
    expect(unitNotEmpty.json().error.code).toBe('NOT_EMPTY');

    // Delete with a stale version: refused; with the current one: gone.
    const staleDelete = await admin.request('DELETE', `/api/org/departments/${dept.id}?version=0`);
    expect(staleDelete.statusCode).toBe(409);
    expect(staleDelete.json().error.code).toBe('VERSION_CONFLICT');
    const deleted = await admin.request('DELETE', `/api/org/departments/${dept.id}?version=1`);
    expect(deleted.statusCode, deleted.body).toBe(204);
    expect(deleted.body).toBe('');
    expect((await tree()).find((u) => u.id === unit.id)?.departments).toEqual([]);
    const again = await admin.request('DELETE', `/api/org/departments/${dept.id}?version=1`);
    expect(again.statusCode).toBe(404);

    const unitDeleted = await admin.request('DELETE', `/api/org/units/${unit.id}?version=1`);
    expect(unitDeleted.statusCode, unitDeleted.body).toBe(204);
    expect((await tree()).some((u) => u.id === unit.id)).toBe(false);

    const events = await orgEvents([unit.id, dept.id]);
    expect(events.map((e) => e.type)).toEqual([
      'org.unitCreated',
      'org.departmentCreated',
      'org.departmentUpdated',
      'org.unitUpdated',
      'org.departmentDeleted',
      'org.unitDeleted',
    ]);
    for (const e of events) expect(e.actor_id).toBe(admin.personId);
    const deptEvents = events.filter((e) => e.type.startsWith('org.department'));
    for (const e of deptEvents) expect(e.subject_id).toBe(dept.id);
    const update = deptEvents.find((e) => e.type === 'org.departmentUpdated');
    expect(JSON.parse(update?.payload ?? '{}')).toEqual({
      before: { name: '综合组' },
      after: { name: '综合办公室' },
    });
  });

  it('refuses a name already used at the same level', async () => {
    const root = await bureau();
    const before = await tableCounts(t);
    const eventsBefore = (await orgEvents()).length;

    const unit = await admin.request('POST', '/api/org/units', { parentId: root.id, name: '城区分局' });
    expect(unit.statusCode).toBe(409);
    expect(unit.json().error.code).toBe('NAME_TAKEN');

    const dept = await admin.request('POST', '/api/org/departments', { unitId: root.id, name: '督察室' });
    expect(dept.statusCode).toBe(409);
    expect(dept.json().error.code).toBe('NAME_TAKEN');

    const office = await departmentNamed('办公室');
    const rename = await admin.request('PATCH', `/api/org/departments/${office.id}`, {
      name: '登记注册科',
      version: office.version,
    });
    expect(rename.statusCode).toBe(409);
    expect(rename.json().error.code).toBe('NAME_TAKEN');
    expect((await departmentNamed('办公室')).version).toBe(office.version);

    expect(await tableCounts(t)).toEqual(before);
    expect((await orgEvents()).length).toBe(eventsBefore);
  });

  it('allows the same department name in another unit', async () => {
    const branch = (await tree()).find((u) => u.name === '城区分局');
    if (!branch) throw new Error('no 城区分局');
    const res = await admin.request('POST', '/api/org/departments', { unitId: branch.id, name: '督察室' });
    expect(res.statusCode, res.body).toBe(201);
    const removed = await admin.request('DELETE', `/api/org/departments/${res.json().id}?version=0`);
    expect(removed.statusCode).toBe(204);
  });

  it('refuses to delete a department that still has people', async () => {
    const before = await tableCounts(t);
    const dept = await departmentNamed('登记注册科');
    const res = await admin.request('DELETE', `/api/org/departments/${dept.id}?version=${dept.version}`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('NOT_EMPTY');
    expect(await departmentNamed('登记注册科')).toEqual(dept);
    expect(await tableCounts(t)).toEqual(before);
  });

  it('refuses to delete the bureau itself', async () => {
    const root = await bureau();
    const res = await admin.request('DELETE', `/api/org/units/${root.id}?version=${root.version}`);
    expect(res.statusCode).toBe(409);
    expect((await bureau()).id).toBe(root.id);
  });

  it('answers 404 for a department that does not exist', async () => {
    const res = await admin.request('PATCH', '/api/org/departments/no-such-id', { name: '某科', version: 0 });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
  });

  it('an unknown parent → 400 naming parentId', async () => {
    const before = await tableCounts(t);
    const res = await admin.request('POST', '/api/org/units', { parentId: 'no-such-unit', name: '某所' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    expect(Object.keys(res.json().error.fields)).toEqual(['parentId']);
    expect(await tableCounts(t)).toEqual(before);
  });

  it('an unknown field → 400 VALIDATION_FAILED naming the field', async () => {
    const root = await bureau();
    const before = await tableCounts(t);
    const res = await admin.request('POST', '/api/org/units', {
      parentId: root.id,
      name: '南城所',
      kind: 'bureau',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    expect(res.json().error.fields).toEqual({ kind: expect.any(String) });

    const dept = await departmentNamed('办公室');
    const patch = await admin.request('PATCH', `/api/org/departments/${dept.id}`, {
      name: '办公室',
      version: dept.version,
      unitId: root.id,
    });
    expect(patch.statusCode).toBe(400);
    expect(Object.keys(patch.json().error.fields)).toEqual(['unitId']);
    expect(await tableCounts(t)).toEqual(before);
  });

  it('an empty or blank name → 400 with fields.name', async () => {
    const root = await bureau();
    const before = await tableCounts(t);
    for (const name of ['', '   ']) {
      const res = await admin.request('POST', '/api/org/departments', { unitId: root.id, name });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
      expect(res.json().error.fields.name).toBeTruthy();
    }
    const unit = await admin.request('POST', '/api/org/units', { parentId: root.id, name: '' });
    expect(unit.statusCode).toBe(400);
    expect(unit.json().error.fields.name).toBeTruthy();
    expect(await tableCounts(t)).toEqual(before);
  });

  it('a delete without a version → 400 naming version', async () => {
    const dept = await departmentNamed('办公室');
    const res = await admin.request('DELETE', `/api/org/departments/${dept.id}`);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.version).toBeTruthy();
  });
});
