/**
 * How a module describes itself to the application: its routes and its background jobs. app.ts
 * registers the routes of every module in `modules.ts`, main.ts starts their jobs; adding a
 * module means adding it to that list, nothing else.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { JobContext, Platform } from './context';

/** A running job: stopped after its round in progress on shutdown. */
export interface RunningJob {
  stop(): Promise<void>;
}

export interface JobDefinition {
  /** Stable name, used in logs and in the job's run records. */
  name: string;
  /** Starts the job, or returns null when its configuration leaves it off (e.g. no SMTP_URL). */
  start(context: JobContext): RunningJob | null;
}

export interface PlatformModule {
  /** The folder name under modules/. */
  name: string;
  /** Its HTTP routes, registered as one Fastify plugin given the platform. */
  routes?: FastifyPluginAsyncTypebox<Platform>[];
  jobs?: JobDefinition[];
}
