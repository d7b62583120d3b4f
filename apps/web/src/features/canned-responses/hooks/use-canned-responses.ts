import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { RenderCannedResponseBody } from '@kefu/contracts';
import { useDebouncedValue } from '../../../shared/hooks/use-debounced-value';
import { cannedResponsesResource, listCannedResponseCategories, previewCannedResponse } from '../api';
import { textToHtml } from '../body-text';

/** Categories in use with their counts, for the filter and the editor's suggestions. */
export function useCannedCategories() {
  const query = useQuery({
    queryKey: [cannedResponsesResource, 'categories'],
    queryFn: ({ signal }) => listCannedResponseCategories(signal),
    staleTime: 60_000,
  });
  return query.data?.items ?? [];
}

export type CannedRenderContext = NonNullable<RenderCannedResponseBody['context']>;

/** Sample values in the reader's language, so a preview reads like a real reply. */
export function useSampleContext(): CannedRenderContext {
  const { t } = useTranslation();
  return {
    customer: { name: t('cannedResponses.sample.customerName'), email: 'zhang.wei@example.com' },
    ticket: { number: 10042, subject: t('cannedResponses.sample.ticketSubject') },
    organization: { name: t('cannedResponses.sample.organizationName') },
  };
}

/**
 * The server's rendering of a draft as it is typed: the same sanitizing and escaping as a send.
 * Until the text is changed, the saved body is shown with its formatting (lists, bold, links).
 */
export function useCannedPreview(text: string, saved?: { text: string; body: string }) {
  const context = useSampleContext();
  const html = useDebouncedValue(saved && text === saved.text ? saved.body : textToHtml(text), 400);
  return useQuery({
    queryKey: [cannedResponsesResource, 'preview', html, context],
    queryFn: () => previewCannedResponse({ body: html, context }),
    enabled: html.length > 0,
    placeholderData: keepPreviousData,
    staleTime: Infinity,
    retry: false,
  });
}
