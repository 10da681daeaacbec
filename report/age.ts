/** `3 h 12 min`, `2 d 4 h`, `45 min`. */
export function humanAge(hours: number): string {
  const min = Math.round(Math.abs(hours) * 60);
  const sign = hours < 0 ? "-" : "";
  if (min < 60) return `${sign}${min} min`;
  if (min < 48 * 60) return `${sign}${Math.floor(min / 60)} h ${min % 60} min`;
  return `${sign}${Math.floor(min / 1440)} d ${Math.floor((min % 1440) / 60)} h`;
}
