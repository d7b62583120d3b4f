import type { CreateCustomerBody, Customer, Page, UpdateCustomerBody } from '@kefu/contracts';
import { api, type QueryParams } from '../../shared/api/client';

export const customersResource = 'customers';

export const listCustomers = (query: QueryParams, signal?: AbortSignal) =>
  api.get<Page<Customer>>('/customers', query, signal);
export const getCustomer = (id: string) => api.get<Customer>(`/customers/${id}`);
export const createCustomer = (body: CreateCustomerBody) => api.post<Customer>('/customers', body);
export const updateCustomer = (id: string, body: UpdateCustomerBody) => api.patch<Customer>(`/customers/${id}`, body);
