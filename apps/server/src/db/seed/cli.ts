/** `npm run seed`: loads the demo data into the database of DATABASE_URL (or the embedded one). */
import { loadConfig } from '../../config';
import { openConfiguredDatabase } from '../database';
import { migrate } from '../migrate';
import { isSeeded, seedDemo } from './seed';
import { DEMO_USERNAMES } from './users';

const config = loadConfig();
const handle = await openConfiguredDatabase(config);
try {
  await migrate(handle.db);
  if (await isSeeded(handle.db)) {
    console.log('Cơ sở dữ liệu đã có dữ liệu; không nạp lại dữ liệu mẫu.');
  } else {
    await seedDemo(handle.db, { password: config.seedPassword });
    console.log(`Đã nạp dữ liệu mẫu (${handle.kind}). Tài khoản: ${DEMO_USERNAMES.join(', ')}.`);
  }
} finally {
  await handle.close();
}
