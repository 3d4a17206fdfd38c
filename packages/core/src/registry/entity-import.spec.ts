import { describe, expect, it } from 'vitest';
import { csvTable, parseCsvRecords, parseImportDate, validateEntityTable } from './entity-import.js';

const stations = [{ id: 'PS-HL', name_zh: '获鹿派出所', name_en: 'Huolu Police Station' }];
const HEAD = '对象编码,监管事项,类别,名称,地址,所属派出所,联系电话,营运车辆数,风险等级,状态,登记日期,注销日期';
const ok = 'E1,R09,旅馆,某旅馆,鹿泉区某路1号,获鹿派出所,0311-82011234,,低,在册,2020-01-02,';
const run = (lines: string[], inScope?: Parameters<typeof validateEntityTable>[1]['inScope']) =>
  validateEntityTable(csvTable([HEAD, ...lines].join('\r\n')), { stations, inScope });

describe('validateEntityTable', () => {
  it('accepts a good row (zh headers, station by name, zh risk/status)', () => {
    const r = run([ok]);
    expect(r.issues).toEqual([]);
    expect(r.entities[0]).toMatchObject({
      code: 'E1',
      kind: 'hotel',
      brigade_id: 'B-ZA',
      station_id: 'PS-HL',
      risk_grade: 'low',
      status: 'active',
      registered_on: '2020-01-02',
      row: 2,
    });
  });
  it('accepts English headers', () => {
    const r = validateEntityTable(
      csvTable('code,regime,kind,name,address,registered on\nE2,R11,internet_cafe,网吧,某地,2021/3/4'),
      { stations },
    );
    expect(r.issues).toEqual([]);
    expect(r.entities[0]).toMatchObject({ kind: 'internet_cafe', registered_on: '2021-03-04' });
  });
  it('names every bad row with its Excel row number, column and reason', () => {
    const r = run([
      ok,
      'E2,R99,旅馆,x,y,,,,,,2020-01-01,',
      'E3,R09,游戏厅,x,y,,,,,,2020-01-01,',
      'E4,R09,internet_cafe,x,y,,,,,,2020-01-01,',
      'E5,R09,旅馆,x,y,不存在所,,,,,2020-01-01,',
      'E6,R09,旅馆,x,y,,abc,,,,2020-01-01,',
      'E7,R09,旅馆,x,y,,,3,,,2020-01-01,',
      'E8,R09,旅馆,x,y,,,,极高,,2020-01-01,',
      'E9,R09,旅馆,x,y,,,,,作废,2020-02-30,',
      'E1,R09,旅馆,x,y,,,,,,2020-01-01,',
      ',R09,旅馆,,y,,,,,已注销,2020-01-01,',
    ]);
    const got = r.issues.map((i) => [i.row, i.column, i.code]);
    expect(got).toEqual([
      [3, '监管事项', 'unknown_regime'],
      [4, '类别', 'unknown_kind'],
      [5, '类别', 'kind_not_of_regime'],
      [6, '所属派出所', 'unknown_station'],
      [7, '联系电话', 'invalid_phone'],
      [8, '营运车辆数', 'vehicles_not_r03'],
      [9, '风险等级', 'invalid_risk_grade'],
      [10, '状态', 'invalid_status'],
      [10, '登记日期', 'invalid_date'],
      [11, '对象编码', 'duplicate_code'],
      [12, '对象编码', 'required'],
      [12, '名称', 'required'],
      [12, '注销日期', 'closed_without_date'],
    ]);
    for (const i of r.issues) expect(i.zh.length > 0 && i.en.length > 0).toBe(true);
  });
  it('reads R03 vehicle counts, missing types as 0', () => {
    const r = validateEntityTable(
      csvTable('对象编码,监管事项,类别,名称,地址,登记日期,营运车辆数,校车数\nB1,R03,校车服务提供者,x,y,2020-01-01,6,2'),
      { stations },
    );
    expect(r.issues).toEqual([]);
    expect(r.entities[0]!.vehicle_counts).toEqual({
      operating: 6,
      medium_heavy_truck: 0,
      tractor: 0,
      trailer: 0,
      dangerous_goods: 0,
      school_bus: 2,
      passenger_10_plus: 0,
    });
    const bad = validateEntityTable(
      csvTable('对象编码,监管事项,类别,名称,地址,登记日期,营运车辆数\nB1,R03,校车服务提供者,x,y,2020-01-01,-1'),
      { stations },
    );
    expect(bad.issues.map((i) => i.code)).toEqual(['invalid_number']);
  });
  it('reports missing required columns on row 1 and refuses rows outside the scope', () => {
    expect(validateEntityTable(csvTable('对象编码,名称\nE1,x'), { stations }).issues.map((i) => [i.row, i.column])).toEqual([
      [1, '监管事项'],
      [1, '类别'],
      [1, '地址'],
      [1, '登记日期'],
    ]);
    expect(run([ok], (e) => e.brigadeId === 'B-JJ').issues.map((i) => i.code)).toEqual(['out_of_scope']);
  });
});

describe('CSV and dates', () => {
  it('parses quotes, doubled quotes, CRLF and newlines inside quotes; strips the BOM', () => {
    expect(parseCsvRecords('\uFEFFa,"b,c","d""e"\r\n"x\ny",z\n')).toEqual([
      ['a', 'b,c', 'd"e'],
      ['x\ny', 'z'],
    ]);
  });
  it('parses the date forms Excel users type', () => {
    expect(parseImportDate('2024-2-29')).toBe('2024-02-29');
    expect(parseImportDate('2023年2月29日')).toBeNull();
    expect(parseImportDate('20240101')).toBe('2024-01-01');
  });
});
