import { LruMap } from "../../bot/lru";

describe("LruMap", () => {
  it("drops the least recently used entry once over capacity; get and set count as use, has does not", () => {
    const map = new LruMap<string, number>(2);
    map.set("a", 1);
    map.set("b", 2);
    expect(map.get("a")).toBe(1);
    map.set("c", 3);
    expect([map.has("a"), map.has("b"), map.has("c")]).toEqual([true, false, true]);
    map.set("c", 30);
    expect(map.has("a")).toBe(true);
    map.set("d", 4);
    expect([map.has("a"), map.has("c"), map.has("d")]).toEqual([false, true, true]);
    expect(map.size).toBe(2);
  });

  it("tells a stored null from a missing key", () => {
    const map = new LruMap<string, string | null>(3);
    map.set("gone", null);
    expect(map.get("gone")).toBeNull();
    expect(map.get("never")).toBeUndefined();
    map.delete("gone");
    expect(map.has("gone")).toBe(false);
  });

  it("refuses a capacity that is not a positive integer", () => {
    expect(() => new LruMap(0)).toThrow("[lru] capacity must be a positive integer, got 0");
    expect(() => new LruMap(1.5)).toThrow("[lru]");
  });
});
