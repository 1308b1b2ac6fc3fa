// Types for library-file.mjs (plain JavaScript so the webpack config can import it).
export const LIBRARY_FILE: string;
export const LIBRARY_PACKAGE_FILE: string;
export const LIBRARY_BUILD_PATH: string;
