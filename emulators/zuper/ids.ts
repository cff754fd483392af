/** Seeded identifiers, so a run with the same seed produces the same uids. */
export class IdGenerator {
  constructor(
    private readonly rng: () => number,
    private readonly now: () => Date,
  ) {}

  private hex(digits: number): string {
    let out = '';
    while (out.length < digits)
      out += Math.floor(this.rng() * 0x10000)
        .toString(16)
        .padStart(4, '0');
    return out.slice(0, digits);
  }

  /** RFC 4122 version-4 layout. */
  uuid(): string {
    const h = this.hex(32);
    const variant = ((parseInt(h[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }

  /** Mongo ObjectId layout: 4-byte seconds timestamp, then 8 random bytes. */
  objectId(): string {
    const seconds = Math.floor(this.now().getTime() / 1000);
    return seconds.toString(16).padStart(8, '0').slice(-8) + this.hex(16);
  }
}
