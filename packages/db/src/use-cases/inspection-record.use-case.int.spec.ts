/**
 * The inspection record's use-cases (issue 10 §2) on a database of their own: scope on the stored
 * roster, photos checked by their bytes with nothing of a refused submit saved, the second officer's
 * own password (and its throttle), the closing gate listing every missing thing, then closing, and a
 * closed record read-only. Every write and refusal audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../repositories/account.repository.js';
import { hashPassword } from '../password.js';
import { createTestDatabase, smallPng, type TestDatabase } from '../testing/index.js';
import type { Actor } from './actor.js';
import {
  addHazard,
  addHazardPhotos,
  closeInspectionRecord,
  confirmAsRecordingOfficer,
  confirmAsSecondOfficer,
  getInspectionRecord,
  readInspectionPhoto,
  saveChecklistResults,
  saveInspectedSide,
  startInspectionRecord,
} from './inspection-record.use-case.js';

let t: TestDatabase;
let inspectionId = 0;
const actors: Record<string, Actor> = {};
const PASSWORD = 'Str0ng-Passw0rd!';
const now = new Date('2026-12-02T02:00:00Z');

async function account(username: string, role: string, officerId: number | null): Promise<void> {
  const id = await createAccount(t.db, {
    username,
    displayName: username,
    passwordHash: await hashPassword(PASSWORD),
    mustChangePassword: false,
    roles: [{ role, brigadeId: 'B-ZA', stationId: null }],
    now,
  });
  if (officerId !== null) await t.db.updateTable('app_user').set({ officer_id: officerId }).where('id', '=', id).execute();
  actors[username] = {
    id,
    username,
    principal: { roles: [{ role, brigadeId: 'B-ZA', stationId: null }] },
    via: 'web',
    ip: '10.0.0.1',
  };
}

const count = async (table: 'hazard' | 'photo_blob' | 'hazard_photo') =>
  Number(
    (
      await t.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

const audits = (action: string) =>
  t.db
    .selectFrom('audit_log')
    .select(['outcome', 'reason', 'actor_username'])
    .where('action', '=', action)
    .orderBy('id')
    .execute();

beforeAll(async () => {
  t = await createTestDatabase();
  await t.db.insertInto('brigade').values({ id: 'B-ZA', name_zh: '治安管理大队', name_en: 'Public order' }).execute();
  const entity = await t.db
    .insertInto('entity')
    .values({
      code: 'HOTEL-1',
      name: '<script>alert(1)</script> 宾馆',
      address: '鹿泉区',
      kind: 'hotel',
      regime_code: 'R09',
      brigade_id: 'B-ZA',
      registered_on: '2020-01-01',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const officers = await t.db
    .insertInto('officer')
    .values(
      ['0001', '0002', '0003'].map((code, i) => ({
        code,
        name: ['王伟', '李娜', '张强'][i]!,
        brigade_id: 'B-ZA',
        credential_no: `ZF${code}`,
        credential_expires_on: '2030-01-01',
      })),
    )
    .returning(['id', 'code'])
    .execute();
  const ids = officers.map((o) => Number(o.id));
  const insp = await t.db
    .insertInto('inspection')
    .values({ entity_id: entity.id, regime_code: 'R09', trigger: 'census', planned_on: '2026-12-02', status: 'planned' })
    .returning('id')
    .executeTakeFirstOrThrow();
  inspectionId = Number(insp.id);
  await t.db
    .insertInto('inspection_officer')
    .values([ids[0]!, ids[1]!].map((officer_id) => ({ inspection_id: inspectionId, officer_id, assigned_by: 'roster' })))
    .execute();
  await account('wang', 'inspector', ids[0]!);
  await account('li', 'inspector', ids[1]!);
  // An inspector of the same brigade, not on this inspection.
  await account('zhang', 'inspector', ids[2]!);
  await account('boss', 'leader', null);
});

afterAll(async () => {
  await t?.drop();
});

describe('scope: only an officer on THIS inspection records it', () => {
  it('refuses an inspector of the same brigade who is not on the roster, and audits the denial', async () => {
    const r = await saveChecklistResults(
      t.db,
      actors.zhang!,
      { inspectionId, results: [{ itemKey: 'R09-C1', result: 'pass' }] },
      now,
    );
    expect(r).toMatchObject({ ok: false, code: 'OUT_OF_SCOPE' });
    expect(await t.db.selectFrom('inspection_checklist_result').selectAll().execute()).toEqual([]);
    expect(await audits('inspection.checklist')).toEqual([
      { outcome: 'denied', reason: 'out_of_scope', actor_username: 'zhang' },
    ]);
    // Reading is another matter: cases.view over the brigade lets a colleague and a leader read it.
    const read = await getInspectionRecord(t.db, actors.boss!, inspectionId);
    expect(read.ok && read.record.mayRecord).toBe(false);
    expect(read.ok && read.record.inspection.entity.name).toBe('<script>alert(1)</script> 宾馆');
  });

  it('refuses an unknown inspection and a checklist item of another regime', async () => {
    expect(await startInspectionRecord(t.db, actors.wang!, 999_999, now)).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    const r = await saveChecklistResults(
      t.db,
      actors.wang!,
      { inspectionId, results: [{ itemKey: 'R03-C1', result: 'pass' }] },
      now,
    );
    expect(r).toMatchObject({ ok: false, code: 'INVALID', field: 'result_R03-C1' });
  });
});

describe('photos: checked by their bytes; a refused submit saves nothing', () => {
  it('refuses a hazard whose photos include a non-image named .jpg, naming the file, and saves neither hazard nor photo', async () => {
    const r = await addHazard(
      t.db,
      actors.wang!,
      {
        inspectionId,
        severity: 'major',
        description: '消防通道堵塞',
        itemKey: 'R09-C2',
        fixedOnSpot: false,
        photos: [
          { fileName: 'ok.png', bytes: smallPng() },
          { fileName: 'evil.jpg', bytes: Buffer.from('<?php echo 1; ?>') },
        ],
      },
      now,
    );
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.code).toBe('PHOTO_REFUSED');
      expect(r.reasons.map((x) => x.zh).join()).toContain('evil.jpg');
      expect(r.reasons).toHaveLength(1);
    }
    expect([await count('hazard'), await count('photo_blob'), await count('hazard_photo')]).toEqual([0, 0, 0]);
    // Nothing written means recording has not started either.
    const row = await t.db.selectFrom('inspection').select('started_at').where('id', '=', inspectionId).executeTakeFirstOrThrow();
    expect(row.started_at).toBeNull();
    expect((await audits('inspection.hazard_add')).map((a) => a.reason)).toEqual(['photo_refused']);
  });
});

describe('closing: refused with every missing thing, then accepted', () => {
  it('lists each missing item, then closes once the record is complete; the second officer confirms with their own password', async () => {
    const wang = actors.wang!;
    expect((await startInspectionRecord(t.db, wang, inspectionId, now)).ok).toBe(true);
    // A partial save: two of five items, one failing with no hazard yet.
    expect(
      await saveChecklistResults(
        t.db,
        wang,
        {
          inspectionId,
          results: [
            { itemKey: 'R09-C1', result: 'pass' },
            { itemKey: 'R09-C2', result: 'fail', note: '通道堆放杂物' },
          ],
        },
        now,
      ),
    ).toEqual({ ok: true, saved: 2 });

    const refused = await closeInspectionRecord(t.db, wang, { inspectionId, audioVideoRecorded: null }, now);
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.code).toBe('NOT_COMPLETE');
      // In the catalogue's order: C2 failed with no hazard, C3–C5 unanswered.
      expect(refused.reasons.map((r) => r.code)).toEqual([
        'RECORD-FAILED-ITEM-WITHOUT-HAZARD',
        'RECORD-CHECKLIST-ITEM-MISSING',
        'RECORD-CHECKLIST-ITEM-MISSING',
        'RECORD-CHECKLIST-ITEM-MISSING',
        'PROCEDURE-ID-NOT-SHOWN',
        'PROCEDURE-ID-NOT-SHOWN',
        'RECORD-OFFICER-NOT-CONFIRMED',
        'RECORD-OFFICER-NOT-CONFIRMED',
        'PROCEDURE-SIGNATURE-MISSING',
      ]);
      expect(refused.reasons[1]!.zh).toContain('R09-C3');
      expect(refused.reasons[0]!.en).toContain('R09-C2');
      expect(refused.reasons[6]!.zh).toContain('王伟（0001）');
    }
    expect(
      (await t.db.selectFrom('inspection').select('status').where('id', '=', inspectionId).executeTakeFirstOrThrow()).status,
    ).toBe('planned');

    await saveChecklistResults(
      t.db,
      wang,
      { inspectionId, results: ['R09-C3', 'R09-C4', 'R09-C5'].map((itemKey) => ({ itemKey, result: 'not_applicable' })) },
      now,
    );
    const hazard = await addHazard(
      t.db,
      wang,
      {
        inspectionId,
        severity: 'major',
        description: '消防通道堵塞',
        itemKey: 'R09-C2',
        fixedOnSpot: false,
        photos: [{ fileName: 'a.png', bytes: smallPng() }],
      },
      now,
    );
    expect(hazard.ok).toBe(true);
    if (!hazard.ok) return;
    // The same photo again is stored once (content-addressed); a non-image added later is refused.
    expect(
      (await addHazardPhotos(t.db, wang, { hazardId: hazard.hazardId, photos: [{ fileName: 'b.png', bytes: smallPng() }] }, now))
        .ok,
    ).toBe(true);
    expect(await count('photo_blob')).toBe(1);
    const bad = await addHazardPhotos(
      t.db,
      wang,
      { hazardId: hazard.hazardId, photos: [{ fileName: 'x.txt', bytes: Buffer.from('hello') }] },
      now,
    );
    expect(bad).toMatchObject({ ok: false, code: 'PHOTO_REFUSED' });
    const photo = await readInspectionPhoto(t.db, actors.boss!, inspectionId, hazard.photos[0]!);
    expect(photo.ok && photo.mime).toBe('image/png');
    expect(photo.ok && Buffer.compare(photo.bytes, smallPng())).toBe(0);

    expect((await confirmAsRecordingOfficer(t.db, wang, { inspectionId, idShown: true }, now)).ok).toBe(true);
    // The second officer: a wrong password, the signed-in account's own credentials, a colleague not
    // on the inspection: each refused; then the other officer's own.
    expect(
      await confirmAsSecondOfficer(t.db, wang, { inspectionId, username: 'li', password: 'wrong-Passw0rd', idShown: true }, now),
    ).toMatchObject({
      ok: false,
      code: 'SECOND_OFFICER_INVALID',
    });
    expect(
      await confirmAsSecondOfficer(t.db, wang, { inspectionId, username: 'wang', password: PASSWORD, idShown: true }, now),
    ).toMatchObject({
      ok: false,
      code: 'SECOND_OFFICER_NOT_OTHER',
    });
    expect(
      await confirmAsSecondOfficer(t.db, wang, { inspectionId, username: 'zhang', password: PASSWORD, idShown: true }, now),
    ).toMatchObject({
      ok: false,
      code: 'SECOND_OFFICER_NOT_OTHER',
    });
    const officersNow = await t.db
      .selectFrom('inspection_officer')
      .select(['officer_id', 'confirmed_at'])
      .where('inspection_id', '=', inspectionId)
      .execute();
    expect(officersNow.filter((o) => o.confirmed_at !== null)).toHaveLength(1);
    expect(
      await confirmAsSecondOfficer(t.db, wang, { inspectionId, username: 'LI', password: PASSWORD, idShown: true }, now),
    ).toEqual({
      ok: true,
      officerCode: '0002',
    });
    expect((await audits('inspection.second_officer_confirm')).map((a) => a.reason)).toEqual([
      'second_officer_invalid',
      'second_officer_not_other',
      'second_officer_not_other',
      null,
    ]);

    // Absence is not accepted for R09; a JPEG is not a drawn PNG signature.
    expect(await saveInspectedSide(t.db, wang, { inspectionId, status: 'absent', note: '负责人外出' }, now)).toMatchObject({
      ok: false,
      field: 'status',
    });
    expect(
      await saveInspectedSide(
        t.db,
        wang,
        {
          inspectionId,
          status: 'signed',
          signerName: '赵六',
          signerRole: 'unit_head',
          png: Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
        },
        now,
      ),
    ).toMatchObject({ ok: false, field: 'signature' });
    expect(
      (
        await saveInspectedSide(
          t.db,
          wang,
          { inspectionId, status: 'signed', signerName: '赵六', signerRole: 'unit_head', png: smallPng() },
          now,
        )
      ).ok,
    ).toBe(true);

    const closed = await closeInspectionRecord(t.db, wang, { inspectionId, audioVideoRecorded: false }, now);
    expect(closed).toEqual({ ok: true, outcome: 'hazards_found', needsCase: true });
    const row = await t.db
      .selectFrom('inspection')
      .select(['status', 'outcome', 'inspected_on', 'closed_by', 'ended_at', 'head_signed'])
      .where('id', '=', inspectionId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      status: 'done',
      outcome: 'hazards_found',
      inspected_on: '2026-12-02',
      closed_by: wang.id,
      head_signed: true,
    });
    expect((await audits('inspection.close')).map((a) => a.outcome)).toEqual(['failure', 'success']);

    // Read-only once closed.
    expect(
      await saveChecklistResults(t.db, wang, { inspectionId, results: [{ itemKey: 'R09-C1', result: 'fail' }] }, now),
    ).toMatchObject({ ok: false, code: 'READ_ONLY' });
    expect(await closeInspectionRecord(t.db, wang, { inspectionId, audioVideoRecorded: null }, now)).toMatchObject({
      ok: false,
      code: 'READ_ONLY',
    });
  });

  it('a content change after confirming voids the confirmations', async () => {
    const insp = await t.db
      .insertInto('inspection')
      .values({
        entity_id: (await t.db.selectFrom('entity').select('id').executeTakeFirstOrThrow()).id,
        regime_code: 'R09',
        trigger: 'patrol',
        planned_on: '2026-12-03',
        status: 'planned',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const id = Number(insp.id);
    const officerIds = await t.db
      .selectFrom('inspection_officer')
      .select('officer_id')
      .where('inspection_id', '=', inspectionId)
      .execute();
    await t.db
      .insertInto('inspection_officer')
      .values(officerIds.map((o) => ({ inspection_id: id, officer_id: o.officer_id, assigned_by: 'roster' })))
      .execute();
    await confirmAsRecordingOfficer(t.db, actors.wang!, { inspectionId: id, idShown: true }, now);
    await saveChecklistResults(t.db, actors.wang!, { inspectionId: id, results: [{ itemKey: 'R09-C1', result: 'pass' }] }, now);
    const rows = await t.db.selectFrom('inspection_officer').select('confirmed_at').where('inspection_id', '=', id).execute();
    expect(rows.every((r) => r.confirmed_at === null)).toBe(true);
  });

  it('throttles the second officer like login: after five failures even the right password is refused', async () => {
    const insp = await t.db.selectFrom('inspection').select('id').where('trigger', '=', 'patrol').executeTakeFirstOrThrow();
    const id = Number(insp.id);
    const other = { ...actors.wang!, ip: '10.9.9.9' };
    for (let i = 0; i < 5; i++)
      expect(
        await confirmAsSecondOfficer(t.db, other, { inspectionId: id, username: 'li', password: `bad-${i}`, idShown: true }, now),
      ).toMatchObject({
        code: 'SECOND_OFFICER_INVALID',
      });
    expect(
      await confirmAsSecondOfficer(t.db, other, { inspectionId: id, username: 'li', password: PASSWORD, idShown: true }, now),
    ).toMatchObject({
      code: 'SECOND_OFFICER_THROTTLED',
    });
  });
});
