export { cannedResponsesRoutes } from './canned-responses.routes.js';
export { applyCannedResponse, createCannedResponse, getCannedResponse } from './canned-responses.service.js';
export { renderCannedResponse } from './canned-responses.render.js';
export { cannedResponses } from './canned-responses.tables.js';
