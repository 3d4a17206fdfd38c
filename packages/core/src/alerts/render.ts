/**
 * Reminder text, rendered when the reminder is sent (never stored in a job payload), Simplified
 * Chinese first and English second. It names the item by its reference (notice number, obligation
 * key, inspection number), the regime and the dates only: no names of people or units, because the
 * webhook channel leaves the bureau's network for a group robot.
 */
import type { IsoDate } from '../shared/iso-date.js';
import type { AlertKind } from './alert-rules.js';
import type { AlertLevel } from './escalation.js';

export interface AlertMessageInput {
  kind: AlertKind;
  level: AlertLevel;
  regime: string;
  /** Notice number, obligation key or inspection number. */
  reference: string;
  dueOn: IsoDate;
}

export interface RenderedMessage {
  zh: { title: string; body: string };
  en: { title: string; body: string };
  /** Plain text, zh then en (e-mail body, `text` robots). */
  text: string;
  /** Markdown, zh then en (`markdown` robots). */
  markdown: string;
  /** One-line subject, zh first. */
  subject: string;
}

const TITLES: Record<AlertKind, { zh: string; en: string }> = {
  obligation_due_soon: { zh: '检查任务即将到期', en: 'Inspection due soon' },
  obligation_overdue: { zh: '检查任务已逾期', en: 'Inspection overdue' },
  rectification_overdue: { zh: '整改已超过期限', en: 'Rectification past its deadline' },
  review_late: { zh: '复查已超过5个工作日', en: 'Review later than 5 working days' },
  notice_late: { zh: '整改通知书未在3个工作日内送达', en: 'Notice not served within 3 working days' },
  complaint_reply_due_soon: { zh: '举报投诉即将到答复期限', en: 'Complaint reply due soon' },
  complaint_reply_overdue: { zh: '举报投诉答复逾期', en: 'Complaint reply overdue' },
};

const LEVELS: Record<AlertLevel, { zh: string; en: string }> = {
  inspector: { zh: '检查民警', en: 'inspector' },
  scheduler: { zh: '调度员（已升级）', en: 'scheduler (escalated)' },
  leader: { zh: '大队领导（已升级）', en: 'brigade leader (escalated)' },
};

function bodies(m: AlertMessageInput): { zh: string; en: string } {
  const ref = m.reference;
  switch (m.kind) {
    case 'obligation_due_soon':
      return {
        zh: `${m.regime} 检查任务 ${ref} 应于 ${m.dueOn} 前完成。`,
        en: `${m.regime} inspection ${ref} is due by ${m.dueOn}.`,
      };
    case 'obligation_overdue':
      return {
        zh: `${m.regime} 检查任务 ${ref} 的期限 ${m.dueOn} 已过，仍未完成。`,
        en: `${m.regime} inspection ${ref} was due by ${m.dueOn} and is not done.`,
      };
    case 'rectification_overdue':
      return {
        zh: `${m.regime} 整改通知书 ${ref} 的整改期限 ${m.dueOn} 已过，单位尚未报告整改完成。`,
        en: `${m.regime} rectification notice ${ref} expired on ${m.dueOn} and the unit has not reported completion.`,
      };
    case 'review_late':
      return {
        zh: `${m.regime} 整改通知书 ${ref} 应于 ${m.dueOn} 前复查（复查申请或期限届满之日起5个工作日内），尚未复查。`,
        en: `${m.regime} rectification notice ${ref} was due for review by ${m.dueOn} (5 working days after the request or expiry) and is not reviewed.`,
      };
    // Issue 13 §4: the reference is the complaint's number, never its content or informant.
    case 'complaint_reply_due_soon':
      return {
        zh: `${m.regime} 举报投诉 ${ref} 应于 ${m.dueOn} 前答复（配置期限，未核实法定期限）。`,
        en: `${m.regime} complaint ${ref} is to be answered by ${m.dueOn} (configured period; no statutory period verified).`,
      };
    case 'complaint_reply_overdue':
      return {
        zh: `${m.regime} 举报投诉 ${ref} 的答复期限 ${m.dueOn} 已过，尚未答复。`,
        en: `${m.regime} complaint ${ref} was to be answered by ${m.dueOn} and is not.`,
      };
    case 'notice_late':
      return {
        zh: `${m.regime} 检查 ${ref} 的整改通知书应于 ${m.dueOn} 前送达（检查完毕之日起三个工作日内），尚未送达。`,
        en: `The rectification notice of ${m.regime} inspection ${ref} was due by ${m.dueOn} (3 working days after the inspection) and is not served.`,
      };
  }
}

export function renderAlertMessage(m: AlertMessageInput): RenderedMessage {
  const t = TITLES[m.kind];
  const l = LEVELS[m.level];
  const b = bodies(m);
  const zh = { title: `【${t.zh}】`, body: `${b.zh}（提醒对象：${l.zh}）` };
  const en = { title: t.en, body: `${b.en} (to: ${l.en})` };
  return {
    zh,
    en,
    subject: `${zh.title}${m.regime} ${m.reference} / ${en.title}`,
    text: `${zh.title}\n${zh.body}\n\n${en.title}\n${en.body}`,
    markdown: `### ${zh.title}\n${zh.body}\n\n### ${en.title}\n${en.body}`,
  };
}
