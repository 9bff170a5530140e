/**
 * The release-of-information screens behind one lazy chunk: `#/release` (queue),
 * `#/release/new` (intake), `#/release/requests/<id>`, `#/release/accounting[/<clientId>]`,
 * `#/approvals[/<requestId>]` (the author's approvals), `#/training[/report]`.
 * The server decides who may see what; these screens only choose what to show.
 */
import type { Route } from '../router.ts';
import { AccountingPage } from './accounting-page.tsx';
import { ApprovalPage, ApprovalsList } from './approvals-page.tsx';
import { IntakePage } from './intake-page.tsx';
import { QueuePage } from './queue-page.tsx';
import { RequestPage } from './request-page.tsx';
import { TrainingPage, TrainingReport } from './training-page.tsx';

export default function ReleasePage({ route }: { readonly route: Extract<Route, { name: 'release' }> }) {
  const [a, b] = route.parts;
  if (route.section === 'approvals') return a ? <ApprovalPage key={a} requestId={a} /> : <ApprovalsList />;
  if (route.section === 'training') return a === 'report' ? <TrainingReport /> : <TrainingPage />;
  if (a === 'new') return <IntakePage />;
  if (a === 'requests' && b) return <RequestPage key={b} requestId={b} />;
  if (a === 'accounting') return <AccountingPage clientId={b} />;
  return <QueuePage />;
}
