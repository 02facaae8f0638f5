import type { FastifyInstance } from 'fastify';
import {
  idParamsSchema,
  notificationListQuerySchema,
  notificationListSchema,
  notificationSchema,
  notificationsReadAllSchema,
} from '@bancheng/core';
import type { AppContext } from '../../platform/context.ts';
import { guard } from '../auth/index.ts';
import { listNotifications, readAllNotifications, readNotification } from './notification-service.ts';
import { errorResponses, typed } from '../../platform/http/routes.ts';
import { langOf } from '../../platform/http/errors.ts';

export function notificationRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = typed(app);
  const tags = ['notifications'];
  r.get(
    '/api/notifications',
    {
      schema: {
        tags,
        summary: 'My notifications (我的待办通知), newest first, with the unread count',
        querystring: notificationListQuerySchema,
        response: { 200: notificationListSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { auth } = await guard(ctx, request);
      return listNotifications(ctx, { personId: auth.person.id, lang: langOf(request) }, request.query);
    },
  );
  r.post(
    '/api/notifications/:id/read',
    {
      schema: {
        tags,
        summary: 'Mark one of my notifications read',
        params: idParamsSchema,
        response: { 200: notificationSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { auth } = await guard(ctx, request);
      return readNotification(ctx, { personId: auth.person.id, lang: langOf(request) }, request.params.id);
    },
  );
  r.post(
    '/api/notifications/read-all',
    {
      schema: {
        tags,
        summary: 'Mark all my notifications read',
        response: { 200: notificationsReadAllSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { auth } = await guard(ctx, request);
      return readAllNotifications(ctx, auth.person.id);
    },
  );
}
