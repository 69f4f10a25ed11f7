/** A unit as it stood on a date (db/unit.repository.ts `UnitAt`). */
export const unitSchema = {
  type: 'object',
  required: ['id', 'code', 'name', 'type', 'validFrom'],
  properties: {
    id: { type: 'string' },
    code: { type: 'string', example: 'SGD' },
    name: { type: 'string', example: 'Sở Giáo dục và Đào tạo' },
    type: { type: 'string', example: 'so' },
    parentId: { type: ['string', 'null'] },
    validFrom: { type: 'string', example: '2025-07-01' },
    validTo: { type: ['string', 'null'] },
    source: { type: 'string' },
  },
} as const;

export const successionSchema = {
  type: 'object',
  required: ['unit', 'kind', 'effectiveOn'],
  properties: { unit: unitSchema, kind: { type: 'string' }, effectiveOn: { type: 'string' } },
} as const;

export const contactSchema = {
  type: 'object',
  required: ['role'],
  properties: {
    role: { type: 'string', enum: ['reporter', 'head'] },
    name: { type: ['string', 'null'] },
    email: { type: ['string', 'null'] },
    phone: { type: ['string', 'null'] },
  },
} as const;

/** `?at=` — a day as people type it (`01/07/2025`) or ISO (`2025-07-01`); today in Vietnam when absent. */
export const atQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { at: { type: 'string', maxLength: 10, description: 'ngày xem, dd/mm/yyyy hoặc yyyy-mm-dd' } },
} as const;
