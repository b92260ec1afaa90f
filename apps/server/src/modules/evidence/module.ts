import type { PlatformModule } from '../../platform/module';
import { startSealingJob } from './job';
import { evidenceRoutes } from './routes';

export const evidenceModule: PlatformModule = {
  name: 'evidence',
  routes: [evidenceRoutes],
  jobs: [
    {
      // Seals the history entries into signed, timestamped checkpoints (docs/EVIDENCE.md).
      name: 'evidence-seal',
      start: (context) => startSealingJob(context),
    },
  ],
};
