import fc from "fast-check";
import { accountabilityFromTags, accountabilityTags, toTagValue } from "../../lib/model/accountability-tags";
import { identityRecord } from "../render/record-fixture";

// AWS (IAM quotas page): tag keys <= 128 characters, values <= 256, letters, digits, spaces and `_.:/=+-@`.
const AWS_TAG_TEXT = /^[\p{L}\p{N} _.:/=+\-@]*$/u;

test("any text becomes a valid IAM tag value (10,000 cases)", () => {
  fc.assert(
    fc.property(fc.string({ unit: "grapheme", maxLength: 400 }), (text) => {
      const value = toTagValue(text);
      expect(AWS_TAG_TEXT.test(value)).toBe(true);
      expect(Array.from(value).length).toBeLessThanOrEqual(256);
    }),
    { numRuns: 10000 },
  );
});

test("tag-safe accountability survives the round trip through role tags", () => {
  fc.assert(
    fc.property(
      fc.stringMatching(/^[A-Za-z0-9 _.:/=+@-]{1,60}$/),
      fc.stringMatching(/^[a-z0-9.@-]{3,40}$/),
      (team, contact) => {
        const tags = accountabilityTags(identityRecord({ owner: { team, contact } }));
        for (const [key, value] of Object.entries(tags)) {
          expect(key.length).toBeLessThanOrEqual(128);
          expect(AWS_TAG_TEXT.test(key) && AWS_TAG_TEXT.test(value)).toBe(true);
        }
        expect(accountabilityFromTags(tags).owner).toEqual({ team, contact });
      },
    ),
    { numRuns: 2000 },
  );
});
