import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { getSlaReport, reportsResource, type SlaReportParams } from '../api';

export function useSlaReport(params: SlaReportParams) {
  return useQuery({
    queryKey: [reportsResource, 'sla', params],
    queryFn: ({ signal }) => getSlaReport(params, signal),
    // Changing the range or grouping keeps the old figures on screen until the new ones arrive.
    placeholderData: keepPreviousData,
  });
}
