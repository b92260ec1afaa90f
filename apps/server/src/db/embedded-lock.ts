/**
 * The embedded database (PGlite) is a folder that one process at a time may open: two processes
 * writing it would corrupt it. Whoever opens it (the server, `npm run backup`, `restore`,
 * `audit:verify`, `seed`) first takes `<folder>.lock`, a file holding its process id. A lock left by
 * a process that no longer runs (killed, crashed) is taken over.
 *
 * So PGlite stays one process: a second server on the same DATA_DIR stops at start with the
 * message below, and a server asked for several instances (INSTANCES > 1) without DATABASE_URL
 * refuses to start (singleProcessNotice).
 */
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';

export class EmbeddedDatabaseBusyError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `Cơ sở dữ liệu nhúng ${dataDir} đang được tiến trình ${pid} mở (máy chủ đang chạy?). ` +
        'Dừng tiến trình đó rồi chạy lại lệnh. Cơ sở dữ liệu nhúng chỉ phục vụ một tiến trình: ' +
        'muốn chạy nhiều máy chủ, hãy dùng PostgreSQL (DATABASE_URL). ' +
        `(The embedded database ${dataDir} is open in process ${pid}; stop it and run the command again. ` +
        'The embedded database serves one process: several server instances need PostgreSQL, DATABASE_URL.)',
    );
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the lock or throws EmbeddedDatabaseBusyError; returns the function that releases it. */
export function lockEmbeddedDatabase(dataDir: string): () => void {
  const path = `${dataDir.replace(/\/+$/, '')}.lock`;
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => {
        try {
          if (readFileSync(path, 'utf8').trim() === String(process.pid)) rmSync(path, { force: true });
        } catch {
          // already gone
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    let holder = Number.NaN;
    try {
      holder = Number(readFileSync(path, 'utf8').trim());
    } catch {
      continue; // released meanwhile
    }
    if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && alive(holder))
      throw new EmbeddedDatabaseBusyError(dataDir, holder);
    rmSync(path, { force: true }); // stale: its process is gone
  }
  throw new Error(`Could not take the lock ${path}`);
}

/**
 * Why an embedded database cannot serve the instances asked for (INSTANCES), or null: several
 * server instances need one PostgreSQL server (DATABASE_URL).
 */
export function singleProcessNotice(instances: number): string | null {
  if (instances <= 1) return null;
  return (
    `INSTANCES=${instances}: cơ sở dữ liệu nhúng (PGlite) chỉ chạy trong một tiến trình. Để chạy nhiều máy chủ ` +
    'sau bộ cân bằng tải, đặt DATABASE_URL tới một máy chủ PostgreSQL (xem docs/OPERATIONS.md, “Several instances”), ' +
    'hoặc bỏ INSTANCES. (The embedded database runs in one process only: several instances need PostgreSQL, ' +
    'DATABASE_URL; see docs/OPERATIONS.md, “Several instances”.)'
  );
}
