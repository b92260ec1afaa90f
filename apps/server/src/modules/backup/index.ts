/** Public surface of the backup module: backups and restores of the database and the files. */
export { readManifest, type BackupManifest } from './manifest';
export { createBackup, type BackupInput } from './backup';
export { restoreBackup, type RestoreInput, type RestoreReport } from './restore';
