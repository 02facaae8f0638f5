import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { isApiError } from '../../../api/client.ts';
import { caseKeys } from '../api/cases.ts';
import { attachmentKeys, fetchAttachments, uploadAttachment } from '../api/attachments.ts';

export function useAttachments(caseId: string) {
  return useQuery({
    queryKey: attachmentKeys.list(caseId),
    queryFn: ({ signal }) => fetchAttachments(caseId, signal),
    retry: (count, error) => !isApiError(error) || (error.status >= 500 && count < 2),
  });
}

export function useUploadAttachment(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => uploadAttachment(caseId, file),
    // The list gains the file and the case's timeline an entry.
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: attachmentKeys.list(caseId) }),
        queryClient.invalidateQueries({ queryKey: caseKeys.detail(caseId) }),
      ]),
  });
}
