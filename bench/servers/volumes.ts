/** Ids of the extra available volumes the benchmark mock is given (UUID-shaped, distinct from the defaults). */
export function benchVolumeIds(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `b3c4d5e6-0000-4000-8000-${i.toString(16).padStart(12, '0')}`);
}
