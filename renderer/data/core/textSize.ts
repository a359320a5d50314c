import type { KeyValueStore } from './keyValueStore';

/** 字号: 标准 / 大 / 特大 (ui.md: "a setting for larger text"). */
export const textSizes = ['standard', 'large', 'extraLarge'] as const;
export type TextSize = (typeof textSizes)[number];

/** The base text size of each, in CSS pixels; everything else on screen scales from it. */
export const textSizePx: Record<TextSize, number> = { standard: 16, large: 18, extraLarge: 20 };

const keyOf = (userId: string) => `jiuzhu:textSize:${userId}`;
/** The last choice on this laptop, for the sign-in page, before anyone is known. */
const LAST_KEY = 'jiuzhu:textSize:last';

const isTextSize = (value: string | null): value is TextSize => (textSizes as readonly (string | null)[]).includes(value);

/**
 * Each person's 字号, remembered on this laptop by user id (a setting that says nothing about
 * anyone: plain in localStorage, kept through 退出登录 and 清除本机数据). Two people sharing a
 * laptop each keep their own. Listeners hear every change, so the theme and the header's
 * control follow one value.
 */
export class TextSizeSetting {
  private readonly listeners = new Set<() => void>();

  constructor(private readonly store: KeyValueStore) {}

  /** The person's size; with nobody signed in, the last one chosen here; else 标准. */
  read(userId: string | null): TextSize {
    const own = userId ? this.store.getItem(keyOf(userId)) : null;
    if (isTextSize(own)) return own;
    const last = this.store.getItem(LAST_KEY);
    return userId === null && isTextSize(last) ? last : 'standard';
  }

  write(userId: string, size: TextSize): void {
    this.store.setItem(keyOf(userId), size);
    this.store.setItem(LAST_KEY, size);
    for (const listener of this.listeners) listener();
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
