import { fail, redirect } from '@sveltejs/kit';
import { can, drawPeriodOf, drawRuleOf, visibleRegimes, type RegimeCode } from '@supervise/core';
import { createCampaignDraw, listDrawSummaries, listRedrawRequests } from '@supervise/db';
import { resolve } from '$app/paths';
import { requireRoute } from '$lib/server/access';
import { serverToday } from '$lib/server/clock';
import { getDb } from '$lib/server/db';
import { drawRefusalOf, newSeedHex, refusalStatus, regimeName } from '$lib/server/draws';
import { actorOf } from '$lib/server/actor';
import type { Actions, PageServerLoad } from './$types';

/** The regimes a draw is for: R09/R10 campaigns (专项督察) and R14 spot checks (抽查). */
const DRAW_REGIMES: RegimeCode[] = ['R09', 'R10', 'R14'];

export const load: PageServerLoad = async (event) => {
  const user = requireRoute(event);
  const db = getDb();
  const today = serverToday();
  const regimes = visibleRegimes(user, 'draws.view');
  const draws = await listDrawSummaries(db, { regimes });
  const pending = (await listRedrawRequests(db, { pending: true }))
    .map((r) => ({ ...r, regime: draws.find((d) => d.id === r.drawId)?.regime ?? '' }))
    .filter((r) => can(user, 'draws.approve', { regime: r.regime }));
  const rules = DRAW_REGIMES.filter((r) => can(user, 'draws.manage', { regime: r })).map((code) => {
    const rule = drawRuleOf(code, today)!;
    return {
      code,
      name: regimeName(code),
      share: rule.share,
      clause: rule.clause,
      ruleId: rule.ruleId,
      period: drawPeriodOf(code, today),
    };
  });
  return {
    today,
    draws: draws.map((d) => ({ ...d, regimeName: regimeName(d.regime) })),
    pending,
    rules,
    canApprove: can(user, 'draws.approve'),
  };
};

const text = (form: FormData, k: string, max = 200) =>
  String(form.get(k) ?? '')
    .trim()
    .slice(0, max);

export const actions: Actions = {
  create: async (event) => {
    const user = requireRoute(event);
    const form = await event.request.formData();
    const values = {
      regime: text(form, 'regime', 3),
      campaign: text(form, 'campaign'),
      share: text(form, 'share', 20),
      requested: text(form, 'requested', 10),
      windowFrom: text(form, 'window_from', 10),
      windowTo: text(form, 'window_to', 10),
    };
    if (!DRAW_REGIMES.includes(values.regime as RegimeCode)) return fail(400, { values, refusal: null, problem: 'regime' });
    let requested: number | null = null;
    if (values.requested) {
      requested = Number(values.requested);
      if (!/^\d+$/.test(values.requested) || !Number.isSafeInteger(requested))
        return fail(400, { values, refusal: null, problem: 'requested' });
    }
    let id: string;
    try {
      const created = await createCampaignDraw(getDb(), actorOf(event, user), {
        regime: values.regime as RegimeCode,
        campaign: values.campaign,
        share: values.share || undefined,
        requested,
        windowFrom: values.windowFrom || undefined,
        windowTo: values.windowTo || undefined,
        today: serverToday(),
        seedHex: newSeedHex(),
      });
      id = created.id;
    } catch (e) {
      const refusal = drawRefusalOf(e);
      if (!refusal) throw e;
      return fail(refusalStatus(refusal.code), { values, refusal, problem: null });
    }
    redirect(303, resolve('/draws/[id]', { id }));
  },
};
