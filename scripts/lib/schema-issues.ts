/** The parts of a zod issue we read; typed structurally so we do not depend on zod's own exports. */
export type SchemaIssue = {
  path: readonly PropertyKey[];
  message: string;
  code?: string;
  errors?: readonly (readonly SchemaIssue[])[];
};

/**
 * zod reports a failed union as one vague issue ("Invalid input") holding each branch's issues; the most useful line
 * for a person is the first concrete issue of the branch that got furthest, with its full path.
 */
export function firstIssue(issues: readonly SchemaIssue[]): {
  path: (string | number)[];
  pathText: string;
  message: string;
} {
  const issue = issues[0];
  if (!issue) return { path: [], pathText: '(root)', message: 'invalid' };
  let chosen: SchemaIssue = issue;
  let prefix: PropertyKey[] = [...issue.path];
  while (chosen.code === 'invalid_union' && chosen.errors && chosen.errors.length > 0) {
    const branch = [...chosen.errors].sort((a, b) => a.length - b.length)[0];
    const inner = branch?.[0];
    if (!inner) break;
    chosen = inner;
    prefix = [...prefix, ...inner.path];
  }
  const keyPath = prefix.map((key) => (typeof key === 'number' ? key : String(key)));
  const pathText =
    keyPath.length === 0
      ? '(root)'
      : keyPath
          .map((key) => (typeof key === 'number' ? `[${key}]` : key))
          .join('.')
          .replace(/\.\[/g, '[');
  return { path: keyPath, pathText, message: chosen.message.replace(/^Invalid input: /, '') };
}

/**
 * The line where the deepest named key of a path first appears, so a schema problem reads `file:line: …`. JSON has no
 * position information after parsing; a text search for `"key"` is exact for the keys we report in practice, and
 * falls back to line 1 when the key is absent (a missing required key).
 */
export function lineOfKey(text: string, keyPath: readonly (string | number)[]): number {
  const names = keyPath.filter((key): key is string => typeof key === 'string');
  let from = 0;
  let found = -1;
  for (const name of names) {
    const at = text.indexOf(`"${name}"`, from);
    if (at < 0) break;
    found = at;
    from = at + name.length + 2;
  }
  if (found < 0) return 1;
  return text.slice(0, found).split('\n').length;
}
