// The navigation as data: ROUTES grouped by task in ROUTE_GROUPS order, and which link is current.
// DOM-free so a Node test checks that every route shows up exactly once.
import { ROUTE_GROUPS, type Route, type RouteGroup } from './routes.ts';

export interface NavGroup {
  readonly id: RouteGroup | 'more';
  readonly label: string;
  readonly hint: string;
  readonly routes: ReadonlyArray<Route>;
}

/** Groups in ROUTE_GROUPS order (empty ones left out); routes without a group go last, under "More". */
export function navGroups(routes: ReadonlyArray<Route>): NavGroup[] {
  const inNav = routes.filter((r) => r.inNav);
  const known = new Set<string>(ROUTE_GROUPS.map((g) => g.id));
  const groups: NavGroup[] = ROUTE_GROUPS.map((g) => ({ ...g, routes: inNav.filter((r) => r.group === g.id) }));
  groups.push({ id: 'more', label: 'More', hint: 'Other tools', routes: inNav.filter((r) => r.group === undefined || !known.has(r.group)) });
  return groups.filter((g) => g.routes.length > 0);
}

/** The path whose navigation link is marked current for `route` (a detail view marks its parent). */
export function currentNavPath(route: Route | undefined): string | undefined {
  if (!route) return undefined;
  return route.inNav ? route.path : route.parent;
}
