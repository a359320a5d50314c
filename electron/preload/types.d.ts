import type { JiuzhuHostApi } from '../../shared/ipc/contract';

declare global {
  interface Window {
    /** Present only inside the desktop app; the renderer runs without it in a browser. */
    jiuzhu?: JiuzhuHostApi;
  }
}

export {};
