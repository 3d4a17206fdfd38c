/**
 * Gates for closing an inspection record (检查笔录/检查记录). Returns every reason the record may
 * not be closed yet, each in Chinese and English. What each regime requires is data
 * (PROCEDURE_REQUIREMENTS), drawn from each regime's 监督检查程序 / 规范执法 part of the seed.
 */
import type { RegimeCode } from '../regimes/entity-kinds.js';
import type { Reason } from '../shared/reason.js';

export interface ProcedureRequirement {
  /** Officers on site. */
  minOfficers: number;
  /** Officers show their police or law-enforcement ID. */
  idRequired: boolean;
  /** The inspected unit's head signs, or a refusal is recorded. */
  signatureRequired: boolean;
  /** Who may sign for the inspected side. */
  signers: readonly ('unit_head' | 'accompanying_person')[];
  /** Whether a head's absence may be noted in place of a signature. */
  absenceMayBeNoted: boolean;
  /** The whole inspection is recorded (audio/video). */
  audioVideoRequired: boolean;
  clause: string;
}

const base: ProcedureRequirement = {
  minOfficers: 1,
  idRequired: false,
  signatureRequired: true,
  signers: ['unit_head'],
  absenceMayBeNoted: false,
  audioVideoRequired: false,
  clause: '',
};

export const PROCEDURE_REQUIREMENTS: Readonly<Record<RegimeCode, ProcedureRequirement>> = {
  // R01 concerns the bureau's own window staff: there is no inspected unit to sign.
  R01: { ...base, signatureRequired: false, clause: 'R01 监督检查程序' },
  R02: { ...base, clause: 'R02 监督检查程序' },
  // R03: 交通警察不得少于二人，出示人民警察证；全过程记录；负责人签字，拒绝签字的记录在案。
  R03: { ...base, minOfficers: 2, idRequired: true, audioVideoRequired: true, clause: 'R03 规范执法' },
  R04: { ...base, clause: 'R04 监督检查方式及程序' },
  // R05, R06: 派出2名以上民警到活动现场进行监督检查。
  R05: { ...base, minOfficers: 2, clause: 'R05 监督检查程序' },
  R06: { ...base, minOfficers: 2, clause: 'R06 监督检查程序' },
  // R07: 不得少于2人，出示工作证件；负责人不在场或拒绝签字的，在检查记录上注明。
  R07: { ...base, minOfficers: 2, idRequired: true, absenceMayBeNoted: true, clause: 'R07 监督检查程序、措施' },
  // R08: 出示证件，告知检查内容。
  R08: { ...base, idRequired: true, clause: 'R08 监督检查程序' },
  // R09, R10: 指定2名以上执法人员，出示有效行政执法证件；负责人确认签字，拒绝签字的记录在案。
  R09: { ...base, minOfficers: 2, idRequired: true, clause: 'R09 监督检查程序 3、4' },
  R10: { ...base, minOfficers: 2, idRequired: true, clause: 'R10 监督检查程序 2、3' },
  R11: { ...base, clause: 'R11 监督检查程序' },
  R12: { ...base, clause: 'R12 监督检查程序' },
  R13: { ...base, clause: 'R13 监督检查程序' },
  // R14: 检查民警不得少于两人，出示工作证件；负责人或者陪同检查人员核对签名，拒绝签名的注明。
  R14: { ...base, minOfficers: 2, idRequired: true, signers: ['unit_head', 'accompanying_person'], clause: 'R14 监督检查程序 1' },
};

export interface OfficerOnSite {
  officerId: string;
  idShown: boolean;
  /** The officer confirmed the record (issue 10 §2); checked when `record` is given. */
  confirmed?: boolean;
  /** How the officer is named in a reason (e.g. 王伟（010203）); the id otherwise. */
  label?: string;
}

export type ChecklistResultValue = 'pass' | 'fail' | 'not_applicable';

/** What was recorded on site (issue 10 §2), for the gate to check it is complete. */
export interface RecordContent {
  /** Recording began (started_at set). */
  started: boolean;
  /** The catalogue's checklist of the regime (getRegime(code).checklist), in order. */
  checklist: readonly { id: string; zh: string; en: string }[];
  results: readonly { itemKey: string; result: ChecklistResultValue }[];
  hazards: readonly { itemKey: string | null }[];
}

export type InspectedSideSignature =
  | { status: 'signed'; signerRole: 'unit_head' | 'accompanying_person'; signerName: string }
  | { status: 'refused'; note: string }
  | { status: 'absent'; note: string };

export interface RecordClosingInput {
  regime: RegimeCode;
  entityId: string;
  officers: readonly OfficerOnSite[];
  /** Standing recusals (回避): officer × entity pairs with a conflict of interest. */
  recusals: readonly { officerId: string; entityId: string }[];
  signature: InspectedSideSignature | null;
  audioVideoRecorded?: boolean;
  /** The record's content; when given, it must be complete and every officer must have confirmed. */
  record?: RecordContent;
}

export interface RecordClosingResult {
  ok: boolean;
  reasons: Reason[];
}

export function checkRecordClosing(input: RecordClosingInput): RecordClosingResult {
  const req = PROCEDURE_REQUIREMENTS[input.regime];
  const clause = req.clause;
  const reasons: Reason[] = [];
  const who = (o: OfficerOnSite) => o.label ?? o.officerId;

  if (input.record) reasons.push(...recordContentReasons(input.record));

  const distinct = new Set(input.officers.map((o) => o.officerId));
  if (distinct.size !== input.officers.length) {
    reasons.push({ code: 'PROCEDURE-OFFICER-DUPLICATE', zh: '检查人员重复登记', en: 'An officer is listed twice', clause });
  }
  if (distinct.size < req.minOfficers) {
    reasons.push({
      code: 'PROCEDURE-TOO-FEW-OFFICERS',
      zh: `现场检查人员不得少于${req.minOfficers}人（现为${distinct.size}人）`,
      en: `At least ${req.minOfficers} officers must be on site (${distinct.size} recorded)`,
      clause,
    });
  }

  // 回避: an officer recused from this entity may not take part.
  const recused = new Set(input.recusals.filter((r) => r.entityId === input.entityId).map((r) => r.officerId));
  for (const id of distinct) {
    if (recused.has(id)) {
      reasons.push({
        code: 'PROCEDURE-OFFICER-RECUSED',
        zh: `检查人员 ${id} 应当回避`,
        en: `Officer ${id} is recused from this entity`,
        clause: '公安机关办理行政案件程序规定 回避',
      });
    }
  }

  if (req.idRequired) {
    for (const o of input.officers) {
      if (!o.idShown)
        reasons.push({
          code: 'PROCEDURE-ID-NOT-SHOWN',
          zh: `检查人员 ${who(o)} 未出示执法证件`,
          en: `Officer ${who(o)} did not show an ID`,
          clause,
        });
    }
  }

  // 检查记录由检查人员签名（确认）: each officer on site confirms the record before it is closed.
  if (input.record) {
    for (const o of input.officers) {
      if (!o.confirmed)
        reasons.push({
          code: 'RECORD-OFFICER-NOT-CONFIRMED',
          zh: `检查人员 ${who(o)} 尚未确认检查记录`,
          en: `Officer ${who(o)} has not confirmed the record`,
          clause,
        });
    }
  }

  if (req.signatureRequired) {
    const s = input.signature;
    if (s == null) {
      reasons.push({
        code: 'PROCEDURE-SIGNATURE-MISSING',
        zh: '检查记录须由被检查单位负责人签字，拒绝签字的应记录在案',
        en: "The record needs the unit head's signature, or a recorded refusal",
        clause,
      });
    } else if (s.status === 'signed') {
      if (!req.signers.includes(s.signerRole)) {
        reasons.push({
          code: 'PROCEDURE-SIGNER-NOT-ALLOWED',
          zh: '签字人须为被检查单位负责人',
          en: 'The signer must be the unit head',
          clause,
        });
      }
      if (s.signerName.trim() === '')
        reasons.push({
          code: 'PROCEDURE-SIGNER-NAME-MISSING',
          zh: '未填写签字人姓名',
          en: "The signer's name is missing",
          clause,
        });
    } else if (s.status === 'refused') {
      if (s.note.trim() === '')
        reasons.push({
          code: 'PROCEDURE-REFUSAL-NOT-RECORDED',
          zh: '拒绝签字的，应当将情况记录在案',
          en: 'A refusal to sign must be recorded with its circumstances',
          clause,
        });
    } else {
      if (!req.absenceMayBeNoted) {
        reasons.push({
          code: 'PROCEDURE-ABSENCE-NOT-ACCEPTED',
          zh: '本制度要求负责人签字或记录拒签，不在场不能代替',
          en: "This regime needs the head's signature or a recorded refusal; absence does not replace it",
          clause,
        });
      } else if (s.note.trim() === '') {
        reasons.push({
          code: 'PROCEDURE-ABSENCE-NOT-NOTED',
          zh: '负责人不在场的，应当在检查记录上注明',
          en: "The head's absence must be noted on the record",
          clause,
        });
      }
    }
  }

  // R03: 检查中，应当进行全过程记录。
  if (req.audioVideoRequired && !input.audioVideoRecorded) {
    reasons.push({
      code: 'PROCEDURE-AV-RECORDING-MISSING',
      zh: '检查应当全过程录音录像',
      en: 'The whole inspection must be recorded (audio/video)',
      clause,
    });
  }

  return { ok: reasons.length === 0, reasons };
}

/**
 * The record's own completeness (issue 10 §2; the seed's 监督检查内容 is the checklist): recording
 * began, every catalogue item has a result, and every item found failing has at least one hazard
 * recorded against it (a failing item with no hazard is a finding with no follow-up).
 */
export function recordContentReasons(record: RecordContent): Reason[] {
  const reasons: Reason[] = [];
  const clause = '监督检查内容（检查项目）';
  if (!record.started)
    reasons.push({
      code: 'RECORD-NOT-STARTED',
      zh: '检查尚未开始记录',
      en: 'Recording of the inspection has not started',
      clause,
    });
  const result = new Map(record.results.map((r) => [r.itemKey, r.result]));
  const hazardItems = new Set(record.hazards.map((h) => h.itemKey).filter((k): k is string => k !== null));
  for (const item of record.checklist) {
    const r = result.get(item.id);
    if (r === undefined)
      reasons.push({
        code: 'RECORD-CHECKLIST-ITEM-MISSING',
        zh: `检查项目 ${item.id}“${item.zh}”未填写结果`,
        en: `Checklist item ${item.id} "${item.en}" has no result`,
        clause,
      });
    else if (r === 'fail' && !hazardItems.has(item.id))
      reasons.push({
        code: 'RECORD-FAILED-ITEM-WITHOUT-HAZARD',
        zh: `检查项目 ${item.id}“${item.zh}”不符合，但未登记隐患`,
        en: `Checklist item ${item.id} "${item.en}" failed but no hazard is recorded for it`,
        clause,
      });
  }
  return reasons;
}
