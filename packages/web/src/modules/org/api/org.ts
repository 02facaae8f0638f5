import type {
  CreateDepartmentBody,
  CreateUnitBody,
  Department,
  OrgTree,
  OrgUnit,
  UpdateDepartmentBody,
  UpdateUnitBody,
} from '@bancheng/core';
import { api } from '../../../api/client.ts';

export const orgKeys = { tree: ['org', 'tree'] as const };

export const fetchOrgTree = () => api<OrgTree>('/api/org/tree');
export const createUnit = (body: CreateUnitBody) => api<OrgUnit>('/api/org/units', { method: 'POST', body });
export const updateUnit = (id: string, body: UpdateUnitBody) =>
  api<OrgUnit>(`/api/org/units/${encodeURIComponent(id)}`, { method: 'PATCH', body });
export const deleteUnit = (id: string, version: number) =>
  api<void>(`/api/org/units/${encodeURIComponent(id)}`, { method: 'DELETE', query: { version } });
export const createDepartment = (body: CreateDepartmentBody) =>
  api<Department>('/api/org/departments', { method: 'POST', body });
export const updateDepartment = (id: string, body: UpdateDepartmentBody) =>
  api<Department>(`/api/org/departments/${encodeURIComponent(id)}`, { method: 'PATCH', body });
export const deleteDepartment = (id: string, version: number) =>
  api<void>(`/api/org/departments/${encodeURIComponent(id)}`, { method: 'DELETE', query: { version } });
