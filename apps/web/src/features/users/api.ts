import type { CreateUserBody, Page, UpdateUserBody, User } from '@kefu/contracts';
import { api, type QueryParams } from '../../shared/api/client';
import type { EntityOption } from '../../shared/forms/EntitySelect';

export const usersResource = 'users';

export const listUsers = (query: QueryParams, signal?: AbortSignal) => api.get<Page<User>>('/users', query, signal);
export const getUser = (id: string) => api.get<User>(`/users/${id}`);
export const createUser = (body: CreateUserBody) => api.post<User>('/users', body);
export const updateUser = (id: string, body: UpdateUserBody) => api.patch<User>(`/users/${id}`, body);

const toOption = (user: User): EntityOption => ({ value: user.id, label: `${user.name} · ${user.email}` });

export const userOptions = {
  resource: usersResource,
  search: async (q: string | undefined, signal: AbortSignal) => (await listUsers({ q, limit: 50 }, signal)).items.map(toOption),
  lookup: async (id: string) => toOption(await getUser(id)),
};
