import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { createCustomerBodySchema, customerSchema, idParamsSchema, listCustomersQuerySchema, pageSchema, problemSchema, updateCustomerBodySchema } from '@kefu/contracts';
import type { AppDeps } from '../../platform/context.js';
import { contextOf } from '../auth/index.js';
import { createCustomer, getCustomer, listCustomers, updateCustomer } from './customers.service.js';

const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema };

export function customersRoutes(deps: AppDeps) {
  return async (instance: FastifyInstance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>();
    const tags = ['customers'];
    app.get('/customers', { schema: { tags, summary: 'Customers, searchable by name (Chinese too), email or phone', querystring: listCustomersQuerySchema, response: { 200: pageSchema(customerSchema), ...errors } } },
      async (request) => listCustomers(deps, contextOf(request), request.query));
    app.post('/customers', { schema: { tags, summary: 'Create a customer', body: createCustomerBodySchema, response: { 201: customerSchema, ...errors } } },
      async (request, reply) => reply.status(201).send(await createCustomer(deps, contextOf(request), request.body)));
    app.get('/customers/:id', { schema: { tags, summary: 'One customer', params: idParamsSchema, response: { 200: customerSchema, ...errors } } },
      async (request) => getCustomer(deps, contextOf(request), request.params.id));
    app.patch('/customers/:id', { schema: { tags, summary: 'Change a customer', params: idParamsSchema, body: updateCustomerBodySchema, response: { 200: customerSchema, ...errors } } },
      async (request) => updateCustomer(deps, contextOf(request), request.params.id, request.body));
  };
}
