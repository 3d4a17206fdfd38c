import { taskHref } from '@supervise/core';
import { requireRoute } from '$lib/server/access';
import { serverToday } from '$lib/server/clock';
import { laterReviews, officerTasks } from '$lib/server/tasks';
import type { PageServerLoad } from './$types';

// Issue 10 §1: the inspections the signed-in officer is on — today, the rest of this week, overdue —
// and the review inspections due after this week.
export const load: PageServerLoad = async (event) => {
  const user = requireRoute(event);
  const today = serverToday();
  const [tasks, reviews] = await Promise.all([officerTasks(user, today), laterReviews(user, today)]);
  const withHref = (rows: (typeof tasks.groups)['today']) => ({
    count: rows.count,
    items: rows.items.map((t) => ({ ...t, href: taskHref(t) })),
  });
  return {
    officer: tasks.officer ? { code: tasks.officer.code, name: tasks.officer.name } : null,
    window: tasks.window,
    groups: {
      today: withHref(tasks.groups.today),
      this_week: withHref(tasks.groups.this_week),
      overdue: withHref(tasks.groups.overdue),
      // Review inspections due after this week (see laterReviews).
      later_reviews: withHref(reviews),
    },
  };
};
