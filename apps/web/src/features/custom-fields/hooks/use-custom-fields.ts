import { useQuery } from '@tanstack/react-query';
import { customFieldsResource, listCustomFields, type CustomFieldFilters } from '../api';

/**
 * Custom field definitions in form order. Customers get only the active fields the portal shows,
 * so the ticket form and the portal can both call this.
 */
export function useCustomFields(filters: CustomFieldFilters = {}) {
  const query = useQuery({
    queryKey: [customFieldsResource, 'list', filters.ticketType ?? null, filters.active ?? null],
    queryFn: ({ signal }) => listCustomFields(filters, signal),
    staleTime: 60_000,
  });
  return { fields: query.data?.items ?? [], query };
}
