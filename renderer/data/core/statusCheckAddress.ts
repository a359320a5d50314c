import { statusCheckAddress } from '../../../shared/domain/trackingCode';
import { statusCheckSettingsAnswerSchema } from '../../../shared/wire/statusCheck';
import type { KeyValueStore } from './keyValueStore';
import type { SyncClient } from './sync/syncClient';

const KEY = 'jiuzhu:statusCheckPublicUrl';

/** The address the laptop syncs with, absolute even where the app is served by the server itself. */
function ownServer(client: SyncClient): string {
  return client.serverUrl || window.location.origin;
}

/**
 * 码上查's page for a code, as a receipt prints it: `<public base URL>/q/<code>`. The base comes
 * from the server (`JIUZHU_PUBLIC_URL`) and is kept for printing offline — 受理 often happens in a
 * village without a network; never asked yet, or unset by the county, it is the sync address.
 */
export async function receiptAddress(client: SyncClient, store: KeyValueStore, code: string): Promise<string> {
  let base: string;
  try {
    const answer = await client.call('GET', '/api/v1/status-check/settings', statusCheckSettingsAnswerSchema);
    base = answer.publicUrl ?? ownServer(client);
    store.setItem(KEY, base);
  } catch {
    base = store.getItem(KEY) ?? ownServer(client);
  }
  return statusCheckAddress(base, code);
}
