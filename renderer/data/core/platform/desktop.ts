import type { JiuzhuHostApi } from '../../../../shared/ipc/contract';
import { toBase64 } from '../keys/sealing';
import { SaveFailedError, type Platform } from './platform';

/** The desktop app: the Electron host behind the preload (`window.jiuzhu`). */
export function desktopPlatform(host: JiuzhuHostApi): Platform {
  return {
    kind: 'desktop',
    async saveFile(bytes, fileName) {
      const answer = await host.saveFile(fileName, toBase64(bytes));
      if (!answer.ok) throw new SaveFailedError(answer.error.code);
      return answer.value;
    },
    async print(fileName) {
      const answer = await host.printToPdf(fileName);
      if (!answer.ok) throw new SaveFailedError(answer.error.code);
      return answer.value;
    },
    keyring: host,
    hostLog: host,
    async shippedProvisioning() {
      const answer = await host.readProvisioning();
      return answer.ok ? answer.value : null;
    },
    updates: host,
  };
}
