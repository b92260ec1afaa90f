/**
 * The embedded database (PGlite) is a folder that one process at a time may open: two processes
 * writing it would corrupt it. Whoever opens it (the server, `npm run backup`, `restore`,
 * `audit:verify`, `seed`) first takes `<folder>.lock`, a file holding its process id. A lock left by
 * a process that no longer runs (killed, crashed) is taken over.
 */
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';

export class EmbeddedDatabaseBusyError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `Cơ sở dữ liệu nhúng ${dataDir} đang được tiến trình ${pid} mở (máy chủ đang chạy?). ` +
        'Dừng tiến trình đó rồi chạy lại lệnh. ' +
        `(The embedded database ${dataDir} is open in process ${pid}; stop it and run the command again.)`,
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
