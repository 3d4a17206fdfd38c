/**
 * A process that executes one draw and exits (the draw kill drill SIGKILLs it at random points):
 * `node dist/drills/draw-executor.js` with DATABASE_URL, DRAW_ID and DRAW_BEACON. Exit 0: executed
 * now; 3: already executed (refused, its result never changes); 1: anything else.
 */
import { createDb, DrawError, executeDraw } from '@supervise/db';

async function main(): Promise<number> {
  const db = createDb({ url: process.env.DATABASE_URL!, max: 2, applicationName: 'supervise-draw-drill' });
  try {
    await executeDraw(db, { id: null, username: 'cli:draw-drill', principal: null, via: 'cli' }, process.env.DRAW_ID!, {
      beacon: process.env.DRAW_BEACON ?? '',
    });
    return 0;
  } catch (e) {
    if (e instanceof DrawError && e.code === 'DRAW-WRONG-STATUS') return 3;
    console.error((e as Error).message);
    return 1;
  } finally {
    await db.destroy();
  }
}

main().then((code) => process.exit(code));
