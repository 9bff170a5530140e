import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('defaults to SQLite in ./data', () => {
    expect(loadConfig({}, '/srv/notewall')).toEqual({ store: { kind: 'sqlite', dataDir: '/srv/notewall/data' } });
    expect(loadConfig({ NOTEWALL_DATA_DIR: '/var/lib/nw' }, '/x').store.dataDir).toBe('/var/lib/nw');
  });

  it('uses PostgreSQL with separate chart and vault roles', () => {
    const c = loadConfig({ DATABASE_URL: 'postgres://chart@db/nw', VAULT_DATABASE_URL: 'postgres://vault@db/nw', NOTEWALL_PG_VAULT_SCHEMA: 'pn' }, '/x');
    expect(c.store).toMatchObject({ kind: 'postgres', chartUrl: 'postgres://chart@db/nw', vaultUrl: 'postgres://vault@db/nw', chartSchema: 'chart', vaultSchema: 'pn' });
  });

  it('reports every problem at once', () => {
    let err: unknown;
    try {
      loadConfig({ DATABASE_URL: 'mysql://x', NOTEWALL_PG_CHART_SCHEMA: 'Bad-Name', NOTEWALL_DATA_DIR: '  ' }, '/x');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const problems = (err as ConfigError).problems.join('\n');
    expect(problems).toMatch(/DATABASE_URL must be a postgres/);
    expect(problems).toMatch(/NOTEWALL_PG_CHART_SCHEMA must be a lower-case SQL identifier/);
    expect(problems).toMatch(/NOTEWALL_DATA_DIR must not be empty/);
  });

  it('refuses a vault URL equal to the chart URL, or one without the other', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres://a@db/nw', VAULT_DATABASE_URL: 'postgres://a@db/nw' })).toThrow(/different login role/);
    expect(() => loadConfig({ DATABASE_URL: 'postgres://a@db/nw' })).toThrow(/VAULT_DATABASE_URL is required/);
  });
});
