import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { OrderDetail, ReportDetail } from '@bancheng/core';
import { isApiError } from '../../../api/client.ts';
import { notificationKeys } from '../../notifications/api/notifications.ts';
import {
  fetchLedger,
  fetchOrder,
  fetchOrderTasks,
  fetchReferrals,
  fetchReport,
  ledgerKeys,
  searchCasesToLink,
  type LedgerQuery,
} from '../api/ledger.ts';

const noRetryOnRefusal = (count: number, error: unknown) =>
  !isApiError(error) || (error.status >= 500 && count < 2);

export function useLedger(query: LedgerQuery) {
  return useQuery({
    queryKey: ledgerKeys.list(query),
    queryFn: ({ signal }) => fetchLedger(query, signal),
    placeholderData: keepPreviousData,
  });
}

export function useReport(id: string) {
  return useQuery({
    queryKey: ledgerKeys.detail(id),
    queryFn: ({ signal }) => fetchReport(id, signal),
    // Someone else may have acted a moment ago: the page asks again every time it opens.
    staleTime: 0,
    refetchOnMount: 'always',
    retry: noRetryOnRefusal,
  });
}

export function useCasesToLink(q: string, departmentId: string | undefined, enabled: boolean) {
  return useQuery({
    queryKey: ledgerKeys.caseSearch(q, departmentId),
    queryFn: ({ signal }) => searchCasesToLink(q, departmentId, signal),
    enabled,
    placeholderData: keepPreviousData,
  });
}

export function useOrderTasks(enabled = true) {
  return useQuery({
    queryKey: ledgerKeys.orders,
    queryFn: ({ signal }) => fetchOrderTasks(signal),
    enabled,
    staleTime: 0,
    refetchOnMount: 'always',
  });
}

export function useOrder(id: string) {
  return useQuery({
    queryKey: ledgerKeys.order(id),
    queryFn: ({ signal }) => fetchOrder(id, signal),
    staleTime: 0,
    refetchOnMount: 'always',
    retry: noRetryOnRefusal,
  });
}

export function useReferrals(enabled = true) {
  return useQuery({
    queryKey: ledgerKeys.referrals,
    queryFn: ({ signal }) => fetchReferrals(signal),
    enabled,
    staleTime: 0,
    refetchOnMount: 'always',
  });
}

/**
 * A step on a report: its answer is the report as written, shown at once; every list, to-do card and the
 * notifications are asked again. A 403/404/409 (someone acted first) reloads the report.
 */
export function useReportStep<V>(id: string, step: (v: V) => Promise<ReportDetail>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: step,
    onSuccess: (detail) => {
      const shown = queryClient.getQueryData<ReportDetail>(ledgerKeys.detail(id));
      if (!shown || shown.version <= detail.version) queryClient.setQueryData(ledgerKeys.detail(id), detail);
      void queryClient.invalidateQueries({ queryKey: notificationKeys.all });
      void queryClient.invalidateQueries({ queryKey: ledgerKeys.detail(id) });
      void queryClient.invalidateQueries({ queryKey: ledgerKeys.orders });
      void queryClient.invalidateQueries({ queryKey: ledgerKeys.referrals });
      return queryClient.invalidateQueries({ queryKey: ledgerKeys.lists });
    },
    onError: (error) => {
      if (isApiError(error) && [403, 404, 409].includes(error.status)) {
        return queryClient.invalidateQueries({ queryKey: ledgerKeys.detail(id) });
      }
    },
  });
}

/** The department head's answer (or a material) on an order: the order's page and the to-do list refresh. */
export function useOrderStep<V, R = OrderDetail>(id: string, step: (v: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: step,
    onSettled: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ledgerKeys.order(id) }),
        queryClient.invalidateQueries({ queryKey: ledgerKeys.orders }),
        queryClient.invalidateQueries({ queryKey: notificationKeys.all }),
      ]);
    },
  });
}
