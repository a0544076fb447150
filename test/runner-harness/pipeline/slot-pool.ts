/** CI_CONCURRENT_ID: the lowest slot number not used by a running job. */
export class SlotPool {
  private readonly used = new Set<number>();

  take(): number {
    let slot = 0;
    while (this.used.has(slot)) {
      slot += 1;
    }
    this.used.add(slot);
    return slot;
  }

  release(slot: number): void {
    this.used.delete(slot);
  }
}
