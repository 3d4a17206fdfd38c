import { describe, expect, it } from 'vitest';
import { STATION_SUGGESTIONS, suggestStations } from './dashboard-page.js';

const stations = [
  { id: 'PS-HL', name_zh: '获鹿派出所', name_en: 'Huolu Police Station' },
  { id: 'PS-TY', name_zh: '铜冶派出所', name_en: 'Tongye Police Station' },
  { id: 'PS-XHL', name_zh: '新获鹿派出所', name_en: 'New Huolu Police Station' },
  ...Array.from({ length: 40 }, (_, i) => ({
    id: `PS-X${i}`,
    name_zh: `第${i}区派出所`,
    name_en: `District ${i} Police Station`,
  })),
];

describe('the station field’s suggestions', () => {
  it('match the id or either name, every word, those beginning with the words first, in the locale', () => {
    expect(suggestStations(stations, '获鹿', true)).toEqual([
      { id: 'PS-HL', name: '获鹿派出所' },
      { id: 'PS-XHL', name: '新获鹿派出所' },
    ]);
    expect(suggestStations(stations, 'huolu new', false)).toEqual([{ id: 'PS-XHL', name: 'New Huolu Police Station' }]);
    expect(suggestStations(stations, 'ps-ty', true)).toEqual([{ id: 'PS-TY', name: '铜冶派出所' }]);
    expect(suggestStations(stations, 'nowhere', true)).toEqual([]);
  });

  it('are at most STATION_SUGGESTIONS, also for an empty field', () => {
    expect(suggestStations(stations, '', true)).toHaveLength(STATION_SUGGESTIONS);
    expect(suggestStations(stations, 'police', false)).toHaveLength(STATION_SUGGESTIONS);
  });
});
