/**
 * Nesting limit for JSON read from input (documents, embedded policies, JSON expressions) and for
 * Vault policy HCL. Real Terraform JSON, plans and policies nest a few dozen levels; the walkers
 * that read them (access-key scan, interpolations, plan expressions, policy parsers) recurse, so a
 * crafted document 3,000 levels deep would exhaust the stack. Documented in README "Limits".
 */
export const MAX_NESTING_DEPTH = 100;

/** Longest JSON path quoted in a message (the path of a too-deep value is itself long). */
const MAX_PATH_TEXT = 100;

/**
 * The JSON path (`$.resource.aws_iam_role.r.tags[0]…`) of the first value nested deeper than
 * `limit`, or undefined when the whole value is within it. Iterative, so it cannot itself
 * overflow the stack, and linear in the size of the value.
 */
export function tooDeepPath(value: unknown, limit = MAX_NESTING_DEPTH): string | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  // Every document is checked and nearly all are within the limit: that answer costs no allocation.
  // The path walk below runs only for a document that is too deep.
  if (!nestsBeyond(value, limit, hasEnumerableKeys(Object.prototype))) return undefined;
  const stack: { value: object; depth: number; parent: number; step: string }[] = [];
  const visited: { parent: number; step: string }[] = [];
  stack.push({ value, depth: 0, parent: -1, step: "$" });
  while (stack.length > 0) {
    const node = stack.pop()!;
    const index = visited.push({ parent: node.parent, step: node.step }) - 1;
    if (node.depth >= limit) return pathText(visited, index);
    if (Array.isArray(node.value)) {
      for (let i = node.value.length - 1; i >= 0; i--) {
        const item: unknown = node.value[i];
        if (typeof item === "object" && item !== null)
          stack.push({ value: item, depth: node.depth + 1, parent: index, step: `[${i}]` });
      }
    } else {
      for (const [key, item] of Object.entries(node.value))
        if (typeof item === "object" && item !== null)
          stack.push({ value: item, depth: node.depth + 1, parent: index, step: memberStep(key) });
    }
  }
  return undefined;
}

/**
 * True when an object or array `remaining` levels below `value` exists. Recursion stops at the
 * limit, so it is at most `limit` frames deep whatever the input. `for...in` also lists inherited
 * keys; those of a plain object are Object.prototype's, of which there are none unless it was
 * given some (`polluted`): only then, or for other objects, is each key checked to be own.
 */
function nestsBeyond(value: object, remaining: number, polluted: boolean): boolean {
  if (remaining <= 0) return true;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (typeof item === "object" && item !== null && nestsBeyond(item, remaining - 1, polluted))
        return true;
    }
    return false;
  }
  const record = value as Record<string, unknown>;
  const checkOwn = polluted || Object.getPrototypeOf(record) !== Object.prototype;
  for (const key in record) {
    if (checkOwn && !Object.hasOwn(record, key)) continue;
    const item = record[key];
    if (typeof item === "object" && item !== null && nestsBeyond(item, remaining - 1, polluted)) return true;
  }
  return false;
}

function hasEnumerableKeys(object: object): boolean {
  for (const key in object) if (key !== undefined) return true;
  return false;
}

function memberStep(key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_-]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key.slice(0, 40))}]`;
}

/** The path from the root to `index`, cut after {@link MAX_PATH_TEXT} characters. */
function pathText(visited: readonly { parent: number; step: string }[], index: number): string {
  const steps: string[] = [];
  for (let at = index; at >= 0; at = visited[at].parent) steps.push(visited[at].step);
  steps.reverse();
  let text = "";
  for (const step of steps) {
    if (text.length + step.length > MAX_PATH_TEXT) return `${text}… (${steps.length - 1} levels)`;
    text += step;
  }
  return text;
}
