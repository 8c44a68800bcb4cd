import { NameIndex } from "../../lib/extract/name-index";
import type { DocumentScope } from "../../lib/extract/resource-view";

const scope = (file: string) => ({ file }) as unknown as DocumentScope;
const entry = (address: string) => ({ location: { address } });

describe("names across documents", () => {
  test("GIVEN a name defined twice in a document WHEN found THEN the smaller address, the first of equals; all of them sorted", () => {
    const index = new NameIndex<{ location: { address: string } }>();
    const a = scope("a");
    const z = entry("aws_iam_role.z");
    const b1 = entry("aws_iam_role.b");
    const b2 = entry("aws_iam_role.b");
    index.add(a, "n", z);
    index.add(a, "n", b1);
    index.add(a, "n", b2);
    expect(index.find(a, "n")).toBe(b1);
    expect(index.findAll(a, "n")).toEqual([b1, b2, z]);
    expect(index.findAll(a, "n")[0]).toBe(b1);
  });

  test("GIVEN names in several documents THEN a name defined once anywhere is found from any document, one defined twice only locally", () => {
    const index = new NameIndex<{ location: { address: string } }>();
    const [a, b, c] = [scope("a"), scope("b"), scope("c")];
    const once = entry("aws_iam_role.once");
    const inA = entry("aws_iam_role.twice");
    const inB = entry("aws_iam_role.twice");
    index.add(a, "once", once);
    index.add(a, "twice", inA);
    index.add(b, "twice", inB);
    expect(index.find(c, "once")).toBe(once);
    expect(index.findAll(c, "once")).toEqual([once]);
    expect(index.find(c, "twice")).toBeUndefined();
    expect(index.findAll(c, "twice")).toEqual([]);
    expect(index.find(b, "twice")).toBe(inB);
    expect(index.find(a, "twice")).toBe(inA);
    expect(index.find(a, "none")).toBeUndefined();
    index.add(a, "late", entry("x.y"));
    index.add(a, "late", entry("x.z"));
    expect(index.find(c, "late")).toBeUndefined();
    expect(index.findAll(a, "late").map((e) => e.location.address)).toEqual(["x.y", "x.z"]);
  });
});
