import { checkComplaint } from '@supervise/core';
import { tableRowCounts } from '@supervise/db/testing';
import type { FuzzSite } from './fuzz-site.js';

/**
 * After a fuzz run, the tables: each creation the server acknowledged is there once and nothing else
 * was created (complaints, hazards, penalties, import batches); nothing appeared where the fuzzed
 * doors never write (accounts, the registry); and what was stored passes the rules again (a complaint
 * re-checked by core's checkComplaint, a hazard's severity and description, a checklist result).
 * Returns every problem found; empty means clean.
 */
export async function storedProblems(site: FuzzSite): Promise<string[]> {
  const db = site.t.db;
  const problems: string[] = [];
  const after = await tableRowCounts(db);
  const before = site.countsBefore;
  for (const [table, acked] of Object.entries(site.acks)) {
    const added = after[table]! - before[table]!;
    if (added !== acked) problems.push(`${table}: ${added} rows added, ${acked} acknowledged`);
  }
  for (const table of ['app_user', 'user_role', 'entity', 'officer', 'brigade', 'police_station']) {
    if (after[table] !== before[table]) problems.push(`${table}: ${before[table]} rows before, ${after[table]} after`);
  }

  const complaints = await db
    .selectFrom('complaint as c')
    .leftJoin('complaint_informant as i', 'i.complaint_id', 'c.id')
    .select(['c.id', 'c.channel', 'c.regime_code', 'c.content', 'c.place', 'i.name', 'i.phone'])
    .execute();
  for (const c of complaints) {
    const errors = checkComplaint({
      channel: c.channel,
      regime: c.regime_code,
      content: c.content,
      place: c.place,
      informantName: c.name,
      informantPhone: c.phone,
    });
    if (errors.length) problems.push(`complaint ${c.id}: stored but ${errors.map((e) => `${e.field} ${e.code}`).join(', ')}`);
  }
  const hazards = await db.selectFrom('hazard').select(['id', 'severity', 'description']).execute();
  for (const h of hazards) {
    if (!['general', 'major'].includes(h.severity)) problems.push(`hazard ${h.id}: severity ${h.severity}`);
    if (h.description.trim() === '') problems.push(`hazard ${h.id}: empty description`);
  }
  const results = await db.selectFrom('inspection_checklist_result').select(['inspection_id', 'item_key', 'result']).execute();
  for (const r of results) {
    if (!['pass', 'fail', 'not_applicable'].includes(r.result))
      problems.push(`checklist ${r.inspection_id}/${r.item_key}: result ${r.result}`);
  }
  const penalties = await db.selectFrom('penalty').select(['id', 'fine_fen', 'detention_days']).execute();
  for (const p of penalties) {
    if (Number(p.fine_fen) < 0 || Number(p.detention_days) < 0) problems.push(`penalty ${p.id}: negative amount`);
  }
  return problems;
}
