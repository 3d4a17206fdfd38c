/**
 * Issue 9 §5: every inbox entry reads as words (the entity's name and code, the campaign's name from
 * the regime catalogue, the deadline) and links to the item, never a raw obligation key such as
 * `campaign:R09-SPECIAL:seal_engraver:2026:3`. Pure: the facts come in, text and a link target go out.
 */
import { REGIME_CATALOGUE } from '../regimes/catalogue.js';
import { ENTITY_KINDS, type EntityKind } from '../regimes/entity-kinds.js';
import type { Bilingual } from '../shared/reason.js';
import type { AlertKind } from './alert-rules.js';

export interface InboxSubjectFacts {
  kind: AlertKind;
  regime: string;
  dueOn: string;
  /** The entity the item is about (census obligations, rectifications, inspections). */
  entity: { code: string; name: string } | null;
  /** Obligations: what the planner recorded (type, purpose, population kind, campaign number). */
  obligation: {
    type: string;
    purpose: string | null;
    entityKind: string;
    sequence: number | null;
    perYear: number | null;
    periodStart: string;
  } | null;
  /** Rectifications: the notice's number. */
  noticeNo: string | null;
  /** Complaints (issue 13 §4): the complaint's number (never its content or informant). */
  complaintNumber?: string | null;
}

/** Where the entry links: the entity's registry page, or the regime's plan for the due month. */
export type InboxTarget = { type: 'entity'; code: string } | { type: 'plan'; regime: string; period: string };

export interface InboxLine {
  /** What the item is (e.g. "R09 专项督察 · 印章刻制业 · 2026年第3次（共4次）"). */
  subject: Bilingual;
  target: InboxTarget | null;
}

const PURPOSES: Record<string, Bilingual> = {
  routine_patrol: { zh: '日常巡查', en: 'routine patrol' },
  comprehensive: { zh: '全面检查', en: 'comprehensive inspection' },
  annual_inspection: { zh: '年检', en: 'annual inspection' },
  scheduled_check: { zh: '定期检查', en: 'scheduled check' },
};

function regimeName(code: string): Bilingual {
  const r = REGIME_CATALOGUE.find((x) => x.code === code);
  return r ? { zh: `${code} ${r.zh}`, en: `${code} ${r.en}` } : { zh: code, en: code };
}

function kindName(kind: string): Bilingual {
  const k = ENTITY_KINDS[kind as EntityKind];
  return k ? { zh: k.zh, en: k.en } : { zh: kind, en: kind };
}

/** The text and link of one inbox entry. */
export function describeInboxSubject(f: InboxSubjectFacts): InboxLine {
  const regime = regimeName(f.regime);
  const entity = f.entity ? { zh: `${f.entity.name}（${f.entity.code}）`, en: `${f.entity.name} (${f.entity.code})` } : null;
  const entityTarget: InboxTarget | null = f.entity ? { type: 'entity', code: f.entity.code } : null;
  const o = f.obligation;
  if (o && o.type !== 'census') {
    // Campaigns (专项督察) and spot checks (抽查) cover a share of a kind's entities: they link to the
    // regime's plan for the month they fall due, where the draw is made.
    const kind = kindName(o.entityKind);
    const year = o.periodStart.slice(0, 4);
    const what: Bilingual =
      o.type === 'campaign'
        ? {
            zh: `专项督察 · ${kind.zh} · ${year}年第${o.sequence ?? '?'}次${o.perYear ? `（共${o.perYear}次）` : ''}`,
            en: `special campaign · ${kind.en} · ${year} no. ${o.sequence ?? '?'}${o.perYear ? ` of ${o.perYear}` : ''}`,
          }
        : { zh: `抽查 · ${kind.zh} · ${year}年`, en: `spot check · ${kind.en} · ${year}` };
    return {
      subject: { zh: `${regime.zh} ${what.zh}`, en: `${regime.en}: ${what.en}` },
      target: { type: 'plan', regime: f.regime, period: f.dueOn.slice(0, 7) },
    };
  }
  if (o) {
    const purpose = (o.purpose && PURPOSES[o.purpose]) || { zh: '检查', en: 'inspection' };
    return {
      subject: entity
        ? { zh: `${entity.zh} · ${regime.zh} ${purpose.zh}`, en: `${entity.en} · ${regime.en}: ${purpose.en}` }
        : { zh: `${regime.zh} ${purpose.zh}`, en: `${regime.en}: ${purpose.en}` },
      target: entityTarget,
    };
  }
  if (f.complaintNumber) {
    return {
      subject: { zh: `${regime.zh} 举报投诉 ${f.complaintNumber}`, en: `${regime.en}: complaint ${f.complaintNumber}` },
      target: null,
    };
  }
  if (f.noticeNo || f.kind === 'rectification_overdue' || f.kind === 'review_late') {
    const notice = f.noticeNo
      ? { zh: `整改通知书 ${f.noticeNo}`, en: `rectification notice ${f.noticeNo}` }
      : { zh: '整改', en: 'rectification' };
    return {
      subject: entity
        ? { zh: `${entity.zh} · ${notice.zh}`, en: `${entity.en} · ${notice.en}` }
        : { zh: `${regime.zh} ${notice.zh}`, en: `${regime.en}: ${notice.en}` },
      target: entityTarget,
    };
  }
  // R14 notices: the inspection of an entity.
  return {
    subject: entity
      ? { zh: `${entity.zh} · ${regime.zh} 检查`, en: `${entity.en} · ${regime.en} inspection` }
      : { zh: `${regime.zh} 检查`, en: `${regime.en} inspection` },
    target: entityTarget,
  };
}
