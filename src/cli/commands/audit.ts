/**
 * `notewall audit verify`: walks the whole hash chain of the audit log and names the first
 * broken row. Exit 0 when the chain verifies, 1 when it does not.
 */
import type { Command } from 'commander';
import { verifyAuditChain } from '../../db/audit/audit-log.ts';
import { chartTarget, openChartStore } from '../../db/chart/chart-store.ts';
import { configOrUsage } from './setup.ts';
import type { RegisterCommand } from './index.ts';

export const registerAudit: RegisterCommand = (program: Command, setExit) => {
  const audit = program.command('audit').description('the hash-chained audit log');
  audit
    .command('verify')
    .description('check every row of the audit chain; names the first broken row')
    .action(async () => {
      const config = configOrUsage();
      const chart = await openChartStore(chartTarget(config.store));
      try {
        const r = await verifyAuditChain(chart.db, chart.adapter);
        if (r.ok) {
          process.stdout.write(`audit log verified: ${r.rows} rows, chain intact (last hash ${r.lastHash.slice(0, 16)}…)\n`);
        } else {
          process.stdout.write(`audit log BROKEN at row ${r.brokenSeq}: ${r.problem} (${r.rows} rows before it verified)\n`);
          setExit(1);
        }
      } finally {
        await chart.close();
      }
    });
};
