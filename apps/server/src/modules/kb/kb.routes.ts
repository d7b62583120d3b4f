import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  changeKbArticleStateBodySchema, createKbArticleBodySchema, createKbCategoryBodySchema, idParamsSchema, kbAnalyticsQuerySchema, kbAnalyticsSchema,
  kbArticleSchema, kbArticleSummarySchema, kbArticleTicketListSchema, kbArticleUseBodySchema, kbCategoryListSchema, kbCategorySchema,
  kbDeflectBodySchema, kbDeflectResultSchema, kbDiffQuerySchema, kbDiffSchema, kbFeedbackCountsSchema, kbFromTicketBodySchema,
  kbSearchQuerySchema, kbSearchResponseSchema, kbSuggestQuerySchema, kbSuggestResponseSchema, kbVersionListSchema, kbVersionParamsSchema,
  kbVersionSchema, kbVoteBodySchema, linkKbTranslationBodySchema, listKbArticlesQuerySchema, moveKbCategoryBodySchema, pageSchema,
  problemSchema, updateKbArticleBodySchema, updateKbCategoryBodySchema,
} from '@kefu/contracts';
import type { AppDeps } from '../../platform/context.js';
import { contextOf } from '../auth/index.js';
import { kbAnalytics } from './kb-analytics.service.js';
import {
  changeArticleState, createArticleDto, deleteArticle, getArticle, linkTranslation, listArticles, updateArticle,
} from './kb-articles.service.js';
import { createCategory, deleteCategory, listCategories, moveCategory, updateCategory } from './kb-categories.service.js';
import { articleTickets, deflectWithArticle, recordArticleUse, recordView, voteOnArticle } from './kb-feedback.service.js';
import { createArticleFromTicket } from './kb-from-ticket.js';
import { listenForKbChanges } from './kb-search-cache.js';
import { searchKb, suggestKb } from './kb-search.service.js';
import { diffArticleVersions, getArticleVersion, listArticleVersions, restoreArticleVersion } from './kb-versions.service.js';
import { viewerOf } from './kb.policy.js';

const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema };
const viewCountSchema = z.object({ viewCount: z.number().int(), counted: z.boolean() });

export function kbRoutes(deps: AppDeps) {
  return async (instance: FastifyInstance) => {
    await listenForKbChanges(deps);
    const app = instance.withTypeProvider<ZodTypeProvider>();
    const tags = ['knowledge base'];
    const art = '/kb/articles';

    // Reading: open to anonymous portal visitors (published public content only).
    app.get('/kb/categories', { schema: { tags, summary: 'The category tree (customers: categories holding published public articles)', response: { 200: kbCategoryListSchema, ...errors } } },
      async (request) => listCategories(deps, viewerOf(request)));
    app.get(art, { schema: { tags, summary: 'Articles, filtered (customers: published public ones)', querystring: listKbArticlesQuerySchema, response: { 200: pageSchema(kbArticleSummarySchema), ...errors } } },
      async (request) => listArticles(deps, viewerOf(request), request.query));
    app.get(`${art}/:id`, { schema: { tags, summary: 'One article (body sanitized on render)', params: idParamsSchema, response: { 200: kbArticleSchema, ...errors } } },
      async (request) => getArticle(deps, viewerOf(request), request.params.id));
    app.get('/kb/search', { schema: { tags, summary: 'Search title, body and attached documents (Chinese segmented, 繁/简 folded, English stemmed, typo tolerant)', querystring: kbSearchQuerySchema, response: { 200: kbSearchResponseSchema, ...errors } } },
      async (request, reply) => searchKb(deps, viewerOf(request, reply), request.query));
    app.get('/kb/suggest', { schema: { tags, summary: 'As-you-type article suggestions (titles)', querystring: kbSuggestQuerySchema, response: { 200: kbSuggestResponseSchema, ...errors } } },
      async (request) => suggestKb(deps, viewerOf(request), request.query));

    // Feedback: anonymous visitors count too (by visitor cookie or address hash).
    app.post(`${art}/:id/view`, { schema: { tags, summary: 'Count a view (once per visitor per day)', params: idParamsSchema, response: { 200: viewCountSchema, ...errors } } },
      async (request, reply) => recordView(deps, viewerOf(request, reply), request.params.id));
    app.put(`${art}/:id/vote`, { schema: { tags, summary: 'Helpful or not, with an optional comment (one vote per visitor; voting again changes it)', params: idParamsSchema, body: kbVoteBodySchema, response: { 200: kbFeedbackCountsSchema, ...errors } } },
      async (request, reply) => voteOnArticle(deps, viewerOf(request, reply), request.params.id, request.body));
    app.post(`${art}/:id/deflect`, { schema: { tags, summary: '"This solved my problem" (counted once per visitor per day)', params: idParamsSchema, body: kbDeflectBodySchema, response: { 200: kbDeflectResultSchema, ...errors } } },
      async (request, reply) => deflectWithArticle(deps, viewerOf(request, reply), request.params.id, request.body ?? {}));

    // Staff.
    app.post(art, { schema: { tags, summary: 'Create an article (a draft, version 1)', body: createKbArticleBodySchema, response: { 201: kbArticleSchema, ...errors } } },
      async (request, reply) => reply.status(201).send(await createArticleDto(deps, contextOf(request), viewerOf(request), request.body)));
    app.post(`${art}/from-ticket`, { schema: { tags, summary: 'Create a draft article prefilled from a ticket', body: kbFromTicketBodySchema, response: { 201: kbArticleSchema, ...errors } } },
      async (request, reply) => reply.status(201).send(await createArticleFromTicket(deps, contextOf(request), viewerOf(request), request.body)));
    app.patch(`${art}/:id`, { schema: { tags, summary: 'Save an article (a new version)', params: idParamsSchema, body: updateKbArticleBodySchema, response: { 200: kbArticleSchema, ...errors } } },
      async (request) => updateArticle(deps, contextOf(request), viewerOf(request), request.params.id, request.body));
    app.post(`${art}/:id/state`, { schema: { tags, summary: 'Publish, unpublish, archive or restore to draft', params: idParamsSchema, body: changeKbArticleStateBodySchema, response: { 200: kbArticleSchema, ...errors } } },
      async (request) => changeArticleState(deps, contextOf(request), viewerOf(request), request.params.id, request.body));
    app.post(`${art}/:id/translation`, { schema: { tags, summary: "Link the article as a translation of another (null unlinks)", params: idParamsSchema, body: linkKbTranslationBodySchema, response: { 200: kbArticleSchema, ...errors } } },
      async (request) => linkTranslation(deps, contextOf(request), viewerOf(request), request.params.id, request.body));
    app.delete(`${art}/:id`, { schema: { tags, summary: 'Delete an article and its history (supervisors and admins)', params: idParamsSchema, response: { 204: z.null(), ...errors } } },
      async (request, reply) => {
        await deleteArticle(deps, contextOf(request), request.params.id);
        return reply.status(204).send(null);
      });
    app.get(`${art}/:id/versions`, { schema: { tags, summary: "The article's versions, newest first (staff)", params: idParamsSchema, response: { 200: kbVersionListSchema, ...errors } } },
      async (request) => listArticleVersions(deps, viewerOf(request), request.params.id));
    app.get(`${art}/:id/versions/:version`, { schema: { tags, summary: 'One version (staff)', params: kbVersionParamsSchema, response: { 200: kbVersionSchema, ...errors } } },
      async (request) => getArticleVersion(deps, viewerOf(request), request.params.id, request.params.version));
    app.get(`${art}/:id/diff`, { schema: { tags, summary: 'Side-by-side diff of two versions (staff)', params: idParamsSchema, querystring: kbDiffQuerySchema, response: { 200: kbDiffSchema, ...errors } } },
      async (request) => diffArticleVersions(deps, viewerOf(request), request.params.id, request.query.from, request.query.to));
    app.post(`${art}/:id/versions/:version/restore`, { schema: { tags, summary: 'Restore a version (as a new version)', params: kbVersionParamsSchema, response: { 200: kbArticleSchema, ...errors } } },
      async (request) => restoreArticleVersion(deps, contextOf(request), viewerOf(request), request.params.id, request.params.version));
    app.post(`${art}/:id/uses`, { schema: { tags, summary: 'Record that the article was used on a ticket', params: idParamsSchema, body: kbArticleUseBodySchema, response: { 200: kbArticleTicketListSchema, ...errors } } },
      async (request) => recordArticleUse(deps, contextOf(request), request.params.id, request.body));
    app.get(`${art}/:id/tickets`, { schema: { tags, summary: 'Tickets that used the article (staff)', params: idParamsSchema, response: { 200: kbArticleTicketListSchema, ...errors } } },
      async (request) => articleTickets(deps, contextOf(request), request.params.id));
    app.get('/kb/analytics', { schema: { tags, summary: 'Views, downloads, votes, deflections and searches without result', querystring: kbAnalyticsQuerySchema, response: { 200: kbAnalyticsSchema, ...errors } } },
      async (request) => kbAnalytics(deps, contextOf(request), request.query));

    app.post('/kb/categories', { schema: { tags, summary: 'Create a category (supervisors and admins)', body: createKbCategoryBodySchema, response: { 201: kbCategorySchema, ...errors } } },
      async (request, reply) => reply.status(201).send(await createCategory(deps, contextOf(request), request.body)));
    app.patch('/kb/categories/:id', { schema: { tags, summary: 'Rename or describe a category', params: idParamsSchema, body: updateKbCategoryBodySchema, response: { 200: kbCategorySchema, ...errors } } },
      async (request) => updateCategory(deps, contextOf(request), request.params.id, request.body));
    app.post('/kb/categories/:id/move', { schema: { tags, summary: 'Move a category under another parent and/or to a position', params: idParamsSchema, body: moveKbCategoryBodySchema, response: { 200: kbCategoryListSchema, ...errors } } },
      async (request) => moveCategory(deps, contextOf(request), request.params.id, request.body));
    app.delete('/kb/categories/:id', { schema: { tags, summary: 'Delete an empty category', params: idParamsSchema, response: { 204: z.null(), ...errors } } },
      async (request, reply) => {
        await deleteCategory(deps, contextOf(request), request.params.id);
        return reply.status(204).send(null);
      });
  };
}
