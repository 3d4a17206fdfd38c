import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { bureauDate, getRegime, REGIME_CODES } from '@supervise/core';
import { appendField, send, type FuzzSite } from './fuzz-site.js';
import { clientAddress, nastyText } from './strings.js';

/**
 * The main forms' actions (issue 15 §5), posted as the browser's enhanced forms do: the login, the
 * registry import preview (any file), the inspection record's parts, the public complaint form at
 * /report and the penalty form. Fields the form has, plus stray ones, each holding nasty text. The
 * server answers success, failure or redirect, never an error; what it says it stored is counted.
 */
type Fields = [string, string | Uint8Array][];

const fields = (names: readonly string[], extra: fc.Arbitrary<string> = nastyText): fc.Arbitrary<Fields> =>
  fc.array(
    fc.tuple(
      fc.oneof(fc.constantFrom(...names), nastyText),
      fc.oneof({ weight: 4, arbitrary: extra }, { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }) }),
    ),
    {
      maxLength: names.length + 3,
    },
  );

function formOf(f: Fields, fileName = 'f.bin'): FormData {
  const form = new FormData();
  for (const [k, v] of f) appendField(form, k, v, fileName);
  return form;
}

const REPORT = ['regime', 'content', 'place', 'informantName', 'informantPhone', 'channel'];
const R09_ITEMS = getRegime('R09').checklist.map((c) => c.id);

/** Fields that pass the form's own checks but one value: nasty text reaching the write itself. */
const nearValid = (valid: Record<string, fc.Arbitrary<string>>): fc.Arbitrary<Fields> =>
  fc.record(valid).map((r) => Object.entries(r) as Fields);

const shortText = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: nastyText },
);
const nearValidReport = nearValid({
  regime: fc.constantFrom(...REGIME_CODES),
  content: nastyText.map((t) => `举报内容 ${t}`),
  place: shortText,
  informantName: shortText,
  informantPhone: fc.oneof(fc.constant(''), fc.constant('13800138000'), nastyText),
});
const nearValidHazard = nearValid({
  severity: fc.constantFrom('general', 'major'),
  description: nastyText.map((t) => `隐患 ${t}`),
  itemKey: fc.oneof(fc.constant(''), fc.constantFrom(...R09_ITEMS), nastyText),
  fixedOnSpot: fc.constantFrom('on', '', 'true'),
});
/** A penalty the validator accepts (the pawn-goods fine of the penalty browser test) but for the text. */
const nearValidPenalty = fc.constant(null).chain(() => {
  const today = bureauDate(new Date());
  return nearValid({
    violation: fc.constant('R09-PAWN-PROHIBITED-GOODS'),
    severity: fc.constant('standard'),
    partyType: fc.constant('unit'),
    partyName: shortText.map((t) => `当事单位 ${t}`),
    facts: nastyText.map((t) => `违法事实 ${t}`),
    actOn: fc.constant(today),
    decidedOn: fc.constant(today),
    fineYuan: fc.constantFrom('8000', '5000'),
  });
});
const nearValidChecklist = fc
  .tuple(fc.constantFrom(...R09_ITEMS), fc.constantFrom('pass', 'fail', 'not_applicable'), nastyText)
  .map(([item, result, note]): Fields => [
    [`result_${item}`, result],
    [`note_${item}`, note],
  ]);
const RECORD_ACTIONS = ['start', 'checklist', 'hazard', 'photos', 'confirm', 'second', 'signature', 'close'] as const;
const RECORD_FIELDS = [
  'result_R09-C1',
  'note_R09-C1',
  'result_R09-C2',
  'severity',
  'description',
  'itemKey',
  'fixedOnSpot',
  'hazardId',
  'photos',
  'idShown',
  'username',
  'password',
  'status',
  'signerName',
  'signerRole',
  'png',
  'note',
  'audioVideoRecorded',
  'summary',
];
const PENALTY_FIELDS = [
  'violation',
  'severity',
  'partyType',
  'partyName',
  'facts',
  'warning',
  'fineYuan',
  'feesYuan',
  'detentionDays',
  'revoke',
  'suspend',
  'confiscate',
  'article',
  'actOn',
  'decidedOn',
  'majorCase',
  'harm',
  'reviewBy',
  'reviewOn',
  'reviewArticle',
  'reviewOpinion',
  'reviewWarning',
  'reviewFineMin',
  'reviewFineMax',
  'hearingNotifiedOn',
  'hearingRequested',
  'hearingHeldOn',
  'collectiveOn',
  'collectiveNote',
  'rectificationId',
];

export const formCases = {
  login: {
    arb: fc.record({ username: nastyText, password: nastyText, extra: fields(['redirectTo']), ip: clientAddress }),
    async send(site: FuzzSite, r: { username: string; password: string; extra: Fields; ip: string }) {
      const form = formOf(r.extra);
      form.set('username', r.username);
      form.set('password', r.password);
      await send(site, 'POST', '/login', { body: form, ip: r.ip, action: true });
    },
  },
  report: {
    arb: fc.record({
      f: fc.oneof(
        nearValidReport,
        fields(REPORT, fc.oneof(nastyText, fc.constantFrom(...REGIME_CODES), fc.constant('13800138000'))),
      ),
      ip: clientAddress,
    }),
    async send(site: FuzzSite, r: { f: Fields; ip: string }) {
      const a = await send(site, 'POST', '/report', { body: formOf(r.f), ip: r.ip, action: true });
      if (a.type === 'success') site.acks.complaint++;
    },
  },
  registryImport: {
    arb: fc.record({
      file: fc.oneof(
        fc.uint8Array({ maxLength: 3000 }),
        nastyText.map((s) => new TextEncoder().encode(`编码,名称,制度\n${s}`)),
      ),
      name: nastyText,
      ip: clientAddress,
    }),
    async send(site: FuzzSite, r: { file: Uint8Array; name: string; ip: string }) {
      const form = new FormData();
      form.set('file', new Blob([r.file as Uint8Array<ArrayBuffer>]), r.name || 'x.csv');
      const a = await send(site, 'POST', '/registry/import?/preview', {
        body: form,
        cookie: site.cookies.scheduler,
        ip: r.ip,
        action: true,
      });
      // One batch per file content: the same bytes previewed again reopen their batch.
      if (a.type === 'redirect') {
        site.importedFiles.add(createHash('sha256').update(r.file).digest('hex'));
        site.acks.import_batch = site.importedFiles.size;
      }
    },
  },
  inspectionRecord: {
    arb: fc.oneof(
      fc.record({ action: fc.constant('hazard'), f: nearValidHazard, ip: clientAddress }),
      fc.record({ action: fc.constant('checklist'), f: nearValidChecklist, ip: clientAddress }),
      fc.record({
        action: fc.constantFrom(...RECORD_ACTIONS),
        f: fields(
          RECORD_FIELDS,
          fc.oneof(
            nastyText,
            fc.constantFrom('pass', 'fail', 'not_applicable', 'general', 'major', 'on', 'signed', 'refused', 'absent'),
          ),
        ),
        ip: clientAddress,
      }),
    ),
    async send(site: FuzzSite, r: { action: string; f: Fields; ip: string }) {
      const a = await send(site, 'POST', `/inspections/${site.openInspectionId}?/${r.action}`, {
        body: formOf(r.f, 'photo.jpg'),
        cookie: site.cookies.inspector,
        ip: r.ip,
        action: true,
      });
      if (a.type === 'success' && r.action === 'hazard') site.acks.hazard++;
    },
  },
  penalty: {
    arb: fc.record({
      f: fc.oneof(
        nearValidPenalty,
        fields(PENALTY_FIELDS, fc.oneof(nastyText, fc.constantFrom('R09-V1', 'unit', 'individual', 'on', '500', '2026-11-01'))),
      ),
      ip: clientAddress,
    }),
    async send(site: FuzzSite, r: { f: Fields; ip: string }) {
      const a = await send(site, 'POST', `/cases/${site.caseInspectionId}/penalties/new?/record`, {
        body: formOf(r.f),
        cookie: site.cookies.caseInspector,
        ip: r.ip,
        action: true,
      });
      if (a.type === 'redirect') site.acks.penalty++;
    },
  },
} as const;

export type FormName = keyof typeof formCases;

export function formProperty(site: FuzzSite, name: FormName) {
  const c = formCases[name] as { arb: fc.Arbitrary<unknown>; send: (site: FuzzSite, r: unknown) => Promise<void> };
  return fc.asyncProperty(c.arb, (r) => c.send(site, r));
}
