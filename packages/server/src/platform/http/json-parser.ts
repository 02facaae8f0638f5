// JSON bodies must be valid UTF-8 and valid JSON; prototype-poisoning keys are refused.
import type { FastifyInstance } from 'fastify';
import { AppError } from '@bancheng/core';

const decoder = new TextDecoder('utf-8', { fatal: true });

export function registerJsonParser(app: FastifyInstance): void {
  // The API speaks JSON (and multipart for uploads): plain text is refused with 415.
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser(
    /^application\/([\w.+-]+\+)?json$/i,
    { parseAs: 'buffer' },
    (_request, body, done) => {
      let text: string;
      try {
        text = decoder.decode(body as Buffer);
      } catch {
        done(new AppError('INVALID_ENCODING'), undefined);
        return;
      }
      if (text.trim() === '') {
        done(null, undefined);
        return;
      }
      try {
        const parsed: unknown = JSON.parse(text, (key, value: unknown) => {
          if (key === '__proto__' || key === 'constructor') throw new SyntaxError('forbidden key');
          return value;
        });
        done(null, parsed);
      } catch {
        done(new AppError('MALFORMED_JSON'), undefined);
      }
    },
  );
}
