import { useEffect, useState } from 'react';
import { receiptAddress } from '../core/statusCheckAddress';
import { useWorkspace } from './AppDataProvider';

/** 码上查's address for a tracking code, for the acceptance receipt; null while it is worked out or without a code. */
export function useStatusCheckAddress(code: string | undefined): string | null {
  const workspace = useWorkspace();
  const [found, setFound] = useState<{ code: string; address: string } | null>(null);
  useEffect(() => {
    if (!code) return;
    let live = true;
    void receiptAddress(workspace.client, workspace.store, code).then((address) => live && setFound({ code, address }));
    return () => {
      live = false;
    };
  }, [workspace, code]);
  return found && found.code === code ? found.address : null;
}
