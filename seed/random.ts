/** FNV-1a: turns a label into a 32-bit seed, so each generated stream is named rather than numbered. */
function hashString(s: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    hash ^= s.charCodeAt(i);
    // × 16777619 modulo 2^32 as shifts: Math.imul gives the same result but is about 25 times
    // slower in the VM contexts jest runs modules in, and it is called a million times here.
    hash += (hash << 1) + (hash << 4) + (hash << 7) + (hash << 8) + (hash << 24);
  }
  return hash >>> 0;
}

/** mulberry32: small, fast and identical on every platform, unlike Math.random. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A stable number in [0, 1) for a label. Used where a value must not depend on the order in which
 * subjects are visited (a household's standing in a given year).
 */
export function unitHash(label: string): number {
  return mulberry32(hashString(label))();
}

export class Random {
  private readonly next: () => number;

  constructor(label: string) {
    this.next = mulberry32(hashString(label));
  }

  between(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** Integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor((max - min + 1) * this.next());
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(items.length * this.next())];
  }

  weighted<T>(items: readonly (readonly [T, number])[]): T {
    const total = items.reduce((sum, [, weight]) => sum + weight, 0);
    let threshold = total * this.next();
    for (const [item, weight] of items) {
      threshold -= weight;
      if (threshold < 0) return item;
    }
    return items[items.length - 1][0];
  }

  shuffle<T>(items: readonly T[]): T[] {
    const result = [...items];
    for (let i = result.length - 1; i > 0; i--) {
      const j = Math.floor((i + 1) * this.next());
      [result[i], result[j]] = [result[j], result[i]];
    }
    return result;
  }

  /** A day in [fromYear-01-01, toYear-12-28]; day 28 keeps every month valid. */
  date(fromYear: number, toYear: number): string {
    const month = String(this.int(1, 12)).padStart(2, '0');
    const day = String(this.int(1, 28)).padStart(2, '0');
    return `${this.int(fromYear, toYear)}-${month}-${day}`;
  }
}
