import { readProvisioningText, type Provisioning, type ProvisioningReading } from '../../../shared/wire/provisioning';
import type { KeyValueStore } from './keyValueStore';

/**
 * The county's provisioning (issue 16) as this laptop or browser keeps it: the server address and
 * county, so the sign-in page asks only for a username and password. It comes from the file the
 * desktop host finds beside the app, or from 导入配置文件 / a pasted QR code on the sign-in page.
 * Kept as the file's own text and read back through the same check, so a damaged value is no
 * provisioning, never a wrong server.
 */
const KEY = 'jiuzhu:provisioning';
/** The address chosen on the sign-in page when the file names more than one (a station's relay, issue 17). */
const CHOSEN_KEY = 'jiuzhu:provisioning:chosenServer';

export function savedProvisioning(store: KeyValueStore): Provisioning | null {
  const text = store.getItem(KEY);
  if (!text) return null;
  const reading = readProvisioningText(text);
  return reading.ok ? reading.provisioning : null;
}

export function keepProvisioning(store: KeyValueStore, provisioning: Provisioning): void {
  store.setItem(KEY, JSON.stringify(provisioning));
}

/** Reads a file's or QR code's text and, when it is right, keeps it; the problems in words otherwise. */
export function importProvisioning(store: KeyValueStore, text: string): ProvisioningReading {
  const reading = readProvisioningText(text);
  if (reading.ok) keepProvisioning(store, reading.provisioning);
  return reading;
}

/** 更改服务器 (the helpdesk): back to typing the address; a file beside the app is read again at the next start. */
export function forgetProvisioning(store: KeyValueStore): void {
  store.removeItem(KEY);
  store.removeItem(CHOSEN_KEY);
}

/**
 * The address the app signs in to: the one last chosen on this laptop while the file still lists
 * it, else the first of the list (the county's server; the stations' relays come after it).
 */
export function signInServerOf(store: KeyValueStore, provisioning: Provisioning): string {
  const chosen = store.getItem(CHOSEN_KEY);
  return provisioning.servers.find((server) => server.url === chosen)?.url ?? provisioning.servers[0]!.url;
}

/** 选择服务器: kept for the next sign-in on this laptop; an address the file does not list is not taken. */
export function chooseServer(store: KeyValueStore, provisioning: Provisioning, url: string): void {
  if (provisioning.servers.some((server) => server.url === url)) store.setItem(CHOSEN_KEY, url);
}
