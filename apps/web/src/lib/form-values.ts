/** What the reader typed into field `name` of a refused form (the action's `values`), else `fallback`. */
export function typedValue(form: { values?: unknown } | null | undefined, name: string, fallback = ''): string {
  const values = (form?.values ?? {}) as Record<string, unknown>;
  return typeof values[name] === 'string' ? (values[name] as string) : fallback;
}
