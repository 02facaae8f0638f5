// The notifications tests' fixtures: a real SMTP server on 127.0.0.1 (port 0) that records what it is
// sent, a registration body, and addresses for the demo bureau's people (it has none).
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { SMTPServer } from 'smtp-server';
import type { Db } from '../src/platform/db/database.ts';

// ---- a real SMTP server on 127.0.0.1, port 0 -------------------------------------------------------

export interface ReceivedMail {
  to: string[];
  subject: string;
  messageId: string;
}

export interface MailServer {
  url: string;
  received: ReceivedMail[];
  /** Reject the next `n` recipients with a temporary failure naming the address. */
  failNext(n: number): void;
  close(): Promise<void>;
}

/** Decodes a header's MIME encoded-words (=?UTF-8?B?…?= and =?UTF-8?Q?…?=), joining adjacent ones. */
function decodeHeader(value: string): string {
  const parts: Buffer[] = [];
  const pattern = /=\?utf-8\?([bq])\?([^?]*)\?=|([^=]+|=)/gi;
  for (const m of value.replace(/\r?\n[ \t]+/g, ' ').matchAll(pattern)) {
    if (m[1] && m[2] !== undefined) {
      parts.push(
        m[1].toLowerCase() === 'b'
          ? Buffer.from(m[2], 'base64')
          : Buffer.from(
              m[2]
                .replace(/_/g, ' ')
                .replace(/=([0-9a-f]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16))),
              'latin1',
            ),
      );
    } else if (m[3] && !/^\s+$/.test(m[3])) {
      parts.push(Buffer.from(m[3]));
    }
  }
  return Buffer.concat(parts).toString('utf8');
}

function headerOf(raw: string, name: string): string {
  const head = raw.split(/\r?\n\r?\n/)[0] ?? '';
  const m = new RegExp(`^${name}:(.*(?:\\r?\\n[ \\t].*)*)`, 'im').exec(head);
  return (m?.[1] ?? '').trim();
}

export async function startMailServer(): Promise<MailServer> {
  const received: ReceivedMail[] = [];
  let failures = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (failures > 0) {
        failures--;
        const err = Object.assign(new Error(`Mailbox ${address.address} is busy, try later`), {
          responseCode: 450,
        });
        return callback(err);
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        received.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          subject: decodeHeader(headerOf(raw, 'Subject')),
          messageId: headerOf(raw, 'Message-ID'),
        });
        callback();
      });
    },
  });
  const port = await new Promise<number>((resolve) => {
    const listening = server.listen(0, '127.0.0.1', () => resolve((listening.address() as AddressInfo).port));
  });
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    failNext: (n) => {
      failures = n;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export const registration = (title: string) => ({
  applicant: { kind: 'enterprise' as const, name: '示范食品有限公司', phone: '13912345678' },
  channel: 'counter' as const,
  receivedAt: '2026-11-20T09:30:00+08:00',
  matterType: 'licensing' as const,
  matterTitle: title,
  description: '企业希望在住宅楼一层开设食品加工作坊',
  coDepartmentIds: [],
});

/** Everyone gets an address username@example.test (the demo bureau has none). */
export async function giveEveryoneAnEmail(db: Db): Promise<void> {
  await db
    .updateTable('people')
    .set({ email: sql<string>`username || '@example.test'` })
    .execute();
}

export const mailsTo = (mail: MailServer, address: string, subjectPart: string) =>
  mail.received.filter((m) => m.to.includes(address) && m.subject.includes(subjectPart));
