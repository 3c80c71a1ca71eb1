/** Turns the menu data into Electron menu items, wiring each `command` to the shell's action for it. */
import type { MenuCommand, MenuItemSpec } from './menu-template.js';

/** The subset of an Electron MenuItemConstructorOptions this module produces. */
export interface ElectronMenuItem {
  label?: string;
  role?: MenuItemSpec['role'];
  accelerator?: string;
  type?: 'separator';
  enabled?: boolean;
  click?: () => void;
  submenu?: ElectronMenuItem[];
}

export function toElectronTemplate(
  items: readonly MenuItemSpec[],
  run: (command: MenuCommand) => void,
): ElectronMenuItem[] {
  return items.map(({ command, submenu, ...rest }) => ({
    ...rest,
    ...(command ? { click: () => run(command) } : {}),
    ...(submenu ? { submenu: toElectronTemplate(submenu, run) } : {}),
  }));
}
