import type { NominationForm } from '../plan/plan-schema';

/** A nomination as a compliance view shows it; `name` is null when it names a person and the reader may not see it. */
export interface NominationView {
  form: string;
  field: string | null;
  name: string | null;
  achievements: string | null;
  birthDate?: string;
  position?: string;
}

/** Forms whose name is a person's (the individual, or the head of a household). */
const PERSONAL_FORMS: readonly string[] = ['cá nhân', 'hộ gia đình'] satisfies NominationForm[];

/**
 * A stored nomination for a reader: everything when `personalData` is allowed, otherwise without the personal data
 * of Nghị định 13/2023 — the name of an individual or household head, the birth date, the position. A collective's
 * name is not personal data and stays.
 */
export function nominationView(stored: unknown, personalData: boolean): NominationView {
  const record = (typeof stored === 'object' && stored !== null ? stored : {}) as Record<string, unknown>;
  const text = (key: string) => (typeof record[key] === 'string' ? record[key] : undefined);
  const form = text('form') ?? '';
  const view: NominationView = {
    form,
    field: text('field') ?? null,
    name: personalData || !PERSONAL_FORMS.includes(form) ? (text('name') ?? null) : null,
    achievements: text('achievements') ?? null,
  };
  if (!personalData) return view;
  const birthDate = text('birthDate');
  const position = text('position');
  return { ...view, ...(birthDate ? { birthDate } : {}), ...(position ? { position } : {}) };
}
