import * as icons from './menu-icon-set';

/** The icons of the consoles' menus, named in routes.tsx and loaded with the console layout (not with the login page). */
export const MENU_ICONS = icons;
export type MenuIcon = keyof typeof MENU_ICONS;
