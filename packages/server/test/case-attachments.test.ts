import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Document, Packer, Paragraph } from 'docx';
import { createTestApp, DIALECTS, type Client, type TestApp } from './harness.ts';
import { seedCase } from './factories.ts';

const MAX_MB = 1;
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n' +
    '2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n' +
    'trailer << /Root 1 0 R >>\n%%EOF\n',
  'latin1',
);
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const EXE = Buffer.concat([Buffer.from('MZ', 'latin1'), Buffer.alloc(510, 0x90)]);
const HTML = Buffer.from('<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>');
const CFB = Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(1024)]);
const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/** A multipart/form-data body with one file part, built by hand so the test controls every byte. */
function multipart(file: Buffer, filename: string, field = 'file', contentType = 'application/pdf') {
  const boundary = `----bancheng-attachment-${Math.random().toString(16).slice(2)}`;
  const head =
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\n` +
    `Content-Type: ${contentType}\r\n\r\n`;
  return {
    payload: Buffer.concat([Buffer.from(head, 'utf8'), file, Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8')]),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

const registration = {
  applicant: { kind: 'person', name: '张三', phone: '13912345678' },
  channel: 'counter',
  receivedAt: '2026-11-20T09:30:00+08:00',
  matterType: 'licensing',
  matterTitle: '申请办理食品经营许可',
  description: '需要补充营业执照复印件',
};

describe.each(DIALECTS)('case attachments [%s]', (dialect) => {
  let t: TestApp;
  let shouwen: Client, ducha: Client, outsider: Client;
  let caseId: string;

  const upload = (c: Client, file: Buffer, filename: string, id = caseId, field = 'file') => {
    const body = multipart(file, filename, field);
    return t.inject({
      method: 'POST',
      url: `/api/cases/${id}/attachments`,
      headers: { cookie: c.cookie, 'x-csrf-token': c.csrfToken, 'content-type': body.contentType },
      payload: body.payload,
    });
  };
  const attachmentsDir = () => path.join(t.ctx.config.dataDir, 'attachments');
  /** Every file under the attachments folder, temporary ones included. */
  const filesOnDisk = (): string[] => {
    const root = attachmentsDir();
    if (!fs.existsSync(root)) return [];
    return (fs.readdirSync(root, { recursive: true }) as string[])
      .filter((f) => fs.statSync(path.join(root, f)).isFile())
      .sort();
  };
  const state = async () => {
    const db = t.ctx.database.db;
    const rows = await db.selectFrom('case_attachments').selectAll().orderBy('id').execute();
    const audit = await db
      .selectFrom('audit_events')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow();
    return { rows, files: filesOnDisk(), audit: Number(audit.n) };
  };

  beforeAll(async () => {
    t = await createTestApp(dialect, { ATTACHMENT_MAX_MB: String(MAX_MB) });
    [shouwen, ducha, outsider] = [
      await t.signIn('shouwen'),
      await t.signIn('ducha'),
      await t.signIn('jgjc1'),
    ];
    const res = await shouwen.request('POST', '/api/cases', registration);
    expect(res.statusCode).toBe(201);
    caseId = res.json().id;
    // The tests that read and download need an attachment there, whichever test runs first.
    expect((await upload(shouwen, PDF, '已有附件.pdf')).statusCode).toBe(201);
  });
  afterAll(async () => {
    await t.dispose();
  });

  it('keeps a PDF, a PNG and a DOCX by their content, with their sha256, on disk under DATA_DIR', async () => {
    // A case of its own: the list below must hold exactly these three, whichever tests ran before.
    const caseId = (await seedCase(t, { state: 'open', matterTitle: '附件清单' })).id;
    const docx = await Packer.toBuffer(
      new Document({ sections: [{ children: [new Paragraph('营业执照')] }] }),
    );
    const files: [Buffer, string, string][] = [
      [PDF, '营业执照 复印件.pdf', 'application/pdf'],
      [PNG, 'photo.png', 'image/png'],
      [docx, '情况说明.docx', DOCX_TYPE],
    ];
    for (const [data, name, type] of files) {
      const res = await upload(shouwen, data, name, caseId);
      expect(res.statusCode, res.body).toBe(201);
      const a = res.json();
      expect(a).toMatchObject({ fileName: name, mediaType: type, size: data.length, sha256: sha256(data) });
      expect(a.uploadedBy.username).toBe('shouwen');
      const stored = path.join(attachmentsDir(), a.sha256.slice(0, 2), a.sha256);
      expect(fs.readFileSync(stored).equals(data)).toBe(true);
    }
    expect(fs.readdirSync(path.join(attachmentsDir(), 'tmp'))).toEqual([]);

    const list = await shouwen.request('GET', `/api/cases/${caseId}/attachments`);
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((a: { fileName: string }) => a.fileName)).toEqual(files.map((f) => f[1]));
    expect(list.json().abilities).toEqual({ upload: true });
    expect(list.json().maxBytes).toBe(MAX_MB * 1024 * 1024);

    const detail = (await shouwen.request('GET', `/api/cases/${caseId}`)).json();
    const added = detail.timeline.filter((e: { type: string }) => e.type === 'case.attachmentAdded');
    expect(added.map((e: { payload: { fileName: string } }) => e.payload.fileName)).toEqual(
      files.map((f) => f[1]),
    );
  });

  it('keeps identical content once, and gives a name the extension its content calls for', async () => {
    // The same content as some earlier upload, in this test: then nothing new may reach the disk.
    expect((await upload(shouwen, PDF, 'first.pdf')).statusCode).toBe(201);
    expect((await upload(shouwen, PNG, 'first.png')).statusCode).toBe(201);
    const before = await state();
    const res = await upload(shouwen, PDF, 'scan');
    expect(res.statusCode).toBe(201);
    expect(res.json().fileName).toBe('scan.pdf');
    const renamed = await upload(shouwen, PNG, 'C:\\Users\\x\\picture.exe');
    expect(renamed.statusCode).toBe(201);
    expect(renamed.json().fileName).toBe('picture.exe.png');
    const after = await state();
    expect(after.rows.length).toBe(before.rows.length + 2);
    expect(after.files).toEqual(before.files);
  });

  it('accepts a legacy Office file only under an Office name: the same container holds installers', async () => {
    const doc = await upload(shouwen, CFB, '旧版台账.xls');
    expect(doc.statusCode, doc.body).toBe(201);
    expect(doc.json().mediaType).toBe('application/x-cfb');
    const msi = await upload(shouwen, Buffer.concat([CFB, Buffer.from('msi')]), 'setup.msi');
    expect(msi.statusCode).toBe(400);
    expect(msi.json().error.code).toBe('ATTACHMENT_TYPE_NOT_ALLOWED');
  });

  it('refuses by content what a name disguises, and what is too large or empty, leaving nothing behind', async () => {
    const before = await state();
    const cases: [Buffer, string, number, string][] = [
      [EXE, 'x.pdf', 400, 'ATTACHMENT_TYPE_NOT_ALLOWED'],
      [HTML, 'x.png', 400, 'ATTACHMENT_TYPE_NOT_ALLOWED'],
      [
        Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
        'x.jpg',
        400,
        'ATTACHMENT_TYPE_NOT_ALLOWED',
      ],
      [Buffer.from('PK\u0003\u0004 not really a zip'), 'x.docx', 400, 'ATTACHMENT_TYPE_NOT_ALLOWED'],
      [Buffer.concat([PDF, Buffer.alloc(MAX_MB * 1024 * 1024)]), 'big.pdf', 413, 'ATTACHMENT_TOO_LARGE'],
      [Buffer.alloc(0), 'empty.pdf', 400, 'ATTACHMENT_EMPTY'],
    ];
    for (const [data, name, status, code] of cases) {
      const res = await upload(shouwen, data, name);
      expect(res.statusCode, name).toBe(status);
      expect(res.json().error.code, name).toBe(code);
    }
    const exe = await upload(shouwen, EXE, 'x.pdf');
    expect(exe.json().error.message).toMatch(/不支持该文件类型/);
    const wrongField = await upload(shouwen, PDF, 'x.pdf', caseId, 'document');
    expect(wrongField.statusCode).toBe(400);
    expect(wrongField.json().error.fields).toHaveProperty('file');
    expect(await state()).toEqual(before);
  });

  it('sends a download as an attachment to save, never as something a browser would render', async () => {
    const a = (await upload(shouwen, PDF, '说明 (1).pdf')).json();
    const res = await shouwen.request('GET', `/api/cases/${caseId}/attachments/${a.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/octet-stream');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toMatch(/\bsandbox\b/);
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="__ (1).pdf"; filename*=UTF-8''%E8%AF%B4%E6%98%8E%20%281%29.pdf`,
    );
    expect(res.rawPayload.equals(PDF)).toBe(true);
    const other = (await shouwen.request('POST', '/api/cases', registration)).json();
    expect((await shouwen.request('GET', `/api/cases/${other.id}/attachments/${a.id}`)).statusCode).toBe(404);
  });

  it('shows outsiders nothing: 404 on list, upload and download, and nothing changes', async () => {
    const a = (await shouwen.request('GET', `/api/cases/${caseId}/attachments`)).json().items[0];
    const before = await state();
    for (const res of [
      await outsider.request('GET', `/api/cases/${caseId}/attachments`),
      await upload(outsider, PDF, 'x.pdf'),
      await upload(outsider, EXE, 'x.pdf'),
      await outsider.request('GET', `/api/cases/${caseId}/attachments/${a.id}`),
      await outsider.request('GET', `/api/cases/no-such-case/attachments`),
    ]) {
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('NOT_FOUND');
    }
    expect((await t.inject({ method: 'GET', url: `/api/cases/${caseId}/attachments` })).statusCode).toBe(401);
    expect(await state()).toEqual(before);
  });

  it('lets the supervision office read and download, but not add to a case it does not work', async () => {
    const list = await ducha.request('GET', `/api/cases/${caseId}/attachments`);
    expect(list.statusCode).toBe(200);
    expect(list.json().abilities).toEqual({ upload: false });
    const a = list.json().items[0];
    const download = await ducha.request('GET', `/api/cases/${caseId}/attachments/${a.id}`);
    expect(download.statusCode).toBe(200);
    expect(sha256(download.rawPayload)).toBe(a.sha256);
    const before = await state();
    const res = await upload(ducha, PNG, 'x.png');
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('CASE_NOT_AT_YOUR_LEVEL');
    expect(await state()).toEqual(before);
  });
});
