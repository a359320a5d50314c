/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** package.json's version, set by the build (renderer/vite.config.ts, electron.vite.config.ts). */
  readonly JIUZHU_VERSION?: string;
}
