import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { xlsxFromCells } from '../import/registry-file.js';
import { windowComplaints, windowMonth, windowThresholds } from '../repositories/window-service.repository.js';
import { ensureInServiceFrom } from '../repositories/service-setting.repository.js';
import { createRoleActor } from '../testing/case-fixture.js';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.js';
import type { Actor } from './actor.js';
import {
  decideWindowMeasure,
  importWindowRatings,
  recordWindowComplaint,
  recordWindowFollowUp,
  setWindowThresholds,
  WindowError,
} from './window-service.use-case.js';

/**
 * Issue 13 §6: R01 window service — the raters' file all or nothing with every bad row named (file,
 * row, field), complaints and follow-ups, the configured thresholds and the leader's measure; scope on
 * the brigade (B-CRJ), each action audited.
 */
const TODAY = '2026-11-25';
const HEADER = ['工号', '姓名', '月份', '评价次数', '满意次数'];
let t: TestDatabase;
let crj: Actor;
let za: Actor;
let leader: Actor;

beforeAll(async () => {
  t = await createTestDatabase();
  await t.db
    .insertInto('brigade')
    .values([
      { id: 'B-CRJ', name_zh: '出入境管理大队', name_en: 'Exit-entry' },
      { id: 'B-ZA', name_zh: '治安管理大队', name_en: 'Public order' },
    ])
    .execute();
  await ensureInServiceFrom(t.db, '2026-11-01');
  crj = await createRoleActor(t.db, { username: 'crj_sch', role: 'scheduler', brigadeId: 'B-CRJ' });
  za = await createRoleActor(t.db, { username: 'za_sch', role: 'scheduler', brigadeId: 'B-ZA' });
  leader = await createRoleActor(t.db, { username: 'boss', role: 'leader' });
});

afterAll(async () => {
  await t?.drop();
});

const csv = (rows: string[][]) => new TextEncoder().encode([HEADER, ...rows].map((r) => r.join(',')).join('\r\n'));

describe('the window raters’ results (seed R01 四（2）)', () => {
  it('stores a good XLSX: staff created, a month’s results kept', async () => {
    const bytes = await xlsxFromCells(HEADER, [
      ['C01', '王芳', '2026-11', 200, 170],
      ['C02', '李明', '2026-11', 150, 148],
    ]);
    expect(await importWindowRatings(t.db, crj, { fileName: '11月评价器.xlsx', bytes })).toEqual({
      rows: 2,
      staffCreated: 2,
      replaced: 0,
    });
    const month = await windowMonth(t.db, '2026-11', await windowThresholds(t.db));
    expect(month.map((m) => `${m.code} ${m.rated}/${m.satisfied} ${m.flags.join('+')}`)).toEqual([
      'C01 200/170 low_satisfaction',
      'C02 150/148 ',
    ]);
  });

  it('refuses a file with bad rows as a whole, naming each (file, row, field), and keeps what was stored', async () => {
    const e = await importWindowRatings(t.db, crj, {
      fileName: 'bad.csv',
      bytes: csv([
        ['C01', '王芳', '2026-11', '210', '200'],
        ['C03', '赵强', '2026-13', '10', '9'],
        ['C04', '孙丽', '2026-11', '10', 'x'],
      ]),
    }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(WindowError);
    expect((e as WindowError).issues.map((i) => `${i.file} ${i.row} ${i.field} ${i.code}`)).toEqual([
      'bad.csv 3 月份 invalid_month',
      'bad.csv 4 满意次数 invalid_count',
    ]);
    // The good first row was not written either: C01 keeps 200/170, no C03/C04.
    const month = await windowMonth(t.db, '2026-11', await windowThresholds(t.db));
    expect(month.map((m) => `${m.code} ${m.rated}/${m.satisfied}`)).toEqual(['C01 200/170', 'C02 150/148']);
    const binary = await importWindowRatings(t.db, crj, {
      fileName: 'x.csv',
      bytes: new Uint8Array([0xff, 0xfe, 0x41, 0x00]),
    }).catch((x: unknown) => x);
    expect((binary as WindowError).issues[0]).toMatchObject({ file: 'x.csv', row: 1, code: 'unreadable_file' });
  });

  it('replaces a month’s result on a corrected file, and refuses another brigade (denied, audited)', async () => {
    expect(
      await importWindowRatings(t.db, crj, { fileName: 'fix.csv', bytes: csv([['C01', '王芳', '2026/11', '200', '185']]) }),
    ).toEqual({
      rows: 1,
      staffCreated: 0,
      replaced: 1,
    });
    await expect(
      importWindowRatings(t.db, za, { fileName: 'z.csv', bytes: csv([['C09', '某', '2026-11', '1', '1']]) }),
    ).rejects.toMatchObject({
      code: 'WINDOW-DENIED',
    });
    expect((await t.db.selectFrom('window_staff').select('code').orderBy('code').execute()).map((s) => s.code)).toEqual([
      'C01',
      'C02',
    ]);
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['actor_username', 'outcome'])
      .where('action', '=', 'window.ratings.import')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => `${a.actor_username} ${a.outcome}`)).toEqual([
      'crj_sch success',
      'crj_sch failure',
      'crj_sch failure',
      'crj_sch success',
      'za_sch denied',
    ]);
  });
});

describe('complaints, follow-ups, thresholds and measures (seed R01 五（2）, 六（1）)', () => {
  it('records complaints per member and one follow-up call or visit, naming bad fields', async () => {
    await expect(
      recordWindowComplaint(
        t.db,
        crj,
        { staffCode: 'NOPE', channel: 'phone', receivedOn: '2026-11-20', content: '态度差' },
        TODAY,
      ),
    ).rejects.toMatchObject({ field: 'staffCode', reason: 'staff_not_found' });
    await expect(
      recordWindowComplaint(t.db, crj, { staffCode: 'C02', channel: 'fax', receivedOn: '2026-11-20', content: '态度差' }, TODAY),
    ).rejects.toMatchObject({ field: 'channel' });
    await expect(
      recordWindowComplaint(t.db, za, { staffCode: 'C02', channel: 'phone', receivedOn: '2026-11-20', content: '态度差' }, TODAY),
    ).rejects.toMatchObject({ code: 'WINDOW-DENIED' });
    const ids: number[] = [];
    for (const [channel, day] of [
      ['phone', '2026-11-03'],
      ['box', '2026-11-10'],
      ['on_site', '2026-11-20'],
    ])
      ids.push(
        (
          await recordWindowComplaint(
            t.db,
            crj,
            { staffCode: 'C02', channel: channel!, receivedOn: day!, content: '办理时态度生硬' },
            TODAY,
          )
        ).id,
      );
    await expect(
      recordWindowFollowUp(t.db, crj, { complaintId: ids[2]!, kind: 'visit', on: '2026-11-19', note: '已登门' }, TODAY),
    ).rejects.toMatchObject({
      field: 'on',
      reason: 'bad_date',
    });
    await recordWindowFollowUp(
      t.db,
      crj,
      { complaintId: ids[2]!, kind: 'visit', on: '2026-11-21', note: '已登门走访致歉' },
      TODAY,
    );
    await expect(
      recordWindowFollowUp(t.db, crj, { complaintId: ids[2]!, kind: 'call', on: '2026-11-22', note: '再次' }, TODAY),
    ).rejects.toMatchObject({
      reason: 'already_followed_up',
    });
    const list = await windowComplaints(t.db, '2026-11');
    expect(list.map((c) => `${c.staff.code} ${c.channel} ${c.followUp?.kind ?? '-'}`)).toEqual([
      'C02 on_site visit',
      'C02 box -',
      'C02 phone -',
    ]);
  });

  it('flags by the configured thresholds; the leader decides a measure for a flagged member only, once', async () => {
    const flags = async () =>
      (await windowMonth(t.db, '2026-11', await windowThresholds(t.db))).map((m) => `${m.code} ${m.flags.join('+')}`);
    // C01 185/200 = 92.5 % ≥ 90; C02 has 3 complaints = the default maximum.
    expect(await flags()).toEqual(['C01 ', 'C02 many_complaints']);
    await expect(setWindowThresholds(t.db, crj, { minSatisfactionPct: 95, maxComplaints: 3 })).rejects.toMatchObject({
      code: 'WINDOW-DENIED',
    });
    await expect(setWindowThresholds(t.db, leader, { minSatisfactionPct: 0, maxComplaints: 3 })).rejects.toMatchObject({
      field: 'minSatisfactionPct',
    });
    await setWindowThresholds(t.db, leader, { minSatisfactionPct: 95, maxComplaints: 4 });
    expect(await flags()).toEqual(['C01 low_satisfaction', 'C02 ']);
    await expect(
      decideWindowMeasure(t.db, leader, { staffCode: 'C02', month: '2026-11', measure: 'retraining', note: '谈话' }, TODAY),
    ).rejects.toMatchObject({ reason: 'not_flagged' });
    await expect(
      decideWindowMeasure(t.db, crj, { staffCode: 'C01', month: '2026-11', measure: 'retraining', note: '培训' }, TODAY),
    ).rejects.toMatchObject({ code: 'WINDOW-DENIED' });
    await decideWindowMeasure(
      t.db,
      leader,
      { staffCode: 'C01', month: '2026-11', measure: 'retraining', note: '参加窗口服务规范培训' },
      TODAY,
    );
    await expect(
      decideWindowMeasure(t.db, leader, { staffCode: 'C01', month: '2026-11', measure: 'reassignment', note: '调岗' }, TODAY),
    ).rejects.toMatchObject({ reason: 'measure_exists' });
    const c01 = (await windowMonth(t.db, '2026-11', await windowThresholds(t.db))).find((m) => m.code === 'C01')!;
    expect(c01.measure).toMatchObject({ measure: 'retraining', decidedOn: TODAY });
    expect(await t.db.selectFrom('window_measure').select('id').execute()).toHaveLength(1);
  });
});
