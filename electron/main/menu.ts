import type { MenuItemConstructorOptions } from 'electron';

export interface MenuOptions {
  isDev: boolean;
  onAbout: () => void;
}

/** The app's whole menu: workers need no more, and reload only helps while developing. */
export function buildMenuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const template: MenuItemConstructorOptions[] = [
    { label: '文件', submenu: [{ label: '退出', role: 'quit' }] },
  ];
  if (options.isDev) {
    template.push({
      label: '视图',
      submenu: [
        { label: '重新加载', role: 'reload' },
        { label: '开发者工具', role: 'toggleDevTools' },
      ],
    });
  }
  template.push({ label: '帮助', submenu: [{ label: '关于', click: options.onAbout }] });
  return template;
}

export function aboutText(info: { version: string; electron: string }): string {
  return `版本 ${info.version}\nElectron ${info.electron}`;
}
