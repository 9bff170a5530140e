/**
 * Navigation entries for the release-of-information screens, by role, and which entry a
 * release route belongs to. Kept here so the shell (`app.tsx`) only appends them.
 */
import type { Role } from '../api/schemas.ts';
import type { NavItem } from '../components/app-layout.tsx';
import { href, type Route } from '../router.ts';

/** Records staff work requests and the accounting; clinicians approve releases of their own psychotherapy notes (45 CFR 164.508(a)(2)); everyone trains (164.530(b)(1)); admins see completion. */
export function releaseNavFor(roles: readonly Role[]): NavItem[] {
  const items: NavItem[] = [];
  if (roles.includes('records')) {
    items.push({ id: 'release', label: 'Records requests', href: href.releaseQueue() });
    items.push({ id: 'release-accounting', label: 'Accounting of disclosures', href: href.releaseAccounting() });
  }
  if (roles.includes('clinician')) items.push({ id: 'approvals', label: 'Release approvals', href: href.approvals() });
  items.push({ id: 'training', label: 'Training', href: href.training() });
  if (roles.includes('admin')) items.push({ id: 'training-report', label: 'Training report', href: href.trainingReport() });
  return items;
}

/** The navigation id a release route marks as current. */
export function releaseNavId(route: Extract<Route, { name: 'release' }>): string {
  if (route.section === 'records') return route.parts[0] === 'accounting' ? 'release-accounting' : 'release';
  if (route.section === 'training') return route.parts[0] === 'report' ? 'training-report' : 'training';
  return 'approvals';
}
