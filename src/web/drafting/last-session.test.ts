import { describe, expect, it } from 'vitest';
import type { Measure, Session } from '../api/schemas.ts';
import { draftDefaults, previousDetails, previousSession } from './last-session.ts';

const session = (id: string, date: string, extra: Partial<Session['logistics']> = {}): Session => ({
  id,
  clientId: 'c1',
  clinicianId: 'u1',
  createdAt: `${date}T08:00:00.000Z`,
  logistics: { date, start: '10:00', end: '10:50', cptCodes: ['90834'], modality: 'individual', participants: [], placeOfService: 'telehealth-home', ...extra },
});

const measure = (date: string, total: number): Measure => ({
  id: date,
  clientId: 'c1',
  sessionId: null,
  instrument: 'gad7',
  administeredOn: date,
  items: [],
  result: { instrument: 'gad7', total, band: { key: 'x', label: 'x' }, flags: {} },
  createdBy: 'u1',
  createdAt: date,
});

describe('draft defaults from the previous session', () => {
  it('picks the latest earlier session', () => {
    const all = [session('a', '2026-03-01'), session('b', '2026-03-07'), session('c', '2026-03-14'), session('d', '2026-03-21')];
    expect(previousSession(all, all[2]!)?.id).toBe('b');
    expect(previousSession(all, all[0]!)).toBeUndefined();
  });

  it("carries the note's stable facts and baselines, takes this session's logistics, and never risk", () => {
    const prev = session('b', '2026-03-07');
    const note = {
      format: 'soap' as const,
      session: prev.logistics,
      diagnoses: [{ code: 'F41.1', description: 'Generalized anxiety disorder' }],
      interventions: ['CBT'],
      risk: { suicidalIdeation: 'denied' as const, homicidalIdeation: 'denied' as const, selfHarm: 'denied' as const },
      medications: [{ name: 'sertraline', dose: '50 mg' }],
      goals: [{ goal: 'sleep 7 hours', progress: 'improved' as const }],
      sections: { subjective: 'Old report.' },
    };
    const details = previousDetails(prev, note, [measure('2026-03-07', 11), measure('2026-02-01', 15)]);
    const form = draftDefaults(session('c', '2026-03-14', { start: '11:00', end: '11:53', cptCodes: ['90837'] }), details, 'dap', []);
    expect(form).toMatchObject({ format: 'dap', date: '2026-03-14', start: '11:00', end: '11:53', cptCodes: ['90837'], modality: 'individual', placeOfService: 'telehealth-home' });
    expect(form.diagnoses).toEqual(note.diagnoses);
    expect(form.medications).toBe('sertraline, 50 mg');
    expect(form.goals).toEqual([{ goal: 'sleep 7 hours', progress: '', note: '' }]);
    expect(form.measures.gad7).toEqual({ total: '', baselineTotal: '15' });
    expect(Object.values(form.risk).every((v) => v === '')).toBe(true);
    expect(form.report).toBe('');
  });

  it("without a previous session, uses the chart's diagnoses and goals (progress left to assess)", () => {
    const form = draftDefaults(session('a', '2026-03-01'), null, 'soap', [{ code: 'F32.1' }], ['walk daily']);
    expect(form.diagnoses).toEqual([{ code: 'F32.1' }]);
    expect(form.goals).toEqual([{ goal: 'walk daily', progress: '', note: '' }]);
    expect(form.medications).toBe('');
  });
});
