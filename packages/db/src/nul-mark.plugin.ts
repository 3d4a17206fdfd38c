import {
  OperationNodeTransformer,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type PrimitiveValueListNode,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
  type ValueNode,
} from 'kysely';

/**
 * PostgreSQL cannot store the NUL character: not in text (error 22021), not as `\u0000` in jsonb
 * (22P05). One typed into any free-text field — a checklist note, a hazard, a complaint, a login name —
 * turned the request into a 500 (found by the fuzz drill of issue 15 §5). Every query of every client
 * made by createDb (web, worker, CLI) passes through this plugin, which writes each NUL of a string
 * parameter as U+FFFD (the replacement character: it shows that something was there), and each escaped
 * NUL of a JSON parameter likewise. Nothing else is changed; byte arrays (photos, files) are untouched.
 */
const NUL = /\0/g;

function markNul(v: string): string {
  let out = v.includes('\0') ? v.replace(NUL, '\uFFFD') : v;
  // A JSON document (a jsonb parameter is sent as its text) with an escaped NUL: re-encode it.
  if (out.includes('\\u0000')) {
    try {
      out = JSON.stringify(JSON.parse(out), (_k, x: unknown) => (typeof x === 'string' ? x.replace(NUL, '\uFFFD') : x));
    } catch {
      // Not JSON: plain text that spells a backslash-u-zero sequence, which PostgreSQL stores fine.
    }
  }
  return out;
}

const mark = (v: unknown): unknown => (typeof v === 'string' ? markNul(v) : v);

class NulMarkTransformer extends OperationNodeTransformer {
  protected override transformValue(node: ValueNode): ValueNode {
    const value = mark(node.value);
    return value === node.value ? super.transformValue(node) : { ...node, value };
  }

  protected override transformPrimitiveValueList(node: PrimitiveValueListNode): PrimitiveValueListNode {
    return { ...node, values: node.values.map(mark) };
  }
}

export class NulMarkPlugin implements KyselyPlugin {
  readonly #transformer = new NulMarkTransformer();

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return this.#transformer.transformNode(args.node);
  }

  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return Promise.resolve(args.result);
  }
}
