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
  private readonly byScope = new Map<DocumentScope, Map<string, Named<T>>>();
  /** Per name, the one entity of that name in all documents, or {@link AMBIGUOUS}. */
  private readonly global = new Map<string, T | typeof AMBIGUOUS>();
  /** The map of the scope added to last: entities are added document by document. */
  private lastScope: DocumentScope | undefined;
  private lastNames: Map<string, Named<T>> | undefined;

  add(scope: DocumentScope, name: string, entry: T): void {
    let names = scope === this.lastScope ? this.lastNames : this.byScope.get(scope);
    if (names === undefined) this.byScope.set(scope, (names = new Map()));
    this.lastScope = scope;
    this.lastNames = names;
    const same = names.get(name);
    if (same === undefined) names.set(name, entry);
    else if (Array.isArray(same)) same.push(entry);
    else names.set(name, [same, entry]);
    this.global.set(name, this.global.has(name) ? AMBIGUOUS : entry);
  }

  /**
   * Every entity of the referring document with this name (sorted by address), else the one entity
   * of that name in any document: for names a service overwrites in place (a Vault policy written
   * twice holds whichever Terraform applied last), so callers can take all of them.
   */
  findAll(scope: DocumentScope, name: string): T[] {
    const local = this.byScope.get(scope)?.get(name);
    if (local !== undefined)
      return Array.isArray(local)
        ? [...local].sort((a, b) => compareText(a.location.address, b.location.address))
        : [local];
    const found = this.find(scope, name);
    return found === undefined ? [] : [found];
  }

  find(scope: DocumentScope, name: string): T | undefined {
    const local = this.byScope.get(scope)?.get(name);
    if (local !== undefined) return Array.isArray(local) ? smallestAddress(local) : local;
    const everywhere = this.global.get(name);
    return everywhere === AMBIGUOUS ? undefined : everywhere;
  }
}

const AMBIGUOUS = Symbol("defined more than once");

/** The first entity with the smallest address. */
function smallestAddress<T extends { readonly location: { readonly address: string } }>(list: T[]): T {
  let best = list[0];
  for (let i = 1; i < list.length; i++) if (list[i].location.address < best.location.address) best = list[i];
  return best;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
