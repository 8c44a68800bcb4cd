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

  add(scope: DocumentScope, name: string, entry: T): void {
    let names = this.byScope.get(scope);
    if (!names) this.byScope.set(scope, (names = new Map()));
    const known = names.get(name);
    if (known === undefined || entry.location.address < known.location.address) names.set(name, entry);
    const list = this.global.get(name);
    if (list) list.push(entry);
    else this.global.set(name, [entry]);
  }

  find(scope: DocumentScope, name: string): T | undefined {
    const local = this.byScope.get(scope)?.get(name);
    if (local !== undefined) return local;
    const everywhere = this.global.get(name);
    return everywhere && everywhere.length === 1 ? everywhere[0] : undefined;
  }
}
