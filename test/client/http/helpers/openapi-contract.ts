import Ajv, { type ValidateFunction } from 'ajv';

interface OpenApiDocument {
  paths: Record<
    string,
    Record<string, { responses: Record<string, { content?: Record<string, { schema: object }> }> }>
  >;
  components: { schemas: Record<string, object> };
}

/**
 * Checks real responses against the OpenAPI document the server serves: the status must be one the operation
 * declares, and a JSON body must validate against the declared schema (with the document's components, so
 * `#/components/schemas/…` references resolve). Ajv is the validator Fastify itself uses.
 */
export class OpenApiContract {
  // OpenAPI 3.0 writes `type: [x, 'null']` as `nullable: true`.
  private readonly ajv = new Ajv({ allErrors: true, nullable: true });
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(private readonly document: OpenApiDocument) {}

  /** Problems of one response, empty when it honours the contract. `path` is the document's template. */
  problems(method: string, path: string, status: number, body: string): string[] {
    const operation = this.document.paths[path]?.[method.toLowerCase()];
    if (!operation) return [`${method} ${path}: not in the OpenAPI document`];
    const declared = operation.responses[String(status)];
    if (!declared) {
      return [`${method} ${path}: status ${status} not declared (${Object.keys(operation.responses).join(', ')})`];
    }
    const schema = declared.content?.['application/json']?.schema;
    if (!schema) return body === '' ? [] : [`${method} ${path} ${status}: a body where none is declared`];
    const key = `${method} ${path} ${status}`;
    let validate = this.compiled.get(key);
    if (!validate) {
      validate = this.ajv.compile({ ...schema, components: this.document.components });
      this.compiled.set(key, validate);
    }
    if (validate(JSON.parse(body))) return [];
    return (validate.errors ?? []).map((error) => `${key}: ${error.dataPath} ${error.message ?? ''}`);
  }
}
