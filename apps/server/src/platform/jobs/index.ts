// Background jobs: other code imports only from here. See job-queue.ts for the design.
export {
  openJobQueue,
  JobPayloadError,
  type JobQueue,
  type JobQueueOptions,
  type JobDefinition,
  type JobHandler,
  type JobContext,
  type JobOptions,
  type SendOptions,
} from './job-queue.js';
