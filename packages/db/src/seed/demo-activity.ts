import type { EntityKind, RegimeCode, StatutoryCalendar } from '@supervise/core';
import type { NewInspectionRecord } from '../repositories/inspection.repository.js';
import { dayNumber, isoDate, yearOf } from './demo-dates.js';
import type { DemoRandom } from './demo-random.js';
import {
  formatDocumentNumber,
  isKeyVehicleUnit,
  isOfficerAvailable,
  noticePrefixOfRegime,
  REGIME_BRIGADE,
} from '@supervise/core';
import type { DemoEntity, DemoOfficer } from './demo-registry.js';
import { DEMO_INSPECTOR_OFFICER_CODE } from './demo-accounts.js';
import { decidePenalties, type CaseNotice } from './demo-penalties.js';
import { checkDemoNotice, DEMO_EXTENSION_REASON } from './demo-notices.js';

export type Trigger = 'census' | 'campaign' | 'spot_check' | 'patrol' | 'complaint' | 'post_case' | 'event';
/** Who goes: the regime's brigade, the entity's police station, or one of each. */
type Team = 'brigade' | 'station' | 'joint';

export interface SeededEntity extends DemoEntity {
  id: number;
}
export interface SeededOfficer extends DemoOfficer {
  id: number;
}

interface Visit {
  entity: SeededEntity;
  trigger: Trigger;
  planned: number;
  team: Team;
}

/** Scheduled visits may be planned up to two weeks ahead of `today`. */
const LOOKAHEAD_DAYS = 14;

const HAZARDS: Record<RegimeCode, readonly string[]> = {
  R01: [
    '受理窗口工作人员服务态度生硬',
    '未按规定一次性告知办理材料',
    '群众满意度评价低于90%',
    '窗口工作人员未按规定着装、佩戴工作牌',
    '受理材料审核不严',
  ],
  R02: ['施工区域未按规定设置警示标志', '夜间未设置警示灯', '超范围占用道路', '施工围挡破损', '未按批准时间施工'],
  R03: [
    '驾驶人安全教育培训记录缺失',
    '车辆未按期检验',
    '动态监控平台报警未及时处置',
    '驾驶人记分超限仍在岗',
    '车辆安全技术状况不良',
    '交通事故隐患排查台账不全',
  ],
  R04: ['检验视频监控资料缺失', '检验设备未按期检定', '检验报告与实车不符', '授权签字人不在岗'],
  R05: ['安全出口、疏散通道堵塞', '现场安保人员配备不足', '未按方案设置安检设施', '应急预案未演练', '票证超量发售'],
  R06: ['未按许可的路线行进', '现场秩序维护人员不足', '超出许可时间'],
  R07: ['保安员未持证上岗', '未按规定建立保安员档案', '保安服务合同备案不全', '培训课时不足', '自行招用保安员未备案'],
  R08: ['生产登记批准书即将到期未换证', '产品未标注生产登记批准书编号', '出厂检验记录不全', '产品质量检验报告过期'],
  R09: ['旅客住宿登记不全', '未按规定上传住宿信息', '消防通道堵塞', '视频监控故障', '访客登记制度不落实'],
  R10: ['收购登记不全', '收购生产性废旧金属未查验证明', '场地无视频监控', '未按规定备案变更事项'],
  R11: ['未落实上网人员实名登记', '接纳未成年人进入营业场所', '超时营业', '安全管理技术措施未运行', '消防器材失效'],
  R12: ['未按规定开展等级测评', '未落实安全管理制度', '系统存在高危漏洞未修复', '日志留存不足六个月'],
  R13: ['未落实安全保护技术措施', '日志留存不足六十日', '未明确网络安全负责人', '用户实名制未落实'],
  R14: [
    '营业场所入侵报警系统故障',
    '视频监控录像保存不足规定天数',
    '金库门禁管理不规范',
    '运钞交接区域防护不达标',
    '安保人员配备不足',
  ],
};
const KIND_HAZARDS: Partial<Record<EntityKind, readonly string[]>> = {
  two_passenger_one_hazard: [
    '危险货物运输车辆未配备押运员',
    '客运车辆超员',
    '动态监控平台报警未及时处置',
    '驾驶人记分超限仍在岗',
    '车辆未按期检验',
    '长途客运驾驶人凌晨2至5时违规运行',
  ],
  school_bus_operator: ['校车未按规定配备照管人员', '校车未按审定线路行驶', '校车驾驶人资格过期', '车辆未按期检验'],
  school_bus_school: [
    '校车未按规定配备照管人员',
    '学生乘车安全教育记录缺失',
    '校车驾驶人资格未核查',
    '使用未取得校车标牌的车辆接送学生',
  ],
  passenger_station: ['进站车辆安全例检不落实', '危险品查堵设备故障', '出站检查登记不全'],
  seal_engraver: ['印章刻制信息未按规定录入系统', '未核验刻制证明材料', '承接登记簿记录不全', '刻制设备存放不符合要求'],
  pawnshop: ['当物登记不全', '未按规定报送当户信息', '收当物品来源不明', '库房安全防范设施不全'],
};

export interface ActivityInput {
  today: string;
  /** The penalty decisions' own stream, so they do not reshuffle the inspections. */
  penaltyRandom: DemoRandom;
  entities: readonly SeededEntity[];
  officers: readonly SeededOfficer[];
  /** The statutory calendar: every notice's deadline is checked by core's rules (demo-notices.ts). */
  calendar: StatutoryCalendar;
  /** The demo's leader (负责人), who approves the extensions. */
  leaderUserId: number;
}

/**
 * A year of inspections ending at `today`, following the rulebook's frequencies with realistic gaps
 * (police stations differ in diligence; campaigns fall short of their coverage now and then).
 */
export function generateActivity(r: DemoRandom, input: ActivityInput): NewInspectionRecord[] {
  const today = dayNumber(input.today);
  const start = today - 364;
  const horizon = today + LOOKAHEAD_DAYS;
  const visits: Visit[] = [];

  // Each police station patrols with its own diligence: the dashboard shows who falls behind.
  const diligence = new Map<string, number>();
  for (const e of input.entities) if (e.station_id && !diligence.has(e.station_id)) diligence.set(e.station_id, 0);
  for (const id of [...diligence.keys()].sort()) diligence.set(id, 0.72 + r.float() * 0.26);

  const activeOn = (e: SeededEntity, day: number) =>
    day >= dayNumber(e.registered_on) && (e.closed_on === null || day < dayNumber(e.closed_on));
  const add = (entity: SeededEntity, trigger: Trigger, planned: number, team: Team) => {
    if (planned < start || planned > horizon || !activeOn(entity, planned)) return;
    visits.push({ entity, trigger, planned, team });
  };
  /** One visit in each period of `len` days, each kept with probability `fulfil`. */
  const periodic = (e: SeededEntity, len: number, fulfil: number, trigger: Trigger, team: Team) => {
    for (let p = start; p <= horizon; p += len) if (r.chance(fulfil)) add(e, trigger, p + r.int(0, len - 1), team);
  };
  /** Unscheduled visits (complaints, post-case reviews, events): on average `perYear`. */
  const occasional = (e: SeededEntity, perYear: number, trigger: Trigger, team: Team) => {
    let n = Math.floor(perYear) + (r.chance(perYear - Math.floor(perYear)) ? 1 : 0);
    if (perYear < 1) n = r.chance(perYear) ? 1 : 0;
    for (let i = 0; i < n; i++) add(e, trigger, start + r.int(0, today - start), team);
  };
  /** A campaign over a window, covering a random share of the kind's active units. */
  const campaign = (
    units: readonly SeededEntity[],
    from: number,
    days: number,
    coverage: readonly [number, number],
    trigger: Trigger,
    team: Team,
  ) => {
    const first = start + from;
    const active = units.filter((e) => activeOn(e, first));
    const share = coverage[0] + r.float() * (coverage[1] - coverage[0]);
    for (const e of r.sample(active, Math.round(active.length * share))) add(e, trigger, first + r.int(0, days - 1), team);
  };

  const byKind = new Map<EntityKind, SeededEntity[]>();
  for (const e of input.entities) {
    const list = byKind.get(e.kind) ?? [];
    list.push(e);
    byKind.set(e.kind, list);
  }
  const kind = (k: EntityKind) => byKind.get(k) ?? [];

  for (const e of input.entities) {
    const d = e.station_id ? diligence.get(e.station_id)! : 0.9;
    switch (e.kind) {
      // R01: the window staff are reviewed quarterly (satisfaction rater) and on every complaint.
      case 'exit_entry_window':
        periodic(e, 91, 0.9, 'spot_check', 'brigade');
        occasional(e, r.int(0, 3), 'complaint', 'brigade');
        break;
      // R02: traffic police patrol the works while they last.
      case 'road_works_urban':
      case 'road_works_highway':
        periodic(e, 21, 0.7, 'patrol', 'brigade');
        occasional(e, 0.3, 'complaint', 'brigade');
        break;
      // R03: "two passengers, one hazard", public transport and school-bus operators monthly.
      case 'two_passenger_one_hazard':
      case 'public_transport':
      case 'school_bus_operator':
        periodic(e, 30, 0.9, 'patrol', 'brigade');
        occasional(e, 0.1, 'post_case', 'brigade');
        break;
      // R03: schools using school buses every two months.
      case 'school_bus_school':
        periodic(e, 61, 0.85, 'patrol', 'brigade');
        break;
      // R03: passenger stations and key-vehicle units quarterly by random, unannounced visits;
      // units under the 5-vehicle threshold only after a case or accident.
      case 'passenger_station':
        periodic(e, 91, 0.9, 'spot_check', 'brigade');
        break;
      case 'vehicle_unit':
        if (e.vehicle_counts && isKeyVehicleUnit(e.vehicle_counts)) {
          periodic(e, 91, 0.75, 'spot_check', 'brigade');
          occasional(e, 0.1, 'post_case', 'brigade');
        } else {
          occasional(e, 0.15, 'post_case', 'brigade');
        }
        break;
      case 'vehicle_inspection_agency':
        periodic(e, 91, 0.8, 'spot_check', 'brigade');
        occasional(e, 0.5, 'complaint', 'brigade');
        break;
      // R05/R06: every event is inspected on the day.
      case 'large_event':
        occasional(e, r.int(1, 3), 'event', 'brigade');
        break;
      case 'assembly_organiser':
        occasional(e, 0.75, 'event', 'brigade');
        break;
      case 'security_company':
        occasional(e, 0.5, 'spot_check', 'brigade');
        occasional(e, 0.2, 'complaint', 'brigade');
        break;
      case 'security_trainer':
        occasional(e, 0.3, 'spot_check', 'brigade');
        break;
      // R08: annual inspection (年检) of the production-registration certificate, plus spot checks.
      case 'security_product_maker':
        if (r.chance(0.95)) add(e, 'census', start + r.int(0, 364), 'brigade');
        occasional(e, 0.3, 'spot_check', 'brigade');
        break;
      // R09: stations patrol every hotel monthly, seal engravers and pawnshops quarterly.
      case 'hotel':
        periodic(e, 30, d, 'patrol', 'station');
        occasional(e, 0.05, 'complaint', 'station');
        occasional(e, 0.03, 'post_case', 'station');
        break;
      case 'seal_engraver':
        periodic(e, 91, Math.min(0.97, d + 0.05), 'patrol', 'station');
        occasional(e, 0.1, 'post_case', 'station');
        break;
      case 'pawnshop':
        periodic(e, 91, Math.min(0.97, d + 0.05), 'patrol', 'station');
        occasional(e, 0.2, 'post_case', 'station');
        break;
      // R10: every buyer checked in full quarterly.
      case 'scrap_metal_buyer':
        periodic(e, 91, Math.min(0.95, d + 0.03), 'patrol', 'station');
        occasional(e, 0.1, 'post_case', 'station');
        break;
      case 'internet_cafe':
        periodic(e, 61, 0.8, 'patrol', 'brigade');
        occasional(e, 0.15, 'complaint', 'brigade');
        break;
      case 'info_system_operator':
        occasional(e, 0.6, 'spot_check', 'brigade');
        break;
      case 'networked_unit':
        occasional(e, 0.25, 'spot_check', 'brigade');
        break;
      // R14: every outlet patrolled at least once a year.
      case 'bank_outlet':
        if (r.chance(0.95)) add(e, 'patrol', start + r.int(0, 364), 'station');
        break;
    }
  }

  // R09: at least 4 special inspections a year, each meant to cover ≥30% of the trade (some fall short).
  for (const k of ['hotel', 'seal_engraver', 'pawnshop'] as const) {
    for (const from of [40, 130, 220, 310]) campaign(kind(k), from, 20, [0.25, 0.45], 'campaign', 'joint');
    // R09: comprehensive inspection of all units once a year.
    campaign(kind(k), 270, 30, [0.92, 1], 'census', 'joint');
  }
  // R10: ≥2 special inspections covering ≥20%, and a comprehensive one.
  for (const from of [100, 260]) campaign(kind('scrap_metal_buyer'), from, 20, [0.17, 0.35], 'campaign', 'joint');
  campaign(kind('scrap_metal_buyer'), 160, 30, [0.92, 1], 'census', 'joint');
  // R07: annual check of security companies and trainers.
  campaign([...kind('security_company'), ...kind('security_trainer')], 60, 45, [0.85, 1], 'census', 'brigade');
  // R11–R13: cyber-security campaigns (summer holidays for internet cafés).
  campaign(kind('internet_cafe'), 200, 30, [0.3, 0.5], 'campaign', 'brigade');
  campaign(kind('info_system_operator'), 240, 30, [0.25, 0.4], 'campaign', 'brigade');
  campaign(kind('networked_unit'), 150, 40, [0.15, 0.25], 'campaign', 'brigade');
  // R14: random spot checks cover no more than 5% of outlets a year.
  const banks = kind('bank_outlet').filter((e) => activeOn(e, today));
  for (const e of r.sample(banks, Math.floor(banks.length * 0.05))) add(e, 'spot_check', start + r.int(0, 364), 'brigade');

  visits.sort(
    (a, b) => a.planned - b.planned || a.entity.code.localeCompare(b.entity.code) || a.trigger.localeCompare(b.trigger),
  );
  return realise(r, visits, input, today);
}

function realise(r: DemoRandom, visits: readonly Visit[], input: ActivityInput, today: number): NewInspectionRecord[] {
  const byUnit = new Map<string, SeededOfficer[]>();
  for (const o of input.officers) {
    const unit = o.brigade_id ?? o.station_id!;
    byUnit.set(unit, [...(byUnit.get(unit) ?? []), o]);
  }
  /** Officers of a unit available on the day by core's rule (all of them if fewer than `n`); the demo has no leave or recusal. */
  const team = (unit: string, day: number, n: number): number[] => {
    const all = byUnit.get(unit) ?? [];
    const on = isoDate(day);
    const valid = all.filter((o) =>
      isOfficerAvailable(
        {
          active: o.active ?? true,
          credentialNo: o.credential_no ?? null,
          credentialExpiresOn: o.credential_expires_on,
          leaves: [],
          recusals: [],
        },
        { on },
      ),
    );
    return r.sample(valid.length >= n ? valid : all, n).map((o) => o.id);
  };
  const noticeSeq = new Map<string, number>();
  // Numbered like a real notice (core's prefix and format), one sequence per prefix and year.
  const noticeNo = (regime: string, day: number) => {
    const prefix = noticePrefixOfRegime(regime)!;
    const key = `${prefix}/${yearOf(day)}`;
    const n = (noticeSeq.get(key) ?? 0) + 1;
    noticeSeq.set(key, n);
    return formatDocumentNumber(prefix, yearOf(day), n);
  };
  let falseResultCases = 0;

  const out: NewInspectionRecord[] = [];
  for (const v of visits) {
    const e = v.entity;
    const regime = e.regime_code;
    const brigade = REGIME_BRIGADE[regime];

    // Status: ahead of today still planned; a few cancelled; the rest done within a few days.
    let status: 'planned' | 'done' | 'cancelled' = 'planned';
    let inspected: number | null = null;
    if (v.planned <= today) {
      if (r.chance(0.02)) status = 'cancelled';
      else {
        const day = v.planned + (v.trigger === 'event' || v.trigger === 'patrol' ? 0 : r.int(0, 3));
        if (day <= today) {
          status = 'done';
          inspected = day;
        }
      }
    }

    // R03, R05–R07, R09, R10, R14 require at least two officers; the demo gives every visit two or three.
    const size = r.chance(0.2) ? 3 : 2;
    const day = inspected ?? v.planned;
    let officerIds: number[];
    const station = e.station_id;
    if (v.team === 'station' && station) officerIds = team(station, day, size);
    else if (v.team === 'joint' && station) officerIds = [...team(brigade, day, 1), ...team(station, day, size - 1)];
    else officerIds = team(brigade, day, size);

    const record: NewInspectionRecord = {
      inspection: {
        entity_id: e.id,
        regime_code: regime,
        trigger: v.trigger,
        planned_on: isoDate(v.planned),
        inspected_on: inspected === null ? null : isoDate(inspected),
        status,
        outcome: null,
        head_signed: null,
        head_refused_to_sign: null,
      },
      officerIds,
    };
    out.push(record);
    if (status !== 'done' || inspected === null) continue;

    const refused = r.chance(0.02);
    record.inspection.head_signed = !refused;
    record.inspection.head_refused_to_sign = refused;

    const reactive = v.trigger === 'complaint' || v.trigger === 'post_case';
    const hazardRate = reactive ? 0.5 : regime === 'R09' && e.kind === 'hotel' ? 0.12 : regime === 'R03' ? 0.22 : 0.17;
    if (!r.chance(hazardRate)) {
      record.inspection.outcome = 'compliant';
      continue;
    }
    record.inspection.outcome = 'hazards_found';

    const vocabulary = KIND_HAZARDS[e.kind] ?? HAZARDS[regime];
    const count = 1 + (r.chance(0.35) ? 1 : 0) + (r.chance(0.15) ? 1 : 0);
    const hazards: NonNullable<NewInspectionRecord['hazards']>[number][] = [];
    const notices: CaseNotice[] = [];
    let anyMajor = false;
    for (const description of r.sample(vocabulary, count)) {
      const severity = r.chance(reactive ? 0.3 : 0.15) ? 'major' : 'general';
      anyMajor ||= severity === 'major';
      // R03: a general hazard is fixed on the spot; elsewhere about half are.
      const notice = severity === 'major' || (regime !== 'R03' && r.chance(0.5));
      if (!notice) {
        hazards.push({ severity, description });
        continue;
      }
      // R14: notice delivered within 3 working days (demo: ≤3 calendar days), deadline ≤ two months.
      // R03: major hazard deadline ≤ 15 days, extendable to 30 with the head's approval.
      const served = Math.min(today, regime === 'R14' ? inspected + r.int(0, 3) : inspected + r.int(0, 1));
      const deadline = served + (regime === 'R03' ? r.int(7, 15) : regime === 'R14' ? r.int(20, 59) : r.int(7, 30));
      let extended = regime === 'R03' && r.chance(0.1) ? deadline + r.int(5, served + 30 - deadline) : null;
      // An extension is asked for (3 days before) and approved (the day before) while the deadline runs:
      // none where that day is still to come.
      if (extended !== null && deadline - 1 > today) extended = null;
      const due = extended ?? deadline;
      const noticeNumber = noticeNo(regime, served);
      const extension =
        extended === null
          ? null
          : { requestedOn: isoDate(deadline - 3), decidedOn: isoDate(deadline - 1), deadlineOn: isoDate(extended) };
      const checked = checkDemoNotice(input.calendar, {
        noticeNo: noticeNumber,
        regime,
        issuedOn: isoDate(served),
        deadlineOn: isoDate(deadline),
        extension,
        approverUserId: input.leaderUserId,
      });
      let completed: number | null = null;
      if (due >= today) {
        if (r.chance(0.3) && today > served) completed = served + r.int(1, today - served);
      } else if (r.chance(0.88)) {
        // Mostly on time, now and then a few days late.
        completed = r.chance(0.9) ? served + r.int(1, due - served) : Math.min(today, due + r.int(1, 10));
      }
      notices.push({ hazardIndex: hazards.length, severity, due, completed });
      // R03: review within 5 working days of the request (demo: 1–5 calendar days).
      const reviewed = completed !== null && completed + 1 <= today ? Math.min(today, completed + r.int(1, 5)) : null;
      hazards.push({
        severity,
        description,
        rectification: {
          notice_no: noticeNumber,
          issued_on: isoDate(served),
          period_started_on: isoDate(served),
          served_on: isoDate(served),
          deadline_on: isoDate(deadline),
          deadline_rule: checked.deadlineRule,
          extended_deadline_on: extended === null ? null : isoDate(extended),
          completed_on: completed === null ? null : isoDate(completed),
          reviewed_on: reviewed === null ? null : isoDate(reviewed),
          status: completed !== null ? 'completed' : due < today ? 'overdue' : 'open',
        },
        ...(extension === null
          ? {}
          : {
              extension: {
                requested_on: extension.requestedOn,
                requested_deadline_on: extension.deadlineOn,
                deadline_in_force_on: isoDate(deadline),
                reason: DEMO_EXTENSION_REASON,
                status: 'approved',
                decided_on: extension.decidedOn,
                decided_by: input.leaderUserId,
              },
            }),
      });
    }
    record.hazards = hazards;

    const penalties = decidePenalties(input.penaltyRandom, {
      entity: e,
      inspected,
      today,
      anyMajor,
      hazards: hazards.map((h) => h.description),
      // A notice still open today has not run out: only the ones due before today can be overdue.
      notices: notices.filter((n) => n.due < today),
      mayFindFalseResults: falseResultCases < 2,
    });
    if (penalties.some((p) => p.violation_code === 'R04-FALSE-INSPECTION-RESULT')) falseResultCases++;
    if (penalties.length) record.penalties = penalties;
  }
  putTheDemoInspectorOnDuty(out, input, today);
  return out;
}

/** How many open visits around `today` the demo inspector is put on. */
const DEMO_INSPECTOR_VISITS = 6;

/**
 * The demo inspector's account lands on My tasks: without this, chance alone decides whether the
 * linked officer (one of many in the brigade) has anything to do in the demo week. Up to six open
 * visits of their brigade's regimes, from three days overdue to a week ahead, get them aboard; no
 * random number is drawn, so nothing else in the demo changes.
 */
function putTheDemoInspectorOnDuty(out: NewInspectionRecord[], input: ActivityInput, today: number): void {
  const me = input.officers.find((o) => o.code === DEMO_INSPECTOR_OFFICER_CODE);
  if (!me) return;
  const myUnit = me.brigade_id ?? me.station_id;
  const colleagues = new Set(input.officers.filter((o) => (o.brigade_id ?? o.station_id) === myUnit).map((o) => o.id));
  const open = out.filter((rec) => {
    const day = dayNumber(rec.inspection.planned_on);
    return (
      rec.inspection.status === 'planned' &&
      day >= today - 3 &&
      day <= today + 7 &&
      REGIME_BRIGADE[rec.inspection.regime_code as RegimeCode] === myUnit &&
      !rec.officerIds.includes(me.id)
    );
  });
  // One a day where possible, in date order.
  const byDay = new Map<string, NewInspectionRecord>();
  for (const rec of open) if (!byDay.has(rec.inspection.planned_on)) byDay.set(rec.inspection.planned_on, rec);
  const chosen = [...byDay.values()]
    .sort((a, b) => a.inspection.planned_on.localeCompare(b.inspection.planned_on))
    .slice(0, DEMO_INSPECTOR_VISITS);
  // Something for today and something overdue (a visit not yet done), as an officer's week has.
  const days = new Set(chosen.map((rec) => dayNumber(rec.inspection.planned_on)));
  const ahead = chosen.filter((rec) => dayNumber(rec.inspection.planned_on) > today);
  if (!days.has(today) && ahead[0]) ahead.shift()!.inspection.planned_on = isoDate(today);
  if (![...days].some((d) => d < today) && ahead[0]) ahead.shift()!.inspection.planned_on = isoDate(today - 1);
  // A colleague of the brigade gives way, else the first officer (the team becomes a joint one).
  for (const rec of chosen) {
    const i = Math.max(
      0,
      rec.officerIds.findIndex((id) => colleagues.has(id)),
    );
    rec.officerIds = rec.officerIds.map((id, j) => (j === i ? me.id : id));
  }
}
