import { DEFAULT_IDLE_MINUTES, idleMinutesSchema } from '../../../../shared/wire/countySettings';
import type { KeyValueStore } from '../keyValueStore';

/**
 * The idle-lock minutes the server gave this user (their county's, issue 16), kept per user on
 * this laptop so an offline start locks as the county said. Not personal: a number per user id.
 */
const keyOf = (userId: string) => `jiuzhu:idleMinutes:${userId}`;

/** Keeps the server's value; an answer without one (an older server) leaves what was kept. */
export function rememberIdleMinutes(store: KeyValueStore, userId: string, minutes: number | undefined): void {
  if (minutes !== undefined && idleMinutesSchema.safeParse(minutes).success) store.setItem(keyOf(userId), String(minutes));
}

/** The minutes until this user's session locks: the county's last word, else the default (10). */
export function idleMinutesOf(store: KeyValueStore, userId: string): number {
  const kept = idleMinutesSchema.safeParse(Number(store.getItem(keyOf(userId)) ?? NaN));
  return kept.success ? kept.data : DEFAULT_IDLE_MINUTES;
}

/** 清除本机数据 forgets it with the rest of the user's things. */
export function forgetIdleMinutes(store: KeyValueStore, userId: string): void {
  store.removeItem(keyOf(userId));
}
