/**
 * The audit log's action and outcome codes in words, Simplified Chinese first (issue 9 §7: the audit
 * page shows no codes). One table for every path that writes the log; a code not in it still reads
 * as words (`auditActionLabel` falls back on its area and the code itself).
 */
import type { Bilingual } from '../shared/reason.js';

export const AUDIT_ACTION_LABELS: Readonly<Record<string, Bilingual>> = {
  'auth.login': { zh: '登录', en: 'Log in' },
  'auth.logout': { zh: '退出登录', en: 'Log out' },
  'auth.totp': { zh: '第二因素验证', en: 'Second-factor check' },
  'user.create': { zh: '创建账号', en: 'Account created' },
  'user.view': { zh: '查看账号', en: 'Account viewed' },
  'user.role_grant': { zh: '授予角色', en: 'Role granted' },
  'user.role_revoke': { zh: '撤销角色', en: 'Role revoked' },
  'user.officer_link': { zh: '关联民警', en: 'Officer linked' },
  'user.disable': { zh: '停用账号', en: 'Account disabled' },
  'user.enable': { zh: '启用账号', en: 'Account enabled' },
  'user.password_change': { zh: '修改密码', en: 'Password changed' },
  'user.password_reset': { zh: '重置密码', en: 'Password reset' },
  'user.totp_enrol': { zh: '绑定第二因素', en: 'Second factor enrolled' },
  'user.totp_reset': { zh: '重置第二因素', en: 'Second factor reset' },
  'alert.acknowledge': { zh: '确认提醒', en: 'Alert acknowledged' },
  'calendar.import': { zh: '导入法定节假日安排', en: 'Statutory calendar imported' },
  'backup.create': { zh: '备份数据库', en: 'Database backed up' },
  'backup.restore': { zh: '恢复数据库', en: 'Database restored' },
  'draw.create': { zh: '创建随机抽取', en: 'Draw created' },
  'draw.execute': { zh: '执行随机抽取', en: 'Draw executed' },
  'draw.redraw': { zh: '重新抽取', en: 'Redraw' },
  'roster.change': { zh: '调整检查人员', en: 'Roster changed' },
  'roster.leave_reassign': { zh: '因休假改派检查人员', en: 'Roster reassigned for leave' },
  'entity.create': { zh: '新增监管对象', en: 'Entity created' },
  'entity.update': { zh: '修改监管对象', en: 'Entity updated' },
  'entity.close': { zh: '注销监管对象', en: 'Entity closed' },
  'entity.view': { zh: '查看监管对象', en: 'Entity viewed' },
  'registry.import.preview': { zh: '预检监管对象导入文件', en: 'Registry import checked' },
  'registry.import.start': { zh: '开始导入监管对象', en: 'Registry import started' },
  'registry.import.done': { zh: '监管对象导入完成', en: 'Registry import finished' },
  'registry.export': { zh: '导出监管对象', en: 'Registry exported' },
  'dashboard.export': { zh: '导出驾驶舱明细', en: 'Dashboard rows exported' },
  'dashboard.rollups_rebuild': { zh: '重建驾驶舱统计汇总', en: 'Dashboard rollups rebuilt' },
  'officer.view': { zh: '查看民警信息', en: 'Officer viewed' },
  'officer.leave.add': { zh: '登记民警休假', en: 'Officer leave recorded' },
  'officer.leave.remove': { zh: '取消民警休假', en: 'Officer leave removed' },
  'officer.recusal.declare': { zh: '登记回避', en: 'Recusal declared' },
  'officer.recusal.withdraw': { zh: '撤销回避', en: 'Recusal withdrawn' },
  'queue.retry': { zh: '重试后台任务', en: 'Job retried' },
  'audit.export': { zh: '导出审计日志', en: 'Audit log exported' },
  'audit.view': { zh: '查看审计日志', en: 'Audit log viewed' },
  // Issue 10 §3: rectification notices.
  'rectification.issue': { zh: '下达整改通知书', en: 'Rectification notice issued' },
  'rectification.edit': { zh: '修改未送达的整改通知书', en: 'Unserved notice corrected' },
  'rectification.serve': { zh: '送达整改通知书', en: 'Rectification notice served' },
  'rectification.extension.request': { zh: '申请延长整改期限', en: 'Extension asked' },
  'rectification.extension.approve': { zh: '批准延长整改期限', en: 'Extension approved' },
  'rectification.extension.reject': { zh: '驳回延长整改期限', en: 'Extension rejected' },
  'rectification.review.request': { zh: '登记复查申请', en: 'Review requested' },
  'rectification.review.opinion': { zh: '出具复查意见', en: 'Review opinion recorded' },
  'penalty.record': { zh: '作出行政处罚决定', en: 'Penalty decision recorded' },
  // Issue 13: events and complaints (never the complaint's content or informant in the entry).
  'event.application.record': { zh: '登记活动申请', en: 'Event application recorded' },
  'event.plan.review': { zh: '审查安全工作方案', en: 'Security plan reviewed' },
  'complaint.receive': { zh: '受理举报投诉', en: 'Complaint received' },
  'complaint.assign': { zh: '指派举报投诉', en: 'Complaint assigned' },
  'complaint.inspection.open': { zh: '据举报投诉开展检查', en: 'Inspection opened from a complaint' },
  'complaint.reply': { zh: '答复举报投诉', en: 'Complaint answered' },
  'complaint.informant.view': { zh: '查看举报人信息', en: 'Informant viewed' },
  'settings.complaint_reply_days': { zh: '设置举报投诉答复期限', en: 'Complaint reply period set' },
  // Issue 13 §1 and §3: R02 permits and their patrols; R04 agencies' reports.
  'permit.record': { zh: '录入占道施工许可并安排巡查', en: 'Road permit entered, patrols planned' },
  'permit.change': { zh: '变更占道施工完工日期', en: 'Road works end date changed' },
  'permit.close': { zh: '结束占道施工许可', en: 'Road permit closed' },
  'permit.flag': { zh: '巡查记录占道施工问题', en: 'Road works problem recorded on a patrol' },
  'permit.measure': { zh: '记录占道施工处理措施', en: 'Road works measure recorded' },
  'stationreport.record': { zh: '登记检验机构报告', en: 'Inspection agency report recorded' },
  'stationreport.review': { zh: '审核检验机构报告', en: 'Inspection agency report reviewed' },
  // Issue 13 §5–§7: cases, R03 dishonesty grades, R01 window service.
  'case.incident.record': { zh: '登记案事件并立案', en: 'Incident recorded as a case' },
  'case.inspection.open': { zh: '案件开展检查', en: 'Inspection opened for a case' },
  'case.close': { zh: '案件结案', en: 'Case closed' },
  'credit.grade': { zh: '认定失信等级', en: 'Dishonesty grade given' },
  'credit.export': { zh: '导出失信报送文件', en: 'Credit platform file exported' },
  'window.ratings.import': { zh: '导入窗口评价器结果', en: 'Window raters’ results imported' },
  'window.complaint.record': { zh: '登记窗口投诉', en: 'Window complaint recorded' },
  'window.complaint.follow_up': { zh: '记录投诉回访', en: 'Complaint follow-up recorded' },
  'window.measure.decide': { zh: '决定窗口人员处理措施', en: 'Window staff measure decided' },
  'settings.window_thresholds': { zh: '设置窗口服务提示标准', en: 'Window flag thresholds set' },
};

/** The areas (the code's first part), for codes the table does not know yet. */
const AREA_LABELS: Readonly<Record<string, Bilingual>> = {
  auth: { zh: '登录认证', en: 'Sign-in' },
  access: { zh: '访问控制', en: 'Access control' },
  user: { zh: '账号管理', en: 'Accounts' },
  alert: { zh: '提醒', en: 'Alerts' },
  calendar: { zh: '法定日历', en: 'Statutory calendar' },
  backup: { zh: '备份与恢复', en: 'Backup and restore' },
  draw: { zh: '随机抽取', en: 'Draws' },
  roster: { zh: '检查人员安排', en: 'Rosters' },
  registry: { zh: '监管对象', en: 'Registry' },
  officer: { zh: '民警', en: 'Officers' },
  audit: { zh: '审计', en: 'Audit' },
  penalty: { zh: '行政处罚', en: 'Penalties' },
  entity: { zh: '监管对象', en: 'Registry' },
  queue: { zh: '后台任务', en: 'Job queues' },
  inspection: { zh: '检查', en: 'Inspections' },
  plan: { zh: '检查计划', en: 'Plans' },
  event: { zh: '活动申请', en: 'Events' },
  complaint: { zh: '举报投诉', en: 'Complaints' },
  case: { zh: '案件', en: 'Cases' },
  credit: { zh: '失信等级', en: 'Credit grades' },
  window: { zh: '窗口服务', en: 'Window service' },
  rectification: { zh: '整改', en: 'Rectification' },
  permit: { zh: '占道施工', en: 'Road works' },
  stationreport: { zh: '检验机构报告', en: 'Inspection agency reports' },
};

export const AUDIT_OUTCOME_LABELS: Readonly<Record<string, Bilingual>> = {
  success: { zh: '成功', en: 'Succeeded' },
  failure: { zh: '失败', en: 'Failed' },
  denied: { zh: '被拒绝', en: 'Refused' },
};

/** Words for an action code; an unknown one reads "<area>: <rest of the code in words>". */
export function auditActionLabel(action: string): Bilingual {
  const known = AUDIT_ACTION_LABELS[action];
  if (known) return known;
  const dot = action.indexOf('.');
  const area = dot > 0 ? action.slice(0, dot) : action;
  const rest = (dot > 0 ? action.slice(dot + 1) : '').replace(/[._]+/g, ' ').trim();
  const a = AREA_LABELS[area];
  if (a) return { zh: rest ? `${a.zh}：${rest}` : a.zh, en: rest ? `${a.en}: ${rest}` : a.en };
  const words = action.replace(/[._]+/g, ' ').trim();
  return { zh: `其他操作：${words}`, en: `Other: ${words}` };
}

export function auditOutcomeLabel(outcome: string): Bilingual {
  return AUDIT_OUTCOME_LABELS[outcome] ?? { zh: `其他结果：${outcome}`, en: `Other outcome: ${outcome}` };
}
