import type { DocumentScope } from "./resource-view";

/** The entities of one name: one (nearly always), or several in the order they were added. */
type Named<T> = T | T[];

/**
 * Finds entities by the name Terraform gives them (role name, Vault policy name, mount path):
 * first in the referring document, then in any document (stacks of one app share an account).
 * A name that several documents define is ambiguous across documents and resolves to nothing.
 * A name defined twice in one document resolves to the entity with the smaller address, so the
 * order the resources are written in changes nothing.
 */
export class NameIndex<T extends { readonly location: { readonly address: string } }> {
  /**
   * Per name, its entities: those of the one document that defines it (nearly every name), or per
   * document. One lookup per name added, and none per document.
   */
  private readonly byName = new Map<string, InOneScope<T> | Map<DocumentScope, Named<T>>>();

  add(scope: DocumentScope, name: string, entry: T): void {
    const known = this.byName.get(name);
    if (known === undefined) this.byName.set(name, { scope, named: entry });
    else if (known instanceof Map) {
      const same = known.get(scope);
      known.set(scope, same === undefined ? entry : withEntry(same, entry));
    } else if (known.scope === scope) known.named = withEntry(known.named, entry);
    else
      this.byName.set(
        name,
        new Map<DocumentScope, Named<T>>([
          [known.scope, known.named],
          [scope, entry],
        ]),
      );
  }

  /**
   * Every entity of the referring document with this name (sorted by address), else the one entity
   * of that name in any document: for names a service overwrites in place (a Vault policy written
   * twice holds whichever Terraform applied last), so callers can take all of them.
   */
  findAll(scope: DocumentScope, name: string): T[] {
    const local = this.local(scope, name);
    if (local !== undefined)
      return Array.isArray(local)
        ? [...local].sort((a, b) => compareText(a.location.address, b.location.address))
        : [local];
    const found = this.find(scope, name);
    return found === undefined ? [] : [found];
  }

  find(scope: DocumentScope, name: string): T | undefined {
    const known = this.byName.get(name);
    if (known === undefined) return undefined;
    const local = known instanceof Map ? known.get(scope) : known.scope === scope ? known.named : undefined;
    if (local !== undefined) return Array.isArray(local) ? smallestAddress(local) : local;
    // Found in any document only when defined once in all of them.
    return known instanceof Map || Array.isArray(known.named) ? undefined : known.named;
  }

  private local(scope: DocumentScope, name: string): Named<T> | undefined {
    const known = this.byName.get(name);
    if (known === undefined) return undefined;
    return known instanceof Map ? known.get(scope) : known.scope === scope ? known.named : undefined;
  }
}

/** The entities of a name defined in one document only. */
interface InOneScope<T> {
  readonly scope: DocumentScope;
  named: Named<T>;
}

function withEntry<T>(named: Named<T>, entry: T): Named<T> {
  if (!Array.isArray(named)) return [named, entry];
  named.push(entry);
  return named;
}

/** The first entity with the smallest address. */
function smallestAddress<T extends { readonly location: { readonly address: string } }>(list: T[]): T {
  let best = list[0];
  for (let i = 1; i < list.length; i++) if (list[i].location.address < best.location.address) best = list[i];
  return best;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
