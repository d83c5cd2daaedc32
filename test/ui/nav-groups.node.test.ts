// The navigation as data: every view of ROUTES is listed exactly once, in ROUTE_GROUPS order; a view
// without a group still shows (under "More"); a detail view marks its parent's link.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { navGroups, currentNavPath } from '../../src/ui/nav-groups.ts';
import { ROUTES, ROUTE_GROUPS, type Route } from '../../src/ui/routes.ts';

const route = (path: string, extra: Partial<Route> = {}): Route => ({ path, label: path, tag: `ct-${path}`, load: async () => undefined, inNav: true, ...extra });

describe('navigation groups', () => {
  it('lists every navigable route of ROUTES once, groups in ROUTE_GROUPS order, each route in its own group', () => {
    const groups = navGroups(ROUTES);
    const listed = groups.flatMap((g) => g.routes.map((r) => r.path));
    assert.deepEqual([...listed].sort(), ROUTES.filter((r) => r.inNav).map((r) => r.path).sort());
    assert.equal(new Set(listed).size, listed.length);
    const order = ROUTE_GROUPS.map((g) => g.id as string);
    const ids = groups.map((g) => g.id as string).filter((id) => id !== 'more');
    assert.deepEqual(ids, order.filter((id) => ids.includes(id)));
    for (const g of groups) for (const r of g.routes) assert.equal(r.group ?? 'more', g.id);
    for (const r of ROUTES.filter((x) => x.inNav)) assert.ok(r.group, `${r.path} has a group`);
    assert.ok(ROUTES.filter((r) => !r.inNav).every((r) => r.parent === undefined || ROUTES.some((p) => p.path === r.parent && p.inNav)), 'parents are navigable');
  });

  it('keeps ROUTES order inside a group, leaves out hidden routes and empty groups, and puts ungrouped routes last', () => {
    const groups = navGroups([route('b', { group: 'settings' }), route('x'), route('a', { group: 'settings' }), route('d', { group: 'identities', inNav: false })]);
    assert.deepEqual(groups.map((g) => [g.id, g.routes.map((r) => r.path)]), [['settings', ['b', 'a']], ['more', ['x']]]);
  });

  it('marks the current link: the route itself, or for a detail view its parent', () => {
    assert.equal(currentNavPath(route('backup')), 'backup');
    assert.equal(currentNavPath(route('identity', { inNav: false, parent: 'identities' })), 'identities');
    assert.equal(currentNavPath(route('hidden', { inNav: false })), undefined);
    assert.equal(currentNavPath(undefined), undefined);
  });
});
