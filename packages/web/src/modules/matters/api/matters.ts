// Each department's matter list (事项清单): read when registering a request, kept by its head and admins.
import type { CreateMatterBody, Matter, MatterList, UpdateMatterBody } from '@bancheng/core';
import { api } from '../../../api/client.ts';

export const matterKeys = {
  all: ['matters'] as const,
  list: (departmentId: string, all: boolean) => ['matters', departmentId, all] as const,
};

const departmentPath = (id: string) => `/api/departments/${encodeURIComponent(id)}/matters`;
const matterPath = (id: string, rest = '') => `/api/matters/${encodeURIComponent(id)}${rest}`;

export const fetchMatters = (departmentId: string, all: boolean, signal?: AbortSignal) =>
  api<MatterList>(departmentPath(departmentId), { query: all ? { all: 'true' } : {}, signal });
export const createMatter = (departmentId: string, body: CreateMatterBody) =>
  api<Matter>(departmentPath(departmentId), { method: 'POST', body });
export const updateMatter = (id: string, body: UpdateMatterBody) =>
  api<Matter>(matterPath(id), { method: 'PATCH', body });
export const deactivateMatter = (id: string, version: number) =>
  api<Matter>(matterPath(id, '/deactivate'), { method: 'POST', body: { version } });
