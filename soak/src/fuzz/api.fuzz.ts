import fc from 'fast-check';
import { REGIME_CODES } from '@supervise/core';
import { appendField, send, type FuzzSite } from './fuzz-site.js';
import { clientAddress, nastyJson, nastyText, shapedObject } from './strings.js';

/**
 * Every /api/v1 endpoint (issue 15 §5): any query string, any id in the path (the real one, a number,
 * text), any JSON body shaped like the one it reads or not JSON at all, in each role's session or
 * none. The server answers 2xx–4xx, never 5xx. Successful creations are counted for the table check.
 */
type Role = keyof FuzzSite['cookies'] | 'none';

interface Endpoint {
  method: 'GET' | 'POST';
  /** `{id}` is replaced by a fuzzed id, `{inspection}` / `{hazard}` by the site's or a fuzzed one. */
  path: string;
  keys: readonly string[];
  roles: readonly Role[];
  /** The table a 201 from it adds a row to. */
  creates?: keyof FuzzSite['acks'];
  multipart?: boolean;
  /** A body that passes the endpoint's checks but for nasty text, so the text reaches the write. */
  nearValid?: fc.Arbitrary<Body>;
}

type Body =
  | { kind: 'json'; value: unknown }
  | { kind: 'raw'; text: string; contentType: string }
  | { kind: 'form'; fields: [string, string | Uint8Array][] };

const shortText = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: nastyText },
);

const nearValidComplaint: fc.Arbitrary<Body> = fc
  .record({
    channel: fc.constantFrom('phone', 'window'),
    regime: fc.constantFrom(...REGIME_CODES),
    content: nastyText.map((t) => `举报内容 ${t}`),
    place: shortText,
    informantName: shortText,
    informantPhone: fc.constantFrom('', '13800138000'),
  })
  .map((value) => ({ kind: 'json' as const, value }));

const nearValidHazard: fc.Arbitrary<Body> = fc
  .record({
    severity: fc.constantFrom('general', 'major'),
    description: nastyText.map((t) => `隐患 ${t}`),
    fixedOnSpot: fc.constantFrom('true', ''),
  })
  .map((r) => ({ kind: 'form' as const, fields: Object.entries(r) as [string, string][] }));

const PENALTY_KEYS = [
  'inspectionId',
  'rectificationId',
  'violation',
  'severity',
  'party',
  'facts',
  'warning',
  'fineFen',
  'individualFines',
  'detentionDays',
  'revokeLicence',
  'suspendBusiness',
  'confiscateLicence',
  'article',
  'actOn',
  'majorCase',
  'legalReview',
  'inspectionFeesFen',
  'decidedOn',
  'regime',
];

const ENDPOINTS: readonly Endpoint[] = [
  {
    method: 'GET',
    path: '/api/v1/calendar/add',
    keys: ['from', 'workingDays', 'days', 'months'],
    roles: ['leader', 'scheduler', 'none'],
  },
  { method: 'GET', path: '/api/v1/calendar/years', keys: [], roles: ['leader', 'none'] },
  { method: 'POST', path: '/api/v1/calendar/import', keys: ['year', 'notice', 'days'], roles: ['sysadmin', 'leader'] },
  { method: 'GET', path: '/api/v1/complaints', keys: ['status', 'page'], roles: ['complaints', 'scheduler'] },
  {
    method: 'POST',
    path: '/api/v1/complaints',
    keys: ['channel', 'regime', 'content', 'place', 'informantName', 'informantPhone'],
    roles: ['complaints', 'inspector', 'leader'],
    creates: 'complaint',
    nearValid: nearValidComplaint,
  },
  { method: 'GET', path: '/api/v1/complaints/{id}/informant', keys: [], roles: ['complaints', 'leader'] },
  {
    method: 'GET',
    path: '/api/v1/dashboard',
    keys: ['from', 'to', 'period', 'brigade', 'station', 'regime'],
    roles: ['leader', 'inspector', 'none'],
  },
  { method: 'GET', path: '/api/v1/documents/{id}', keys: [], roles: ['caseInspector', 'leader'] },
  { method: 'GET', path: '/api/v1/draws', keys: ['regime'], roles: ['scheduler', 'leader'] },
  {
    method: 'POST',
    path: '/api/v1/draws',
    keys: ['regime', 'campaign', 'share', 'requested', 'windowFrom', 'windowTo'],
    roles: ['scheduler', 'inspector'],
  },
  { method: 'POST', path: '/api/v1/draws/{id}/execute', keys: ['beacon'], roles: ['scheduler'] },
  { method: 'GET', path: '/api/v1/draws/{id}/record', keys: [], roles: ['scheduler', 'none'] },
  { method: 'POST', path: '/api/v1/draws/{id}/redraw-requests', keys: ['reason'], roles: ['scheduler'] },
  { method: 'POST', path: '/api/v1/draws/redraw-requests/{id}/decision', keys: ['decision'], roles: ['leader'] },
  { method: 'GET', path: '/api/v1/events', keys: ['status'], roles: ['scheduler', 'inspector'] },
  {
    method: 'POST',
    path: '/api/v1/events',
    keys: ['regime', 'entityCode', 'place', 'startsAt', 'endsAt', 'expectedSize', 'representative', 'route', 'onSiteOfficers'],
    roles: ['scheduler'],
  },
  { method: 'GET', path: '/api/v1/events/{id}', keys: [], roles: ['scheduler'] },
  {
    method: 'POST',
    path: '/api/v1/hazards/{hazard}/photos',
    keys: ['photos'],
    roles: ['inspector', 'caseInspector'],
    multipart: true,
  },
  { method: 'GET', path: '/api/v1/inspections/{inspection}', keys: [], roles: ['inspector', 'leader'] },
  { method: 'POST', path: '/api/v1/inspections/{inspection}/checklist', keys: ['results'], roles: ['inspector'] },
  {
    method: 'POST',
    path: '/api/v1/inspections/{inspection}/close',
    keys: ['audioVideoRecorded', 'summary'],
    roles: ['inspector'],
  },
  { method: 'POST', path: '/api/v1/inspections/{inspection}/confirm', keys: ['idShown', 'secondOfficer'], roles: ['inspector'] },
  {
    method: 'POST',
    path: '/api/v1/inspections/{inspection}/hazards',
    keys: ['severity', 'description', 'itemKey', 'fixedOnSpot', 'photos'],
    roles: ['inspector'],
    creates: 'hazard',
    multipart: true,
    nearValid: nearValidHazard,
  },
  {
    method: 'POST',
    path: '/api/v1/inspections/{inspection}/signature',
    keys: ['status', 'signerName', 'signerRole', 'png', 'note'],
    roles: ['inspector'],
  },
  { method: 'POST', path: '/api/v1/penalties', keys: PENALTY_KEYS, roles: ['caseInspector', 'leader'], creates: 'penalty' },
  { method: 'GET', path: '/api/v1/penalties/{id}', keys: [], roles: ['caseInspector'] },
  { method: 'POST', path: '/api/v1/penalties/check', keys: PENALTY_KEYS, roles: ['caseInspector', 'leader', 'none'] },
  { method: 'GET', path: '/api/v1/plan', keys: ['period', 'regime', 'station', 'status'], roles: ['scheduler', 'leader'] },
  {
    method: 'POST',
    path: '/api/v1/rectifications',
    keys: ['hazardId', 'deadlineOn', 'inspectionId'],
    roles: ['caseInspector'],
  },
  { method: 'GET', path: '/api/v1/rectifications/{id}', keys: [], roles: ['caseInspector'] },
  { method: 'POST', path: '/api/v1/rectifications/{id}/serve', keys: ['servedAt', 'lateReason'], roles: ['caseInspector'] },
  {
    method: 'POST',
    path: '/api/v1/rectifications/{id}/extensions',
    keys: ['requestedDeadlineOn', 'reason'],
    roles: ['caseInspector'],
  },
  { method: 'POST', path: '/api/v1/rectifications/{id}/review-request', keys: ['requestedOn', 'note'], roles: ['caseInspector'] },
  {
    method: 'POST',
    path: '/api/v1/rectifications/{id}/review-opinion',
    keys: ['opinion', 'note', 'newDeadlineOn'],
    roles: ['caseInspector'],
  },
  { method: 'POST', path: '/api/v1/rectifications/extensions/{id}/decision', keys: ['decision', 'note'], roles: ['leader'] },
  { method: 'GET', path: '/api/v1/rules', keys: ['regime'], roles: ['leader', 'none'] },
  { method: 'GET', path: '/api/v1/tasks', keys: ['from', 'to'], roles: ['inspector', 'leader'] },
];

const pathId = fc.oneof(
  fc.nat(2000).map(String),
  fc.constant('1'),
  nastyText.map((s) => encodeURIComponent(s.replace(/[\ud800-\udfff]/g, '\ufffd')) || '0'),
);

const query = (keys: readonly string[]) =>
  fc
    .array(fc.tuple(fc.oneof(fc.constantFrom(...(keys.length ? keys : ['x'])), nastyText), nastyText), { maxLength: 4 })
    .map((pairs) => {
      const q = new URLSearchParams();
      for (const [k, v] of pairs) q.append(k, v);
      const s = q.toString();
      return s ? `?${s}` : '';
    });

const body = (e: Endpoint): fc.Arbitrary<Body> =>
  fc.oneof(
    ...(e.nearValid ? [e.nearValid] : []),
    shapedObject(e.keys).map((value) => ({ kind: 'json' as const, value })),
    nastyJson.map((value) => ({ kind: 'json' as const, value })),
    fc
      .tuple(nastyText, fc.constantFrom('application/json', 'text/csv', 'text/plain', 'application/x-www-form-urlencoded'))
      .map(([text, contentType]) => ({
        kind: 'raw' as const,
        text,
        contentType,
      })),
    fc
      .array(
        fc.tuple(
          fc.oneof(fc.constantFrom(...(e.keys.length ? e.keys : ['x'])), nastyText),
          fc.oneof(nastyText, fc.uint8Array({ maxLength: 300 })),
        ),
        {
          maxLength: 6,
        },
      )
      .map((fields) => ({ kind: 'form' as const, fields })),
  );

export const apiRequest = fc.constantFrom(...ENDPOINTS).chain((e) =>
  fc.record({
    e: fc.constant(e),
    id: pathId,
    realId: fc.boolean(),
    query: query(e.keys),
    body: body(e),
    role: fc.constantFrom(...e.roles),
    ip: clientAddress,
  }),
);

export type ApiRequest = typeof apiRequest extends fc.Arbitrary<infer T> ? T : never;

export async function sendApi(site: FuzzSite, r: ApiRequest): Promise<void> {
  const path =
    r.e.path
      .replace('{inspection}', r.realId ? String(site.openInspectionId) : r.id)
      .replace('{hazard}', r.realId ? String(site.caseHazardId) : r.id)
      .replace('{id}', r.realId ? String(site.caseInspectionId) : r.id) + (r.e.method === 'GET' ? r.query : '');
  const cookie = r.role === 'none' ? undefined : site.cookies[r.role];
  let init: Parameters<typeof send>[3] = { cookie, ip: r.ip };
  if (r.e.method === 'POST') {
    if (r.body.kind === 'json') init = { ...init, body: JSON.stringify(r.body.value) ?? 'null', contentType: 'application/json' };
    else if (r.body.kind === 'raw') init = { ...init, body: r.body.text, contentType: r.body.contentType };
    else {
      const form = new FormData();
      for (const [k, v] of r.body.fields) appendField(form, k, v, 'photo.jpg');
      init = { ...init, body: form };
    }
  }
  const a = await send(site, r.e.method, path, init);
  if (a.status === 201 && r.e.creates) site.acks[r.e.creates]++;
}

export const apiProperty = (site: FuzzSite) => fc.asyncProperty(apiRequest, (r) => sendApi(site, r));
