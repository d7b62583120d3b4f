export { teamsRoutes } from './teams.routes.js';
export { createTeam } from './teams.service.js';
export { teamMembers, teams } from './teams.tables.js';
