import { describe, expect, it, vi } from 'vitest';
import { TextSizeSetting, textSizePx } from '../../renderer/data/core/textSize';
import { memoryStore } from '../../harness/memoryStore';

describe('字号 (TextSizeSetting)', () => {
  it('is 标准 (16 px) until chosen, then remembered per person on this laptop', () => {
    const store = memoryStore();
    const setting = new TextSizeSetting(store);
    expect(setting.read('user-a')).toBe('standard');
    expect(textSizePx[setting.read('user-a')]).toBe(16);
    setting.write('user-a', 'extraLarge');
    // Another person on the same laptop keeps their own.
    expect(setting.read('user-b')).toBe('standard');
    setting.write('user-b', 'large');
    // A restart: a new setting over the same storage.
    const again = new TextSizeSetting(store);
    expect(again.read('user-a')).toBe('extraLarge');
    expect(again.read('user-b')).toBe('large');
    expect([textSizePx.standard, textSizePx.large, textSizePx.extraLarge]).toEqual([16, 18, 20]);
  });

  it('shows the sign-in page in the last size chosen here', () => {
    const setting = new TextSizeSetting(memoryStore());
    expect(setting.read(null)).toBe('standard');
    setting.write('user-a', 'extraLarge');
    expect(setting.read(null)).toBe('extraLarge');
  });

  it('reads a damaged or foreign value as 标准', () => {
    const store = memoryStore();
    store.setItem('jiuzhu:textSize:user-a', 'huge');
    expect(new TextSizeSetting(store).read('user-a')).toBe('standard');
  });

  it('tells its listeners of every change, until they leave', () => {
    const setting = new TextSizeSetting(memoryStore());
    const listener = vi.fn();
    const leave = setting.subscribe(listener);
    setting.write('user-a', 'large');
    expect(listener).toHaveBeenCalledOnce();
    leave();
    setting.write('user-a', 'standard');
    expect(listener).toHaveBeenCalledOnce();
  });
});
