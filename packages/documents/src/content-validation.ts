import type { DocumentContent } from './content.js';
import { dayZh, instantZh } from './dates-zh.js';

/** Content that cannot make an official document; `field` names where (e.g. `hazards[2].description`). */
export class DocumentContentError extends Error {
  constructor(
    readonly field: string,
    problem: string,
  ) {
    super(`${field}: ${problem}`);
    this.name = 'DocumentContentError';
  }
}

type Obj = Record<string, unknown>;

function object(value: unknown, field: string): Obj {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new DocumentContentError(field, 'must be an object');
  return value as Obj;
}

function text(o: Obj, key: string, field: string): void {
  const v = o[key];
  if (typeof v !== 'string' || v.trim() === '') throw new DocumentContentError(field, 'must be a non-empty string');
}

function textOrNull(o: Obj, key: string, field: string): void {
  if (o[key] !== null) text(o, key, field);
}

function list(o: Obj, key: string, field: string, min: number): unknown[] {
  const v = o[key];
  if (!Array.isArray(v)) throw new DocumentContentError(field, 'must be a list');
  if (v.length < min) throw new DocumentContentError(field, `must have at least ${min} entr${min === 1 ? 'y' : 'ies'}`);
  return v;
}

function texts(o: Obj, key: string, field: string, min: number): void {
  list(o, key, field, min).forEach((_, i) => text(o[key] as Obj, String(i), `${field}[${i}]`));
}

function day(o: Obj, key: string, field: string): void {
  text(o, key, field);
  dayZh(o[key] as string, field);
}

function oneOf(o: Obj, key: string, field: string, allowed: readonly string[]): void {
  if (!allowed.includes(o[key] as string))
    throw new DocumentContentError(field, `must be one of ${allowed.map((a) => `'${a}'`).join(', ')}`);
}

function common(c: Obj): void {
  text(c, 'number', 'number');
  text(c, 'issuer', 'issuer');
  const regime = object(c.regime, 'regime');
  text(regime, 'code', 'regime.code');
  text(regime, 'zh', 'regime.zh');
  texts(c, 'legalBasis', 'legalBasis', 1);
  list(c, 'officers', 'officers', 1).forEach((officer, i) => {
    const o = object(officer, `officers[${i}]`);
    text(o, 'name', `officers[${i}].name`);
    text(o, 'badgeNo', `officers[${i}].badgeNo`);
  });
}

/**
 * Checks that `content` can be rendered as an official document; throws DocumentContentError (or
 * DocumentDateError) naming the first field that cannot. Law requires at least one legal basis and one
 * officer on both documents; a notice needs at least one hazard, a decision at least one sanction.
 */
export function assertDocumentContent(content: unknown): asserts content is DocumentContent {
  const c = object(content, 'content');
  oneOf(c, 'kind', 'kind', ['rectification_notice', 'penalty_decision']);
  common(c);
  if (c.kind === 'rectification_notice') {
    const unit = object(c.unit, 'unit');
    text(unit, 'name', 'unit.name');
    text(unit, 'address', 'unit.address');
    textOrNull(unit, 'head', 'unit.head');
    day(c, 'inspectedOn', 'inspectedOn');
    list(c, 'hazards', 'hazards', 1).forEach((hazard, i) => {
      const h = object(hazard, `hazards[${i}]`);
      oneOf(h, 'severity', `hazards[${i}].severity`, ['general', 'major']);
      text(h, 'description', `hazards[${i}].description`);
    });
    day(c, 'deadlineOn', 'deadlineOn');
    textOrNull(c, 'deadlineRuleZh', 'deadlineRuleZh');
    day(c, 'issuedOn', 'issuedOn');
    if (c.servedAt !== null) {
      text(c, 'servedAt', 'servedAt');
      instantZh(c.servedAt as string, 'servedAt');
    }
  } else {
    const party = object(c.party, 'party');
    oneOf(party, 'type', 'party.type', ['unit', 'individual']);
    text(party, 'name', 'party.name');
    textOrNull(party, 'address', 'party.address');
    text(c, 'facts', 'facts');
    text(c, 'violationZh', 'violationZh');
    texts(c, 'sanctions', 'sanctions', 1);
    if (c.hearingNotifiedOn !== null) day(c, 'hearingNotifiedOn', 'hearingNotifiedOn');
    if (c.collectiveDiscussionOn !== null) day(c, 'collectiveDiscussionOn', 'collectiveDiscussionOn');
    day(c, 'decidedOn', 'decidedOn');
  }
}
