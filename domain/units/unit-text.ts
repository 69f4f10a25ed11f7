/**
 * Names and codes as stored. Vietnamese text arrives both composed (NFC) and decomposed (NFD): Excel on macOS and
 * some published lists (the 2025 reform mapping itself has NFD names) write "ạ" as "a" + U+0323. The two forms are
 * canonically equivalent, so names are normalised to NFC rather than rejected: a unit typed either way is the same
 * unit, compares equal and sorts the same. Whitespace runs collapse to one space; ends are trimmed.
 */
export function normaliseUnitName(name: string): string {
  return name.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** Official codes (`01`, `00004`) and agencies' own codes (`SNV`, `000.00.12.H12`): letters, digits, `.-_/`. */
const CODE = /^[\p{L}\p{N}][\p{L}\p{N}._/-]*$/u;

/** The code as stored (NFC, trimmed), or undefined when it is empty or has characters a code cannot have. */
export function normaliseUnitCode(code: string): string | undefined {
  const normalised = code.normalize('NFC').trim();
  return CODE.test(normalised) ? normalised : undefined;
}
