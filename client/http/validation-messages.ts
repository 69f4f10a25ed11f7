/** One schema violation as Fastify's Ajv reports it. */
export interface SchemaViolation {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

const TYPE_NAMES: Record<string, string> = {
  string: 'chuỗi ký tự',
  integer: 'số nguyên',
  number: 'số',
  boolean: 'true hoặc false',
  object: 'đối tượng JSON',
  array: 'danh sách',
  null: 'null',
};

const PLACES: Record<string, string> = {
  body: 'nội dung',
  querystring: 'tham số',
  params: 'đường dẫn',
  headers: 'tiêu đề',
};

/** `/nominations/1/name` → `nominations[1].name`; the missing or extra property is appended when Ajv names one. */
export function violationField(violation: SchemaViolation): string | null {
  const parts = violation.instancePath
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
  const extra = violation.params.missingProperty ?? violation.params.additionalProperty;
  if (typeof extra === 'string') parts.push(extra);
  const path = parts.reduce(
    (text, part) => (/^\d+$/.test(part) ? `${text}[${part}]` : text ? `${text}.${part}` : part),
    '',
  );
  return path || null;
}

function describe(violation: SchemaViolation): string {
  const p = violation.params;
  switch (violation.keyword) {
    case 'required':
      return 'là bắt buộc nhưng chưa có';
    case 'additionalProperties':
      return 'không phải là trường được nhận';
    case 'type': {
      const types = String(p.type)
        .split(',')
        .map((type) => TYPE_NAMES[type] ?? type);
      return `phải là ${types.join(' hoặc ')}`;
    }
    case 'minLength':
      return Number(p.limit) === 1 ? 'không được để trống' : `phải có ít nhất ${String(p.limit)} ký tự`;
    case 'maxLength':
      return `không được dài quá ${String(p.limit)} ký tự`;
    case 'minimum':
      return `phải từ ${String(p.limit)} trở lên`;
    case 'maximum':
      return `không được lớn hơn ${String(p.limit)}`;
    case 'minItems':
      return `phải có ít nhất ${String(p.limit)} phần tử`;
    case 'maxItems':
      return `không được quá ${String(p.limit)} phần tử`;
    case 'enum':
      return `phải là một trong: ${(p.allowedValues as unknown[]).map((value) => String(value)).join(', ')}`;
    case 'pattern':
      return 'không đúng dạng';
    case 'format':
      return `không đúng định dạng ${String(p.format)}`;
    default:
      return `không hợp lệ (${violation.keyword})`;
  }
}

/**
 * The Vietnamese message and field of the first schema violation of a request: `"reason" (nội dung) là bắt buộc
 * nhưng chưa có`, with field `reason`. Only the first: the person fixes it and sends again, as with a form.
 */
export function translateViolation(
  violation: SchemaViolation,
  context: string | undefined,
): { message: string; field: string | null } {
  const field = violationField(violation);
  const place = PLACES[context ?? 'body'] ?? context ?? 'nội dung';
  const subject = field ? `"${field}" (${place})` : `${place.charAt(0).toUpperCase()}${place.slice(1)}`;
  return { message: `${subject} ${describe(violation)}`, field };
}
