// Limits on a user's publication file, the same on every way in (the CLI's files on disk, the task
// pane's «Bruk egen fil»): checked on the file's size before a byte of it is decoded or unpacked.

/** A publication is about 12 kB; anything this big is the wrong file, and is not read into memory. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

/** Files picked at once in the pane: one a month, so three years of months is more than anyone needs. */
export const MAX_USER_FILES = 36;

/** «Filen «x» er 11 MB – for stor …»: why a file over MAX_FILE_BYTES is not read. */
export function tooLargeMessage(name: string, bytes: number): string {
  return `Filen «${name}» er ${Math.round(bytes / 1024 / 1024)} MB – for stor til å være en publikasjon (de er omtrent 12 kB).`;
}
