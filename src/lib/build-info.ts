declare const __APP_VERSION__: string;

/** The app's version: package.json's, or `APP_VERSION` when it was built (vite.config.ts). */
export const APP_VERSION: string = __APP_VERSION__;
