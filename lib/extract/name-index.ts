import type { DocumentScope } from "./resource-view";

/**
 * Finds entities by the name Terraform gives them (role name, Vault policy name, mount path):
 * first in the referring document, then in any document (stacks of one app share an account).
 * A name that several documents define is ambiguous across documents and resolves to nothing.
 * A name defined twice in one document resolves to the entity with the smaller address, so the
 * order the resources are written in changes nothing.
 */
export class NameIndex<T extends { readonly location: { readonly address: string } }> {
  private readonly byScope = new Map<DocumentScope, Map<string, T>>();
  private readonly global = new Map<string, T[]>();
  private readonly allByScope = new Map<DocumentScope, Map<string, T[]>>();

  add(scope: DocumentScope, name: string, entry: T): void {
    let names = this.byScope.get(scope);
    if (!names) this.byScope.set(scope, (names = new Map()));
    const known = names.get(name);
    if (known === undefined || entry.location.address < known.location.address) names.set(name, entry);
    let all = this.allByScope.get(scope);
    if (!all) this.allByScope.set(scope, (all = new Map()));
    const same = all.get(name);
    if (same) same.push(entry);
    else all.set(name, [entry]);
    const list = this.global.get(name);
    if (list) list.push(entry);
    else this.global.set(name, [entry]);
  }

  /**
   * Every entity of the referring document with this name (sorted by address), else the one entity
   * of that name in any document: for names a service overwrites in place (a Vault policy written
   * twice holds whichever Terraform applied last), so callers can take all of them.
   */
  findAll(scope: DocumentScope, name: string): T[] {
    const local = this.allByScope.get(scope)?.get(name);
    if (local !== undefined)
      return [...local].sort((a, b) => compareText(a.location.address, b.location.address));
    const found = this.find(scope, name);
    return found === undefined ? [] : [found];
  }

  find(scope: DocumentScope, name: string): T | undefined {
    const local = this.byScope.get(scope)?.get(name);
    if (local !== undefined) return local;
    const everywhere = this.global.get(name);
    return everywhere && everywhere.length === 1 ? everywhere[0] : undefined;
  }
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
