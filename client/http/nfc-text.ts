/**
 * Every string in a JSON value (keys too) in Unicode NFC. Vietnamese typed on macOS or pasted from some PDFs arrives
 * decomposed (NFD): "ạ" as "a" + U+0323. Both forms are the same text, so what we store and compare is composed.
 */
export function toNfc<T>(value: T): T {
  if (typeof value === 'string') return value.normalize('NFC') as T;
  if (Array.isArray(value)) return value.map((item: unknown) => toNfc(item)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key.normalize('NFC'), toNfc(item)])) as T;
  }
  return value;
}
