import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreatePersonBody, UpdatePersonBody } from '@bancheng/core';
import {
  createPerson,
  disablePerson,
  enablePerson,
  fetchPeople,
  peopleKeys,
  resetPassword,
  updatePerson,
} from '../api/people.ts';
import type { PeopleQuery } from '../api/people.ts';

export function usePeople(query: PeopleQuery, enabled = true) {
  return useQuery({
    queryKey: peopleKeys.list(query),
    queryFn: ({ signal }) => fetchPeople(query, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

function usePeopleMutation<TVars>(fn: (vars: TVars) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSettled: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: peopleKeys.all }),
        queryClient.invalidateQueries({ queryKey: ['chains'] }),
        queryClient.invalidateQueries({ queryKey: ['me'] }),
      ]);
    },
  });
}

export const useCreatePerson = () => usePeopleMutation((body: CreatePersonBody) => createPerson(body));
export const useUpdatePerson = () =>
  usePeopleMutation((v: { id: string; body: UpdatePersonBody }) => updatePerson(v.id, v.body));
export const useSetPersonEnabled = () =>
  usePeopleMutation((v: { id: string; version: number; enabled: boolean }) =>
    v.enabled ? enablePerson(v.id, v.version) : disablePerson(v.id, v.version),
  );
export const useResetPassword = () =>
  usePeopleMutation((v: { id: string; newPassword: string; version: number }) =>
    resetPassword(v.id, v.newPassword, v.version),
  );
