import { describe, expect, it } from 'vitest';
import { isOfficerAvailable, officerServesEntity, officerUnavailability, type OfficerAvailabilityFacts } from './availability.js';

const officer = (over: Partial<OfficerAvailabilityFacts> = {}): OfficerAvailabilityFacts => ({
  active: true,
  credentialNo: '冀公警2024000123',
  credentialExpiresOn: '2027-06-30',
  leaves: [],
  recusals: [],
  ...over,
});

describe('officerUnavailability (who may inspect an entity on a day)', () => {
  it('lets an active officer with a valid credential, no leave and no recusal inspect', () => {
    expect(officerUnavailability(officer(), { entityId: 7, on: '2026-12-08' })).toEqual([]);
    expect(isOfficerAvailable(officer(), { entityId: 7, on: '2026-12-08' })).toBe(true);
  });

  it('refuses an inactive officer', () => {
    expect(officerUnavailability(officer({ active: false }), { entityId: 7, on: '2026-12-08' })).toEqual(['inactive']);
  });

  it('refuses an officer without a credential number or expiry, and one whose credential expired before the day', () => {
    expect(officerUnavailability(officer({ credentialNo: null }), { on: '2026-12-08' })).toEqual(['credential_missing']);
    expect(officerUnavailability(officer({ credentialNo: '  ' }), { on: '2026-12-08' })).toEqual(['credential_missing']);
    expect(officerUnavailability(officer({ credentialExpiresOn: null }), { on: '2026-12-08' })).toEqual(['credential_missing']);
    expect(officerUnavailability(officer({ credentialExpiresOn: '2026-12-07' }), { on: '2026-12-08' })).toEqual([
      'credential_expired',
    ]);
    // Valid on its last day.
    expect(officerUnavailability(officer({ credentialExpiresOn: '2026-12-08' }), { on: '2026-12-08' })).toEqual([]);
  });

  it('refuses an officer on leave that day, both ends inclusive, and not the day after', () => {
    const o = officer({ leaves: [{ fromOn: '2026-12-01', toOn: '2026-12-11' }] });
    expect(officerUnavailability(o, { entityId: 7, on: '2026-12-01' })).toEqual(['on_leave']);
    expect(officerUnavailability(o, { entityId: 7, on: '2026-12-11' })).toEqual(['on_leave']);
    expect(officerUnavailability(o, { entityId: 7, on: '2026-12-12' })).toEqual([]);
    expect(officerUnavailability(o, { entityId: 7, on: '2026-11-30' })).toEqual([]);
  });

  it('refuses an officer recused from that entity until the recusal is withdrawn, and only for that entity', () => {
    const o = officer({ recusals: [{ entityId: 7, withdrawnOn: null }] });
    expect(officerUnavailability(o, { entityId: 7, on: '2026-12-08' })).toEqual(['recused']);
    expect(officerUnavailability(o, { entityId: '7', on: '2026-12-08' })).toEqual(['recused']);
    expect(officerUnavailability(o, { entityId: 8, on: '2026-12-08' })).toEqual([]);
    // Without an entity, only the reasons that hold for every entity.
    expect(officerUnavailability(o, { on: '2026-12-08' })).toEqual([]);
    const withdrawn = officer({ recusals: [{ entityId: 7, withdrawnOn: '2026-12-08' }] });
    expect(officerUnavailability(withdrawn, { entityId: 7, on: '2026-12-07' })).toEqual(['recused']);
    expect(officerUnavailability(withdrawn, { entityId: 7, on: '2026-12-08' })).toEqual([]);
  });

  it('over a span (a draw window): leave on any day, a credential lapsing before its end, a recusal in force at its start', () => {
    const span = { entityId: 7, on: '2026-12-01', through: '2026-12-31' };
    expect(officerUnavailability(officer({ leaves: [{ fromOn: '2026-12-30', toOn: '2027-01-05' }] }), span)).toEqual([
      'on_leave',
    ]);
    expect(officerUnavailability(officer({ credentialExpiresOn: '2026-12-15' }), span)).toEqual(['credential_expired']);
    expect(officerUnavailability(officer({ recusals: [{ entityId: 7, withdrawnOn: '2026-12-02' }] }), span)).toEqual(['recused']);
    expect(() => officerUnavailability(officer(), { on: '2026-12-31', through: '2026-12-01' })).toThrow(RangeError);
  });

  it('names every reason at once, in a fixed order', () => {
    const o = officer({
      active: false,
      credentialExpiresOn: '2026-01-01',
      leaves: [{ fromOn: '2026-12-08', toOn: '2026-12-08' }],
      recusals: [{ entityId: 7, withdrawnOn: null }],
    });
    expect(officerUnavailability(o, { entityId: 7, on: '2026-12-08' })).toEqual([
      'inactive',
      'credential_expired',
      'on_leave',
      'recused',
    ]);
  });
});

describe('officerServesEntity (the responsible unit)', () => {
  it('a station officer serves the entities of that station; a brigade officer those of the brigade', () => {
    expect(officerServesEntity({ brigadeId: null, stationId: 'PS-SZ' }, { brigadeId: 'B-ZA', stationId: 'PS-SZ' })).toBe(true);
    expect(officerServesEntity({ brigadeId: null, stationId: 'PS-SZ' }, { brigadeId: 'B-ZA', stationId: 'PS-TY' })).toBe(false);
    expect(officerServesEntity({ brigadeId: null, stationId: 'PS-SZ' }, { brigadeId: 'B-ZA', stationId: null })).toBe(false);
    expect(officerServesEntity({ brigadeId: 'B-ZA', stationId: null }, { brigadeId: 'B-ZA', stationId: 'PS-SZ' })).toBe(true);
    expect(officerServesEntity({ brigadeId: 'B-JJ', stationId: null }, { brigadeId: 'B-ZA', stationId: null })).toBe(false);
  });
});
