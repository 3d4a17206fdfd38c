import type { KyselyPlugin, RootOperationNode } from 'kysely';

/**
 * A Kysely plugin that keeps every statement run through the handle it is added to, as the JSON of
 * its operation tree: `db.withPlugin(r.plugin)`, then `r.statements` (empty it with `length = 0`).
 * The cache tests count round trips with it.
 */
export function statementRecorder(): { plugin: KyselyPlugin; statements: string[] } {
  const statements: string[] = [];
  return {
    statements,
    plugin: {
      transformQuery({ node }: { node: RootOperationNode }) {
        statements.push(JSON.stringify(node));
        return node;
      },
      transformResult: async ({ result }) => result,
    },
  };
}
