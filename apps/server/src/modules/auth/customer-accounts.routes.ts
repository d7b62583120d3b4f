import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  acceptInvitationBodySchema, accountRequestAcceptedSchema, accountTokenBodySchema, customerInvitationSchema, emailOnlyBodySchema,
  idParamsSchema, inviteCustomerBodySchema, loginResponseSchema, problemSchema, registerBodySchema, resetPasswordBodySchema,
} from '@kefu/contracts';
import type { AppDeps } from '../../platform/context.js';
import type { OpenedSession, Origin } from './account-session.js';
import { contextOf, SESSION_COOKIE, sessionCookieOptions } from './authenticate.js';
import {
  confirmLoginLink, register, requestLoginLink, requestPasswordReset, resendVerification, setPasswordByToken, verifyEmail,
} from './customer-accounts.service.js';
import { inviteCustomer } from './customer-invitations.service.js';

const tags = ['auth'];
const requestErrors = { 400: problemSchema, 403: problemSchema, 429: problemSchema };
const tokenErrors = { 400: problemSchema, 403: problemSchema, 410: problemSchema };

const originOf = (request: FastifyRequest): Origin => ({ ip: request.ip, userAgent: request.headers['user-agent'] ?? null });

/** A mailed link that signs the user in sets the session cookie, as the password sign-in does. */
function signedIn(deps: AppDeps, reply: FastifyReply, session: OpenedSession) {
  reply.setCookie(SESSION_COOKIE, session.secret, sessionCookieOptions(deps.config, session.expiresAt));
  return { user: session.user };
}

export function customerAccountsRoutes(deps: AppDeps) {
  return async (instance: FastifyInstance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>();
    const accepted = { 202: accountRequestAcceptedSchema, ...requestErrors };

    app.post('/auth/register', {
      schema: { tags, summary: 'Open a portal account; mails a verification link (the same answer for a known address)', security: [], body: registerBodySchema, response: accepted },
    }, async (request, reply) => reply.status(202).send(await register(deps, request.body, originOf(request))));

    app.post('/auth/verify', {
      schema: { tags, summary: 'Verify the address with the mailed link; signs in', security: [], body: accountTokenBodySchema, response: { 200: loginResponseSchema, ...tokenErrors } },
    }, async (request, reply) => signedIn(deps, reply, await verifyEmail(deps, request.body.token, originOf(request))));

    app.post('/auth/verify/resend', {
      schema: { tags, summary: 'Mail a new verification link to an unverified portal account', security: [], body: emailOnlyBodySchema, response: accepted },
    }, async (request, reply) => reply.status(202).send(await resendVerification(deps, request.body.email, originOf(request))));

    app.post('/auth/password-reset', {
      schema: { tags, summary: 'Mail a password reset link (staff and customers; the same answer for any address)', security: [], body: emailOnlyBodySchema, response: accepted },
    }, async (request, reply) => reply.status(202).send(await requestPasswordReset(deps, request.body.email, originOf(request))));

    app.post('/auth/password-reset/confirm', {
      schema: { tags, summary: 'Set a new password with the mailed link; ends every other session and signs in', security: [], body: resetPasswordBodySchema, response: { 200: loginResponseSchema, ...tokenErrors } },
    }, async (request, reply) => signedIn(deps, reply, await setPasswordByToken(deps, request.body, 'password_reset', originOf(request))));

    app.post('/auth/login-link', {
      schema: { tags, summary: 'Mail a portal customer a one-time sign-in link (when the admin enabled it)', security: [], body: emailOnlyBodySchema, response: accepted },
    }, async (request, reply) => reply.status(202).send(await requestLoginLink(deps, request.body.email, originOf(request))));

    app.post('/auth/login-link/confirm', {
      schema: { tags, summary: 'Sign in with a mailed sign-in link', security: [], body: accountTokenBodySchema, response: { 200: loginResponseSchema, ...tokenErrors } },
    }, async (request, reply) => signedIn(deps, reply, await confirmLoginLink(deps, request.body.token, originOf(request))));

    app.post('/auth/invitation/accept', {
      schema: { tags, summary: 'Accept a portal invitation: choose a password (and name); signs in', security: [], body: acceptInvitationBodySchema, response: { 200: loginResponseSchema, ...tokenErrors } },
    }, async (request, reply) => signedIn(deps, reply, await setPasswordByToken(deps, request.body, 'invitation', originOf(request))));

    app.post('/customers/:id/invite', {
      schema: {
        tags: ['customers'], summary: 'Invite a customer to the portal: mails a link to choose a password (admins only)',
        params: idParamsSchema, body: inviteCustomerBodySchema,
        response: { 201: customerInvitationSchema, 401: problemSchema, 404: problemSchema, 409: problemSchema, ...requestErrors },
      },
    }, async (request, reply) => reply.status(201).send(await inviteCustomer(deps, contextOf(request), request.params.id, request.body)));
  };
}
