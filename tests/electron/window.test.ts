import { describe, expect, it, vi } from 'vitest';
import { buildMenuTemplate } from '../../electron/main/menu';
import { secureWebPreferences } from '../../electron/main/security';
import { mainWindowOptions } from '../../electron/main/window';

describe('mainWindowOptions', () => {
  it('opens one 1280×800 window titled 救助通 with the hardened preferences', () => {
    const options = mainWindowOptions('/app/out/preload/index.cjs');
    expect(options).toMatchObject({ width: 1280, height: 800, title: '救助通' });
    expect(options.webPreferences).toEqual(secureWebPreferences('/app/out/preload/index.cjs'));
  });
});

describe('buildMenuTemplate', () => {
  const labels = (isDev: boolean) => buildMenuTemplate({ isDev, onAbout: () => {} }).map((item) => item.label);

  it('has 文件 and 帮助 only in a release build', () => {
    expect(labels(false)).toEqual(['文件', '帮助']);
  });

  it('adds 视图 with 重新加载 while developing', () => {
    expect(labels(true)).toEqual(['文件', '视图', '帮助']);
    const view = buildMenuTemplate({ isDev: true, onAbout: () => {} })[1];
    expect(view?.submenu).toContainEqual({ label: '重新加载', role: 'reload' });
  });

  it('quits from 文件/退出 and shows 关于 from 帮助', () => {
    const onAbout = vi.fn();
    const [file, help] = buildMenuTemplate({ isDev: false, onAbout });
    expect(file?.submenu).toEqual([{ label: '退出', role: 'quit' }]);
    const about = Array.isArray(help?.submenu) ? help.submenu[0] : undefined;
    expect(about?.label).toBe('关于');
    about?.click?.({} as never, undefined, {} as never);
    expect(onAbout).toHaveBeenCalledOnce();
  });
});
