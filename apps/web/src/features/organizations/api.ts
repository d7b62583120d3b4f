import type { CreateOrganizationBody, Organization, Page, UpdateOrganizationBody } from '@kefu/contracts';
import { api, type QueryParams } from '../../shared/api/client';
import type { EntityOption } from '../../shared/forms/EntitySelect';

export const organizationsResource = 'organizations';

export const listOrganizations = (query: QueryParams, signal?: AbortSignal) =>
  api.get<Page<Organization>>('/organizations', query, signal);
export const getOrganization = (id: string) => api.get<Organization>(`/organizations/${id}`);
export const createOrganization = (body: CreateOrganizationBody) => api.post<Organization>('/organizations', body);
export const updateOrganization = (id: string, body: UpdateOrganizationBody) =>
  api.patch<Organization>(`/organizations/${id}`, body);
export const deleteOrganization = (id: string) => api.delete(`/organizations/${id}`);

const toOption = (org: Organization): EntityOption => ({ value: org.id, label: org.name });

export const organizationOptions = {
  resource: organizationsResource,
  search: async (q: string | undefined, signal: AbortSignal) =>
    (await listOrganizations({ q, limit: 50 }, signal)).items.map(toOption),
  lookup: async (id: string) => toOption(await getOrganization(id)),
};
