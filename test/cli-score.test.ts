// `notewall score`, driven through the real entry point (bin/notewall.js registers tsx).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

function notewall(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['bin/notewall.js', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('notewall score', () => {
  it('scores a PHQ-9 with a negative item 9', () => {
    const r = notewall('score', 'phq9', '1,2,0,3,1,0,2,1,0');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('PHQ-9 total: 10 of 27');
    expect(r.stdout).toContain('Severity: Moderate (10–14)');
    expect(r.stdout).toMatch(/Item 9 \(.*\): 0 \(negative\)/);
    expect(r.stdout).not.toContain('SAFETY');
  });

  it('prints a safety follow-up line when PHQ-9 item 9 is positive', () => {
    const r = notewall('score', 'PHQ-9', '0,0,0,0,0,0,0,0,1');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Severity: Minimal (0–4)');
    expect(r.stdout).toMatch(/Item 9 \(.*\): 1 \(positive\)/);
    expect(r.stdout).toMatch(/^SAFETY FOLLOW-UP REQUIRED: item 9 is positive\. Assess suicide risk today/m);
  });

  it('prints PCL-5 subscores, both provisional PTSD methods and the change from baseline', () => {
    const r = notewall('score', 'pcl5', '1,2,3,4,0,1,1,0,1,2,3,0,1,2,2,2,2,2,2,2', '--baseline', '45');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('PCL-5 total: 33 of 80');
    expect(r.stdout).toContain('Screen: Provisional PTSD (33–80)');
    expect(r.stdout).toContain('B intrusion (items 1–5): 10 of 20');
    expect(r.stdout).toContain('C avoidance (items 6–7): 2 of 8');
    expect(r.stdout).toContain('D negative alterations in cognition and mood (items 8–14): 9 of 28');
    expect(r.stdout).toContain('E alterations in arousal and reactivity (items 15–20): 12 of 24');
    expect(r.stdout).toContain('Provisional PTSD by cutoff (total ≥33): yes');
    expect(r.stdout).toMatch(/Provisional PTSD by DSM-5 rule .*: no/);
    expect(r.stdout).toContain('Change from baseline 45: -12 (improved; clinically significant)');
  });

  it('honours --pcl5-cutoff', () => {
    const r = notewall('score', 'pcl5', '2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,1,0,0,0,0', '--pcl5-cutoff', '31', '--json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as { total: number; provisionalPtsd: unknown; band: { key: string } };
    expect(json.total).toBe(31);
    expect(json.band.key).toBe('provisional-ptsd');
    // E has only one item rated ≥2, so the DSM-5 rule is not met.
    expect(json.provisionalPtsd).toEqual({ byCutoff: true, byDsm5Rule: false, cutoff: 31 });
  });

  it('--json prints only the JSON result', () => {
    const r = notewall('score', 'gad7', '3,3,3,3,2,1,0', '--json', '--baseline', '20');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toMatchObject({
      instrument: 'gad7',
      total: 15,
      band: { key: 'severe', label: 'Severe' },
      flags: {},
      change: { delta: -5, direction: 'improved', meaningful: true, level: 'clinically-significant', threshold: 4 },
    });
  });

  it.each([
    [['score', 'phq9', '1,2,0,5,1,0,2,1,0'], 'notewall: item 4 is 5; PHQ-9 items are scored 0–3'],
    [['score', 'phq9', '1,2,0,3,1,0,2,1'], 'notewall: PHQ-9 has 9 items; got 8'],
    [['score', 'gad7', '1,2,x,1,1,1,1'], 'notewall: item 3 is "x"; GAD-7 items are whole numbers scored 0–3'],
    [['score', 'gad7', '1,2,,1,1,1,1'], 'notewall: item 3 is empty; GAD-7 items are whole numbers scored 0–3'],
    [['score', 'pcl5', '0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,9'], 'notewall: item 20 is 9; PCL-5 items are scored 0–4'],
    [['score', 'bdi2', '1,2,3'], 'notewall: unknown instrument "bdi2"; use one of phq9, gad7, pcl5'],
    [['score', 'gad7', '0,0,0,0,0,0,0', '--pcl5-cutoff', '31'], 'notewall: --pcl5-cutoff applies to the PCL-5 only'],
    [['score', 'phq9', '0,0,0,0,0,0,0,0,0', '--baseline', '30'], 'notewall: the baseline total is 30; PHQ-9 totals are whole numbers 0–27'],
  ])('%j exits 2: %s', (args, message) => {
    const r = notewall(...args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim()).toBe(message);
  });

  it('exits 2 when the items are missing', () => {
    const r = notewall('score', 'phq9');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/missing required argument 'items'/);
  });
});
