export { followUpsRoutes } from './routes';
