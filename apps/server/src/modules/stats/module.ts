import type { PlatformModule } from '../../platform/module';
import { StatsRollupJob } from './rollup';
import { statsRoutes } from './routes';

export const statsModule: PlatformModule = {
  name: 'stats',
  routes: [statsRoutes],
  jobs: [
    {
      // Rolls up closed days for the statistics (reports stay exact without it, only slower).
      name: 'stats-rollup',
      start: ({ db, config, log }) => {
        const job = new StatsRollupJob(db, log);
        job.start(config.statsRollupIntervalSeconds * 1000);
        return job;
      },
    },
  ],
};
