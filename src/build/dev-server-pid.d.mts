// Types for dev-server-pid.mjs (plain JavaScript so `npm start` runs on Node alone), for the tests.
export interface PidRecord {
  pid: number;
  server?: number;
  port: number;
  started: string;
}
export function pidFile(): string;
export function writePidFile(record: PidRecord): void;
export function readPidFile(): PidRecord | null;
export function removePidFile(record?: PidRecord | null): void;
export function isAlive(pid: number | undefined): boolean;
export function isOurProcess(pid: number | undefined): boolean;
export function portIsFree(port: number): Promise<boolean>;
export function stopRecorded(record: PidRecord, waitMs?: number): Promise<boolean>;
