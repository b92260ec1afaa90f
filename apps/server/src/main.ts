/**
 * Start-up: configuration → database → migrations → (demo seed on the embedded database) → app
 * → listen. Stops cleanly on SIGTERM/SIGINT, finishing requests in flight.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildApp } from './app';
import { DEFAULT_SEED_PASSWORD, loadConfig } from './config';
import { openConfiguredDatabase } from './db/database';
import { singleProcessNotice } from './db/embedded-lock';
import { publicAddressNotice } from './http/public-origin';
import { migrate } from './db/migrate';
import { demoDossiersWanted, seedDemoDossiers } from './db/seed/demo-dossiers';
import { seedDemoDocuments } from './db/seed/demo-documents';
import { demoPkiNotice, seedDemoPki } from './db/seed/pki';
import { isSeeded, seedDemo } from './db/seed/seed';
import { DEMO_USERNAMES } from './db/seed/users';
import { openFileStore } from './lib/s3-file-store';
import { MODULES } from './modules';
import type { RunningJob } from './platform/module';

async function main() {
  const started = performance.now();
  const config = loadConfig();
  // PGlite is one process: asked for several instances, say so rather than start one of them.
  const refusal = config.databaseUrl ? null : singleProcessNotice(config.instances);
  if (refusal) {
    console.error(refusal);
    process.exit(1);
  }
  const handle = await openConfiguredDatabase(config);
  const applied = await migrate(handle.db);
  let seeded = false;
  if (handle.kind === 'pglite' && !(await isSeeded(handle.db))) {
    await seedDemo(handle.db, { password: config.seedPassword });
    seeded = true;
  }
  // The demo PKI on the embedded database, when missing (first start, or a data dir from before it).
  const pki =
    handle.kind === 'pglite'
      ? await seedDemoPki(handle.db, { env: process.env, embedded: { dataDir: resolve(config.dataDir) } })
      : null;
  // Demo dossiers for the statistics: first start of the embedded database, or SEED_DEMO_DOSSIERS=1.
  const demo = demoDossiersWanted(process.env, { kind: handle.kind, firstStart: seeded })
    ? await seedDemoDossiers(handle.db)
    : null;
  // Demo documents for the registers and the indicators, on the same terms (SEED_DEMO_DOCUMENTS).
  const demoDocuments = demoDossiersWanted(
    process.env,
    { kind: handle.kind, firstStart: seeded },
    'SEED_DEMO_DOCUMENTS',
  )
    ? await seedDemoDocuments(handle.db)
    : null;
  const files = openFileStore({ ...config, filesDir: resolve(config.filesDir) });
  const app = await buildApp({ db: handle.db, dbKind: handle.kind, config, files });
  // Requests whose handler is still running. app.close() resolves once the server's sockets are
  // closed, which can happen before a handler has finished (its client went away, or the socket
  // was reaped): the database must stay open until every handler has answered.
  const handling = new WeakSet<object>();
  let inFlight = 0;
  let handled: (() => void) | null = null;
  const done = (request: object) => {
    if (handling.delete(request) && --inFlight === 0) handled?.();
  };
  app.addHook('onRequest', async (request) => {
    handling.add(request);
    inFlight += 1;
  });
  let stopping = false;
  app.addHook('onSend', async (request, reply, payload) => {
    // Once stopping, each answer closes its connection (no keep-alive for the server to wait on).
    if (stopping) void reply.header('connection', 'close');
    done(request);
    return payload;
  });
  app.addHook('onResponse', async (request) => done(request));
  await app.listen({ port: config.port, host: config.host });
  // Every module's background jobs (e-mail outbox, statistics rollups…), stopped on shutdown.
  const jobs: RunningJob[] = [];
  for (const module of MODULES)
    for (const job of module.jobs ?? []) {
      const running = job.start({
        db: handle.db,
        dbKind: handle.kind,
        config,
        files,
        log: (message) => app.log.info({ job: job.name }, message),
      });
      if (running) jobs.push(running);
    }
  const address = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`;
  const memory = Math.round(process.memoryUsage().rss / 1024 / 1024);
  const lines = [
    '',
    `Nền tảng Chính quyền điện tử Tây Ninh đang chạy tại ${address}`,
    config.webDir === null
      ? '  Giao diện web: tắt (WEB_DIR=none), chỉ phục vụ API'
      : existsSync(resolve(config.webDir, 'index.html'))
        ? `  Cổng dịch vụ công: ${address}/   ·   Một cửa điện tử (cán bộ): ${address}/mot-cua`
        : `  (Chưa có bản dựng giao diện web trong ${config.webDir}: chạy npm run build)`,
    `  API: ${address}/api   ·   Tài liệu OpenAPI: ${address}/api/docs   ·   ${address}/api/health`,
    publicAddressNotice(config),
    `  Cơ sở dữ liệu: ${handle.kind === 'pglite' ? `PGlite nhúng (${resolve(config.dataDir)})` : 'PostgreSQL (DATABASE_URL)'}; migration mới: ${applied.length}`,
    `  Khởi động trong ${Math.round(performance.now() - started)} ms, bộ nhớ ${memory} MB`,
  ];
  if (handle.kind === 'pglite') {
    lines.push(
      `  ${seeded ? 'Đã nạp dữ liệu mẫu.' : 'Dữ liệu mẫu đã có.'} Đăng nhập: POST ${address}/api/auth/login {"username":"admin","password":"…"}`,
      `  Tài khoản mẫu: ${DEMO_USERNAMES.join(', ')}`,
      `  Mật khẩu: ${config.seedPassword === DEFAULT_SEED_PASSWORD ? `${DEFAULT_SEED_PASSWORD} (mặc định; đặt SEED_PASSWORD để đổi trước lần chạy đầu)` : 'giá trị của SEED_PASSWORD'}`,
    );
    if (pki) lines.push(...demoPkiNotice(pki));
  }
  if (demo)
    lines.push(
      `  Hồ sơ mẫu cho thống kê: ${demo.dossiers.toLocaleString('vi-VN')} hồ sơ tiếp nhận ${demo.from} → ${demo.to} (${(demo.ms / 1000).toFixed(1)} s)`,
    );
  if (demoDocuments)
    lines.push(
      `  Văn bản mẫu (chuyển từ phần mềm cũ): ${demoDocuments.documents.toLocaleString('vi-VN')} văn bản ${demoDocuments.from} → ${demoDocuments.to} (${(demoDocuments.ms / 1000).toFixed(1)} s)`,
    );
  lines.push(
    config.smtpUrl
      ? '  Thư điện tử: gửi qua SMTP_URL'
      : '  Thư điện tử: chưa cấu hình SMTP_URL; thông báo được lưu trong hàng đợi',
  );
  console.log(lines.join('\n'));

  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    // Drain: keep answering until no request has been in flight for 250 ms (at most 5 s), so that
    // connections opened just before the signal get their answer rather than a reset when the
    // listener closes and idle sockets are reaped.
    const drainEnd = Date.now() + 5000;
    let quietSince = Date.now();
    while (Date.now() < drainEnd) {
      if (inFlight > 0) quietSince = Date.now();
      else if (Date.now() - quietSince >= 250) break;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    await app.close();
    if (inFlight > 0)
      await Promise.race([
        new Promise<void>((resolve) => (handled = resolve)),
        new Promise((resolve) => setTimeout(resolve, 30_000)),
      ]);
    await Promise.all(jobs.map((job) => job.stop()));
    await handle.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  console.error('Không khởi động được máy chủ:', error);
  process.exit(1);
});
