import type { MenuItemConstructorOptions } from 'electron';

export interface MenuOptions {
  isDev: boolean;
  onAbout: () => void;
}

/**
 * 视图's zoom items, for every build: older eyes and small screens need larger text (ui.md), and
 * people expect the browser's shortcuts. Electron takes one accelerator per item, and its zoomIn
 * role's own `CommandOrControl+Plus` needs Shift on Windows and Linux keyboards, so Ctrl+= is the
 * shown one and Ctrl+Plus and the number pad's keys are hidden aliases. Do not merge them away.
 */
export function zoomMenuItems(): MenuItemConstructorOptions[] {
  return [
    { label: '放大', role: 'zoomIn', accelerator: 'CommandOrControl+=' },
    { label: '放大', role: 'zoomIn', accelerator: 'CommandOrControl+Plus', visible: false, acceleratorWorksWhenHidden: true },
    { label: '放大', role: 'zoomIn', accelerator: 'CommandOrControl+numadd', visible: false, acceleratorWorksWhenHidden: true },
    { label: '缩小', role: 'zoomOut', accelerator: 'CommandOrControl+-' },
    { label: '缩小', role: 'zoomOut', accelerator: 'CommandOrControl+numsub', visible: false, acceleratorWorksWhenHidden: true },
    { label: '实际大小', role: 'resetZoom', accelerator: 'CommandOrControl+0' },
    { label: '实际大小', role: 'resetZoom', accelerator: 'CommandOrControl+num0', visible: false, acceleratorWorksWhenHidden: true },
  ];
}

/** The app's whole menu: workers need no more, and reload only helps while developing. */
export function buildMenuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const view: MenuItemConstructorOptions[] = [...zoomMenuItems()];
  if (options.isDev) {
    view.push(
      { type: 'separator' },
      { label: '重新加载', role: 'reload' },
      { label: '开发者工具', role: 'toggleDevTools' },
    );
  }
  return [
    { label: '文件', submenu: [{ label: '退出', role: 'quit' }] },
    { label: '视图', submenu: view },
    { label: '帮助', submenu: [{ label: '关于', click: options.onAbout }] },
  ];
}

export function aboutText(info: { version: string; electron: string }): string {
  return `版本 ${info.version}\nElectron ${info.electron}`;
}
