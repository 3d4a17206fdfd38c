import { error, fail } from '@sveltejs/kit';
import { can, parseImportDate } from '@supervise/core';
import { closeEntity, entityHistory, findEntityDetail, loadEntityFile, recordAudit } from '@supervise/db';
import { requireRoute } from '$lib/server/access';
import { getDb } from '$lib/server/db';
import { registryWrite, requireRowScope } from '$lib/server/registry';
import { actorOf } from '$lib/server/actor';
import { auditActor } from '@supervise/db';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const user = requireRoute(event);
  const db = getDb();
  const entity = await findEntityDetail(db, event.params.code);
  if (!entity) error(404, 'not found');
  // The route table cannot know the row's brigade: an inspector of another brigade gets 403 here.
  requireRowScope(user, 'registry.view', entity);
  // Issue 5 §5: viewing confidential data (the contact phone) is audited.
  await recordAudit(db, {
    ...auditActor(actorOf(event, user)),
    action: 'entity.view',
    entityType: 'entity',
    entityId: entity.code,
  });
  const history = await entityHistory(db, entity.id);
  const scope = { regime: entity.regimeCode, brigadeId: entity.brigadeId, stationId: entity.stationId };
  // Issue 10 §5: the entity's file, within the page's own scope; it is case data (hazards, notices,
  // penalties), so only for the roles that read cases (cases.view) on this entity.
  const file = can(user, 'cases.view', scope) ? await loadEntityFile(db, entity.id) : null;
  return {
    file,
    entity: { ...entity, updatedAt: entity.updatedAt.toISOString() },
    history: history.map((h) => ({ ...h, changedAt: h.changedAt.toISOString() })),
    canManage: can(user, 'registry.manage', scope),
  };
};

export const actions: Actions = {
  close: async (event) => {
    const user = requireRoute(event);
    const db = getDb();
    const entity = await findEntityDetail(db, event.params.code);
    if (!entity) error(404, 'not found');
    requireRowScope(user, 'registry.manage', entity);
    const form = await event.request.formData();
    const on = parseImportDate(String(form.get('closed_on') ?? ''));
    if (!on || on < entity.registeredOn) return fail(400, { closeError: true });
    await registryWrite(closeEntity(db, entity.code, on, actorOf(event, user)));
    return { closed: true };
  },
};
