/** Public surface of the backup module: backups and restores of the database and the files. */
export { readManifest, type BackupManifest } from './manifest';
