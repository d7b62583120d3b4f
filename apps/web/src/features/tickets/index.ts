// What other features and the shell use.
export { TicketsLiveSync } from './components/TicketsLiveSync';
export { ticketsRoutes } from './routes';
