import { describe, expect, it } from 'vitest';
import type { CampaignObligation, CensusObligation, Obligation, SpotCheckObligation } from './obligation.js';
import { CADENCES, cadenceWindows, monthPeriod, quarterPeriod, yearPeriod } from './period.js';
import {
  DEFAULT_PLANNING_RULES,
  InvalidQuotaOverrideError,
  type RegistryEntity,
  censusKindsOfWindow,
  type SuperiorQuotaOverride,
  countQuotaPopulations,
  planPeriod,
  planQuotas,
  quotaPopulationNeeds,
} from './plan-period.js';
import { ENTITY_KINDS, type EntityKind, type VehicleCounts } from '../regimes/entity-kinds.js';
import { SCHEDULE_RULE_VERSIONS } from '../regimes/schedule-rules.js';

const none: VehicleCounts = {
  operating: 0,
  medium_heavy_truck: 0,
  tractor: 0,
  trailer: 0,
  dangerous_goods: 0,
  school_bus: 0,
  passenger_10_plus: 0,
};
const many = (kind: EntityKind, n: number, prefix = kind): RegistryEntity[] =>
  Array.from({ length: n }, (_, i) => ({ id: `${prefix}-${i + 1}`, kind }));

const census = (obs: Obligation[]): CensusObligation[] => obs.filter((o): o is CensusObligation => o.type === 'census');
const campaigns = (obs: Obligation[]): CampaignObligation[] => obs.filter((o): o is CampaignObligation => o.type === 'campaign');
const spots = (obs: Obligation[]): SpotCheckObligation[] => obs.filter((o): o is SpotCheckObligation => o.type === 'spot_check');

describe('R03 监管方式: census frequencies', () => {
  const entities: RegistryEntity[] = [
    { id: 'tph', kind: 'two_passenger_one_hazard' },
    { id: 'bus', kind: 'public_transport' },
    { id: 'sbo', kind: 'school_bus_operator' },
    { id: 'school', kind: 'school_bus_school' },
    { id: 'station', kind: 'passenger_station' },
    { id: 'key', kind: 'vehicle_unit', vehicleCounts: { ...none, operating: 5 } },
    { id: 'small', kind: 'vehicle_unit', vehicleCounts: { ...none, operating: 4 } },
  ];
  const obs = census(planPeriod({ entities }, DEFAULT_PLANNING_RULES, yearPeriod(2026)));
  const count = (id: string): number => obs.filter((o) => o.entityId === id).length;
  it('monthly firms get 12 a year; schools 6; stations and key-vehicle units 4; small units none', () => {
    expect([count('tph'), count('bus'), count('sbo'), count('school'), count('station'), count('key'), count('small')]).toEqual([
      12, 12, 12, 6, 4, 4, 0,
    ]);
  });
  it('windows: months, two-month blocks, quarters', () => {
    expect(obs.filter((o) => o.entityId === 'school').map((o) => [o.window.start, o.window.end])).toEqual([
      ['2026-01-01', '2026-02-28'],
      ['2026-03-01', '2026-04-30'],
      ['2026-05-01', '2026-06-30'],
      ['2026-07-01', '2026-08-31'],
      ['2026-09-01', '2026-10-31'],
      ['2026-11-01', '2026-12-31'],
    ]);
    expect(obs.find((o) => o.entityId === 'key' && o.window.start === '2026-04-01')?.window.end).toBe('2026-06-30');
  });
  it('records the rule version and a deterministic key', () => {
    const o = obs.find((x) => x.entityId === 'tph' && x.window.start === '2026-03-01')!;
    expect(o.key).toBe('census:R03-MONTHLY:tph:2026-03-01');
    expect(o.ruleVersion).toBe('R03@2026-01-01');
    expect(o.quotaSource).toEqual({ kind: 'rulebook' });
  });
});

describe('R09 监督检查方式: patrols, 4 special inspections ≥30%, yearly comprehensive', () => {
  const entities = [...many('hotel', 10), ...many('seal_engraver', 11), ...many('pawnshop', 3)];
  const obs = planPeriod({ entities }, DEFAULT_PLANNING_RULES, yearPeriod(2026));
  it('every hotel monthly; seal engravers and pawnshops quarterly', () => {
    const patrol = census(obs).filter((o) => o.purpose === 'routine_patrol');
    expect(patrol.filter((o) => o.entityKind === 'hotel')).toHaveLength(120);
    expect(patrol.filter((o) => o.entityKind === 'seal_engraver')).toHaveLength(44);
    expect(patrol.filter((o) => o.entityKind === 'pawnshop')).toHaveLength(12);
  });
  it('4 campaigns a year per trade, one a quarter, each covering ceil(30%)', () => {
    const c = campaigns(obs);
    expect(c.filter((o) => o.entityKind === 'hotel').map((o) => [o.sequence, o.window.start, o.minCount])).toEqual([
      [1, '2026-01-01', 3],
      [2, '2026-04-01', 3],
      [3, '2026-07-01', 3],
      [4, '2026-10-01', 3],
    ]);
    expect(c.find((o) => o.entityKind === 'seal_engraver')?.minCount).toBe(4); // 3.3 → 4
    expect(c.find((o) => o.entityKind === 'pawnshop')?.minCount).toBe(1); // 0.9 → 1
    expect(c[0]?.key).toBe('campaign:R09-SPECIAL:hotel:2026:1');
  });
  it('a yearly comprehensive inspection of every unit', () => {
    const comp = census(obs).filter((o) => o.purpose === 'comprehensive');
    expect(comp).toHaveLength(24);
    expect(comp.every((o) => o.window.start === '2026-01-01' && o.window.end === '2026-12-31')).toBe(true);
  });
});

describe('R10 监督检查方式: quarterly full check, 2 special inspections ≥20%, yearly comprehensive', () => {
  const obs = planPeriod({ entities: many('scrap_metal_buyer', 7) }, DEFAULT_PLANNING_RULES, yearPeriod(2026));
  it('quarterly census and yearly comprehensive', () => {
    expect(census(obs).filter((o) => o.ruleId === 'R10-QUARTERLY')).toHaveLength(28);
    expect(census(obs).filter((o) => o.ruleId === 'R10-COMPREHENSIVE')).toHaveLength(7);
  });
  it('two campaigns, one a half-year, each ceil(20% × 7) = 2', () => {
    expect(campaigns(obs).map((o) => [o.window.start, o.window.end, o.minCount, o.minShare])).toEqual([
      ['2026-01-01', '2026-06-30', 2, '0.20'],
      ['2026-07-01', '2026-12-31', 2, '0.20'],
    ]);
  });
});

describe('R14: yearly patrol of every outlet; spot checks at most 5% a year', () => {
  it('40 outlets: 40 patrols, at most 2 spot checks', () => {
    const obs = planPeriod({ entities: many('bank_outlet', 40) }, DEFAULT_PLANNING_RULES, yearPeriod(2026));
    expect(census(obs)).toHaveLength(40);
    const s = spots(obs);
    expect(s).toHaveLength(1);
    expect(s[0]).toMatchObject({
      type: 'spot_check',
      maxShare: '0.05',
      maxCount: 2,
      population: 40,
      key: 'spot_check:R14-SPOT:bank_outlet:2026',
    });
  });
  it('39 outlets: at most 1 (1.95 rounds down)', () => {
    expect(spots(planPeriod({ entities: many('bank_outlet', 39) }, DEFAULT_PLANNING_RULES, yearPeriod(2026)))[0]?.maxCount).toBe(
      1,
    );
  });
});

describe('R08: annual inspection of the production-registration certificate', () => {
  it('one a year per maker', () => {
    const obs = planPeriod({ entities: many('security_product_maker', 2) }, DEFAULT_PLANNING_RULES, yearPeriod(2026));
    expect(obs.map((o) => [o.type, o.ruleId, o.window.start, o.window.end])).toEqual([
      ['census', 'R08-ANNUAL-INSPECTION', '2026-01-01', '2026-12-31'],
      ['census', 'R08-ANNUAL-INSPECTION', '2026-01-01', '2026-12-31'],
    ]);
  });
});

describe('regimes without a fixed frequency get no scheduled obligations', () => {
  it('R01, R02, R04, R05, R06, R07, R11, R12, R13', () => {
    const kinds: EntityKind[] = [
      'exit_entry_window',
      'road_works_urban',
      'vehicle_inspection_agency',
      'large_event',
      'assembly_organiser',
      'security_company',
      'internet_cafe',
      'info_system_operator',
      'networked_unit',
    ];
    expect(planPeriod({ entities: kinds.map((k) => ({ id: k, kind: k })) }, DEFAULT_PLANNING_RULES, yearPeriod(2026))).toEqual(
      [],
    );
  });
});

describe('planPeriod: periods, determinism, activity', () => {
  const entities = [...many('hotel', 3), ...many('bank_outlet', 20)];
  it('a month returns that month’s windows and the longer windows that overlap it', () => {
    const obs = planPeriod({ entities }, DEFAULT_PLANNING_RULES, monthPeriod(2026, 5));
    expect(
      census(obs)
        .filter((o) => o.ruleId === 'R09-PATROL-HOTEL')
        .map((o) => o.window.start),
    ).toEqual(['2026-05-01', '2026-05-01', '2026-05-01']);
    expect(campaigns(obs).map((o) => o.sequence)).toEqual([2]);
    expect(obs.some((o) => o.ruleId === 'R14-PATROL')).toBe(true);
  });
  it('planning by months gives the same keys as planning the year (no duplicates for the unique constraint)', () => {
    const whole = planPeriod({ entities }, DEFAULT_PLANNING_RULES, yearPeriod(2026)).map((o) => o.key);
    const byMonth = new Set<string>();
    for (let m = 1; m <= 12; m += 1)
      for (const o of planPeriod({ entities }, DEFAULT_PLANNING_RULES, monthPeriod(2026, m))) byMonth.add(o.key);
    expect(new Set(whole).size).toBe(whole.length);
    expect([...byMonth].sort()).toEqual([...whole].sort());
  });
  it('is deterministic: the snapshot order does not change the output', () => {
    const a = planPeriod({ entities }, DEFAULT_PLANNING_RULES, quarterPeriod(2026, 2));
    const b = planPeriod({ entities: [...entities].reverse() }, DEFAULT_PLANNING_RULES, quarterPeriod(2026, 2));
    expect(b).toEqual(a);
  });
  it('an entity licensed in July has no census before July; a closed one none after closing', () => {
    const obs = census(
      planPeriod(
        {
          entities: [
            { id: 'new', kind: 'hotel', activeFrom: '2026-07-15' },
            { id: 'old', kind: 'hotel', activeUntil: '2026-02-10' },
          ],
        },
        DEFAULT_PLANNING_RULES,
        yearPeriod(2026),
      ),
    ).filter((o) => o.purpose === 'routine_patrol');
    expect(obs.filter((o) => o.entityId === 'new').map((o) => o.window.start)[0]).toBe('2026-07-01');
    expect(obs.filter((o) => o.entityId === 'new')).toHaveLength(6);
    expect(obs.filter((o) => o.entityId === 'old')).toHaveLength(2);
  });
  it('no rules in force before the baseline version: 2025 plans nothing', () => {
    expect(planPeriod({ entities }, DEFAULT_PLANNING_RULES, yearPeriod(2025))).toEqual([]);
  });
  it('refuses duplicate entity ids and inverted periods', () => {
    expect(() =>
      planPeriod(
        {
          entities: [
            { id: 'a', kind: 'hotel' },
            { id: 'a', kind: 'hotel' },
          ],
        },
        DEFAULT_PLANNING_RULES,
        yearPeriod(2026),
      ),
    ).toThrow(/Duplicate/);
    expect(() => planPeriod({ entities }, DEFAULT_PLANNING_RULES, { start: '2026-05-01', end: '2026-04-01' })).toThrow(
      RangeError,
    );
  });
  it('a new rule version mid-year governs the census windows from its date', () => {
    const r09 = SCHEDULE_RULE_VERSIONS.find((v) => v.regime === 'R09')!;
    const later = { ...r09, ruleVersion: 'R09@2026-07-01', effectiveFrom: '2026-07-01' };
    const obs = census(
      planPeriod({ entities: many('hotel', 1) }, { versions: [...SCHEDULE_RULE_VERSIONS, later] }, yearPeriod(2026)),
    ).filter((o) => o.ruleId === 'R09-PATROL-HOTEL');
    expect(obs.map((o) => o.ruleVersion)).toEqual([...Array(6).fill('R09@2026-01-01'), ...Array(6).fill('R09@2026-07-01')]);
  });
});

describe('superior quotas prevail (R09, R10: 以上级下达监督检查指标为准)', () => {
  const override: SuperiorQuotaOverride = {
    ruleId: 'R09-SPECIAL',
    reference: '石公治〔2026〕12号',
    issuedBy: '石家庄市公安局',
    effectiveFrom: '2026-01-01',
    perYear: 6,
    minShare: '0.50',
  };
  it('replaces the campaign count and share, and records its source', () => {
    const c = campaigns(
      planPeriod({ entities: many('hotel', 10) }, { ...DEFAULT_PLANNING_RULES, overrides: [override] }, yearPeriod(2026)),
    );
    expect(c.map((o) => [o.window.start, o.minCount])).toEqual([
      ['2026-01-01', 5],
      ['2026-03-01', 5],
      ['2026-05-01', 5],
      ['2026-07-01', 5],
      ['2026-09-01', 5],
      ['2026-11-01', 5],
    ]);
    expect(c[0]?.quotaSource).toEqual({ kind: 'superior', reference: '石公治〔2026〕12号', issuedBy: '石家庄市公安局' });
    expect(c[0]?.ruleVersion).toBe('R09@2026-01-01');
  });
  it('prevails even when lower than the local rule', () => {
    const c = campaigns(
      planPeriod(
        { entities: many('scrap_metal_buyer', 10) },
        { ...DEFAULT_PLANNING_RULES, overrides: [{ ...override, ruleId: 'R10-SPECIAL', perYear: 1, minShare: '0.10' }] },
        yearPeriod(2026),
      ),
    );
    expect(c.map((o) => o.minCount)).toEqual([1]);
  });
  it('a cadence override changes the census', () => {
    const o: SuperiorQuotaOverride = {
      ruleId: 'R09-PATROL-SEAL-PAWN',
      reference: 'ref',
      issuedBy: 'city',
      effectiveFrom: '2026-01-01',
      cadence: 'month',
    };
    const obs = census(
      planPeriod({ entities: many('pawnshop', 1) }, { ...DEFAULT_PLANNING_RULES, overrides: [o] }, yearPeriod(2026)),
    ).filter((x) => x.ruleId === 'R09-PATROL-SEAL-PAWN');
    expect(obs).toHaveLength(12);
    expect(obs[0]?.quotaSource.kind).toBe('superior');
  });
  it('an expired override no longer applies', () => {
    const c = campaigns(
      planPeriod(
        { entities: many('hotel', 10) },
        { ...DEFAULT_PLANNING_RULES, overrides: [{ ...override, effectiveUntil: '2026-12-31' }] },
        yearPeriod(2027),
      ),
    );
    expect(c.map((o) => o.minCount)).toEqual([3, 3, 3, 3]);
  });
  it('is refused for regimes that do not provide for it, or with the wrong field', () => {
    expect(() =>
      planPeriod(
        { entities: [] },
        {
          ...DEFAULT_PLANNING_RULES,
          overrides: [{ ...override, ruleId: 'R14-SPOT', perYear: undefined, minShare: undefined, maxShare: '0.10' }],
        },
        yearPeriod(2026),
      ),
    ).toThrow(InvalidQuotaOverrideError);
    expect(() =>
      planPeriod(
        { entities: [] },
        { ...DEFAULT_PLANNING_RULES, overrides: [{ ...override, cadence: 'month' }] },
        yearPeriod(2026),
      ),
    ).toThrow(InvalidQuotaOverrideError);
    expect(() =>
      planPeriod(
        { entities: [] },
        { ...DEFAULT_PLANNING_RULES, overrides: [{ ...override, ruleId: 'R09-NOPE' }] },
        yearPeriod(2026),
      ),
    ).toThrow(/unknown rule/);
  });
});

describe('planQuotas: the quotas from populations counted in parts (issue 14: bounded quota batches)', () => {
  const entities: RegistryEntity[] = [
    ...many('hotel', 23),
    ...many('pawnshop', 7),
    ...many('bank_outlet', 41),
    { id: 'late-hotel', kind: 'hotel', activeFrom: '2026-07-15' },
    { id: 'closed-pawnshop', kind: 'pawnshop', activeUntil: '2026-03-10' },
  ];
  const year = yearPeriod(2026);
  const quotas = (obs: Obligation[]) => obs.filter((o) => o.type !== 'census');

  it('sums of the parts give exactly planPeriod’s campaigns and spot checks, however the registry is cut', () => {
    const whole = quotas(planPeriod({ entities }, DEFAULT_PLANNING_RULES, year));
    expect(whole.length).toBeGreaterThan(0);
    const needs = quotaPopulationNeeds(DEFAULT_PLANNING_RULES, year);
    for (const size of [1, 10, 30, entities.length]) {
      const sums = needs.map(() => 0);
      for (let i = 0; i < entities.length; i += size)
        countQuotaPopulations(entities.slice(i, i + size), needs).forEach((n, j) => (sums[j]! += n));
      const byNeed = new Map(needs.map((n, j) => [`${n.kind}|${n.window.start}|${n.window.end}`, sums[j]!]));
      const planned = planQuotas(
        (kind, w) => byNeed.get(`${kind}|${w.start}|${w.end}`) ?? Number.NaN,
        DEFAULT_PLANNING_RULES,
        year,
      );
      expect(planned).toEqual(whole);
    }
  });

  it('asks only for populations it needs: none for a period without quota windows', () => {
    expect(quotaPopulationNeeds(DEFAULT_PLANNING_RULES, yearPeriod(2025))).toEqual([]);
    expect(planQuotas(() => 5, DEFAULT_PLANNING_RULES, yearPeriod(2026)).every((o) => o.type !== 'census')).toBe(true);
  });
});

describe("censusKindsOfWindow: the kinds a period's census reads (issue 14: the reconcile reads no other)", () => {
  // One entity of every kind, vehicle units above the key-vehicle threshold: every census rule applies.
  const everyKind: RegistryEntity[] = (Object.keys(ENTITY_KINDS) as EntityKind[]).map((kind) => ({
    id: kind,
    kind,
    vehicleCounts: { ...none, operating: 50 },
  }));
  const kindsPlanned = (rules: typeof DEFAULT_PLANNING_RULES, w: { start: string; end: string }) => [
    ...new Set(
      census(planPeriod({ entities: everyKind }, rules, w))
        .filter((o) => o.window.start === w.start && o.window.end === w.end)
        .map((o) => o.entityKind),
    ),
  ];
  it('is exactly the kinds planPeriod gives census obligations of that window, for every window of the year', () => {
    for (const cadence of CADENCES)
      for (const w of cadenceWindows(cadence, 2026))
        expect(censusKindsOfWindow(DEFAULT_PLANNING_RULES, w), `${cadence} ${w.start}`).toEqual(
          kindsPlanned(DEFAULT_PLANNING_RULES, w).sort(),
        );
  });
  it('the rulebook: hotels monthly, pawnshops quarterly, school-bus schools every two months, banks yearly', () => {
    expect(censusKindsOfWindow(DEFAULT_PLANNING_RULES, monthPeriod(2026, 5))).toContain('hotel');
    expect(censusKindsOfWindow(DEFAULT_PLANNING_RULES, monthPeriod(2026, 5))).not.toContain('pawnshop');
    expect(censusKindsOfWindow(DEFAULT_PLANNING_RULES, quarterPeriod(2026, 2))).toContain('pawnshop');
    expect(censusKindsOfWindow(DEFAULT_PLANNING_RULES, { start: '2026-05-01', end: '2026-06-30' })).toEqual([
      'school_bus_school',
    ]);
    expect(censusKindsOfWindow(DEFAULT_PLANNING_RULES, yearPeriod(2026))).toContain('bank_outlet');
    // A span no cadence has (May–July) plans no census at all.
    expect(censusKindsOfWindow(DEFAULT_PLANNING_RULES, { start: '2026-05-01', end: '2026-07-31' })).toEqual([]);
  });
  it("follows a superior's cadence: pawnshops made monthly are read in the month, not the quarter", () => {
    const rules = {
      ...DEFAULT_PLANNING_RULES,
      overrides: [
        {
          ruleId: 'R09-PATROL-SEAL-PAWN',
          reference: 'ref',
          issuedBy: 'city',
          effectiveFrom: '2026-01-01',
          cadence: 'month' as const,
        },
      ],
    };
    expect(censusKindsOfWindow(rules, monthPeriod(2026, 5))).toContain('pawnshop');
    expect(censusKindsOfWindow(rules, quarterPeriod(2026, 2))).not.toContain('pawnshop');
    for (const w of [monthPeriod(2026, 5), quarterPeriod(2026, 2)])
      expect(censusKindsOfWindow(rules, w)).toEqual(kindsPlanned(rules, w).sort());
  });
});
