import { findMisreadReference, findReference, isWellFormedReference, newReference, REFERENCE_ALPHABET } from "../../../bot/cases/reference";

describe("references typed wrong (QA 47, bug 11)", () => {
  it.each([
    ["MMN-ABC123 ne durumda", "MMN-ABC123"],
    ["mmn abc123", "MMN-ABC123"],
    ["mmn-abcdef", "MMN-ABCDEF"],
    ["MMN-0K3Q9A", "MMN-0K3Q9A"],
    ["mmn0k3q9a", "MMN-0K3Q9A"],
    ["MMN-7K3Q9", "MMN-7K3Q9"],
    ["MMN-7K3Q9AA", "MMN-7K3Q9AA"],
    ["mmn-ı1o0s5", "MMN-I1O0S5"],
  ])("reads %p as the reference %p typed wrong: no case can have it", (text, reference) => {
    expect(findReference(text)).toBeNull();
    expect(findMisreadReference(text)).toBe(reference);
    expect(isWellFormedReference(reference)).toBe(false);
  });

  it.each(["MMN kaydım ne oldu", "MMN-7K3Q9AAA", "şikayetim ne durumda", "MMN 2024", "mmn"])("finds no reference in %p", (text) => {
    expect(findReference(text)).toBeNull();
    expect(findMisreadReference(text)).toBeNull();
  });

  it("leaves a reference of the alphabet to findReference", () => {
    for (let i = 0; i < 50; i += 1) {
      const reference = newReference();
      expect(findReference(`${reference.toLowerCase()} ne durumda`)).toBe(reference);
      expect(findMisreadReference(reference)).toBeNull();
      expect(isWellFormedReference(reference)).toBe(true);
    }
  });

  it("can map no look-alike back: the alphabet holds neither symbol of 0/O, 1/I/L, 5/S, 8/B", () => {
    for (const symbol of "0O1IL5S8B") expect(REFERENCE_ALPHABET).not.toContain(symbol);
  });
});
