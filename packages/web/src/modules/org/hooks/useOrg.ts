import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { OrgTree, OrgUnit } from '@bancheng/core';
import {
  createDepartment,
  createUnit,
  deleteDepartment,
  deleteUnit,
  fetchOrgTree,
  orgKeys,
  updateDepartment,
  updateUnit,
} from '../api/org.ts';

export function useOrgTree() {
  return useQuery({ queryKey: orgKeys.tree, queryFn: fetchOrgTree });
}

/** Bureau first, then its units in their order. */
export function sortedUnits(tree: OrgTree | undefined): OrgUnit[] {
  if (!tree) return [];
  return [...tree.units].sort(
    (a, b) =>
      (a.kind === 'bureau' ? 0 : 1) - (b.kind === 'bureau' ? 0 : 1) ||
      a.sortOrder - b.sortOrder ||
      a.name.localeCompare(b.name),
  );
}

/** Select options grouped by unit: every department, labelled with its name. */
export function departmentOptions(tree: OrgTree | undefined) {
  return sortedUnits(tree).map((unit) => ({
    label: unit.name,
    title: unit.name,
    options: [...unit.departments]
      .sort((a, b) => a.sortOrder - b.sortOrder)
      .map((d) => ({ value: d.id, label: d.name, search: `${unit.name} ${d.name}` })),
  }));
}

function useOrgMutation<TVars>(fn: (vars: TVars) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSettled: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['org'] }),
        queryClient.invalidateQueries({ queryKey: ['chains'] }),
        queryClient.invalidateQueries({ queryKey: ['people'] }),
        queryClient.invalidateQueries({ queryKey: ['me'] }),
      ]);
    },
  });
}

export const useCreateUnit = () => useOrgMutation(createUnit);
export const useRenameUnit = () =>
  useOrgMutation((v: { id: string; name: string; version: number }) =>
    updateUnit(v.id, { name: v.name, version: v.version }),
  );
export const useDeleteUnit = () =>
  useOrgMutation((v: { id: string; version: number }) => deleteUnit(v.id, v.version));
export const useCreateDepartment = () => useOrgMutation(createDepartment);
export const useRenameDepartment = () =>
  useOrgMutation((v: { id: string; name: string; version: number }) =>
    updateDepartment(v.id, { name: v.name, version: v.version }),
  );
export const useDeleteDepartment = () =>
  useOrgMutation((v: { id: string; version: number }) => deleteDepartment(v.id, v.version));
