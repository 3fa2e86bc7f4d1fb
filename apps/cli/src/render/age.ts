/** Short ages for tables: `45s`, `5m`, `2h`, `3d`. */
export function formatAge(since: string, now: Date): string {
  const then = Date.parse(since);
  if (Number.isNaN(then)) return "-";
  const seconds = Math.max(0, Math.floor((now.getTime() - then) / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours}h`;
  return `${Math.floor(hours / 24)}d`;
}
