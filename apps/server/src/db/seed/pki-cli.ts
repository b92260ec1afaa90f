/**
 * `npm run pki:demo`: creates the demo PKI in the database of DATABASE_URL (or the embedded one),
 * after `npm run seed`. Idempotent: a second run says it exists. On PostgreSQL the demo keys are
 * encrypted under TRUST_KEK, which must be set.
 */
import { loadConfig } from '../../config';
import { openConfiguredDatabase } from '../database';
import { migrate } from '../migrate';
import { demoPkiNotice, seedDemoPki } from './pki';
import { isSeeded } from './seed';

const config = loadConfig();
const handle = await openConfiguredDatabase(config);
try {
  await migrate(handle.db);
  if (!(await isSeeded(handle.db))) {
    console.error('Cơ sở dữ liệu chưa có dữ liệu mẫu: chạy npm run seed trước.');
    process.exitCode = 1;
  } else {
    const seeded = await seedDemoPki(handle.db, {
      env: process.env,
      embedded: handle.kind === 'pglite' ? { dataDir: config.dataDir } : null,
    });
    console.log(
      seeded.created
        ? demoPkiNotice(seeded).join('\n').trim()
        : 'PKI mẫu (DEMO — không có giá trị pháp lý) đã có; không tạo lại.',
    );
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await handle.close();
}
