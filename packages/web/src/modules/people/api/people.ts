import type { CreatePersonBody, Person, PersonList, Role, UpdatePersonBody } from '@bancheng/core';
import { api } from '../../../api/client.ts';

export interface PeopleQuery {
  q?: string;
  departmentId?: string;
  role?: Role;
  page?: number;
  pageSize?: number;
}

export const peopleKeys = {
  all: ['people'] as const,
  list: (query: PeopleQuery) => ['people', 'list', query] as const,
};

const path = (id: string, rest = '') => `/api/people/${encodeURIComponent(id)}${rest}`;

export const fetchPeople = (query: PeopleQuery, signal?: AbortSignal) =>
  api<PersonList>('/api/people', { query: { ...query }, signal });
export const createPerson = (body: CreatePersonBody) => api<Person>('/api/people', { method: 'POST', body });
export const updatePerson = (id: string, body: UpdatePersonBody) =>
  api<Person>(path(id), { method: 'PATCH', body });
export const disablePerson = (id: string, version: number) =>
  api<Person>(path(id, '/disable'), { method: 'POST', body: { version } });
export const enablePerson = (id: string, version: number) =>
  api<Person>(path(id, '/enable'), { method: 'POST', body: { version } });
export const resetPassword = (id: string, newPassword: string, version: number) =>
  api<Person>(path(id, '/reset-password'), { method: 'POST', body: { newPassword, version } });
