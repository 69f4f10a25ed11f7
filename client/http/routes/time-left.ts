const HOUR_MS = 3600 * 1000;

/** "còn 3 ngày 4 giờ", "còn 5 giờ", "còn dưới 1 giờ", "quá hạn 2 ngày" or "vừa quá hạn" for the submission page. */
export function timeLeft(msLeft: number): string {
  const hours = Math.floor(Math.abs(msLeft) / HOUR_MS);
  const days = Math.floor(hours / 24);
  if (msLeft <= 0) return days > 0 ? `quá hạn ${days} ngày` : hours > 0 ? `quá hạn ${hours} giờ` : 'vừa quá hạn';
  if (days > 0) return `còn ${days} ngày${hours % 24 ? ` ${hours % 24} giờ` : ''}`;
  return hours > 0 ? `còn ${hours} giờ` : 'còn dưới 1 giờ';
}
