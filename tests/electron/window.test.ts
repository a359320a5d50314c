import type { MenuItemConstructorOptions } from 'electron';
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
  const template = (isDev: boolean, onAbout = () => {}) => buildMenuTemplate({ isDev, onAbout });
  const submenu = (item: MenuItemConstructorOptions | undefined) => (Array.isArray(item?.submenu) ? item.submenu : []);
  const viewOf = (isDev: boolean) => submenu(template(isDev).find((item) => item.label === '视图'));

  it('has 文件, 视图 and 帮助 in every build', () => {
    expect(template(false).map((item) => item.label)).toEqual(['文件', '视图', '帮助']);
    expect(template(true).map((item) => item.label)).toEqual(['文件', '视图', '帮助']);
  });

  it('zooms in with Ctrl+= (shown) and Ctrl+Plus / number pad + (hidden aliases), out with Ctrl+-, back with Ctrl+0', () => {
    const shortcuts = (role: string) => viewOf(false).filter((item) => item.role === role).map((item) => item.accelerator);
    expect(shortcuts('zoomIn')).toEqual(['CommandOrControl+=', 'CommandOrControl+Plus', 'CommandOrControl+numadd']);
    expect(shortcuts('zoomOut')).toEqual(['CommandOrControl+-', 'CommandOrControl+numsub']);
    expect(shortcuts('resetZoom')).toEqual(['CommandOrControl+0', 'CommandOrControl+num0']);
    const shown = viewOf(false).filter((item) => item.visible !== false);
    expect(shown.map((item) => [item.label, item.accelerator])).toEqual([
      ['放大', 'CommandOrControl+='],
      ['缩小', 'CommandOrControl+-'],
      ['实际大小', 'CommandOrControl+0'],
    ]);
    // A hidden alias must still answer its keys (macOS only reads this flag; elsewhere they always do).
    for (const alias of viewOf(false).filter((item) => item.visible === false)) expect(alias.acceleratorWorksWhenHidden).toBe(true);
  });

  it('offers 重新加载 and 开发者工具 only while developing', () => {
    expect(viewOf(false).map((item) => item.role)).not.toContain('reload');
    expect(viewOf(false).map((item) => item.role)).not.toContain('toggleDevTools');
    expect(viewOf(true)).toContainEqual({ label: '重新加载', role: 'reload' });
    expect(viewOf(true)).toContainEqual({ label: '开发者工具', role: 'toggleDevTools' });
  });

  it('quits from 文件/退出 and shows 关于 from 帮助', () => {
    const onAbout = vi.fn();
    const [file, , help] = template(false, onAbout);
    expect(file?.submenu).toEqual([{ label: '退出', role: 'quit' }]);
    const about = submenu(help)[0];
    expect(about?.label).toBe('关于');
    about?.click?.({} as never, undefined, {} as never);
    expect(onAbout).toHaveBeenCalledOnce();
  });
});
