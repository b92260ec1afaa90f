/** The applicant's form, checked against the JSON Schema of the procedure version (compiled once). */
import type { ErrorObject, ValidateFunction } from 'ajv';
import { invalid } from '../../../http/errors';
import { translateAjvError } from '../../../http/problem';
import { createFormAjv } from '../../../http/validation';

const formAjv = createFormAjv();
const compiledForms = new Map<number, ValidateFunction>();

export function validateForm(versionId: number, schema: object, data: unknown) {
  let validate = compiledForms.get(versionId);
  if (!validate) {
    validate = formAjv.compile(schema);
    compiledForms.set(versionId, validate);
  }
  if (!validate(data)) {
    const errors = (validate.errors ?? []).map((error: ErrorObject) => {
      const translated = translateAjvError(error, 'formData');
      return { ...translated, field: `/formData${translated.field === '/formData' ? '' : translated.field}` };
    });
    throw invalid(errors, 'Tờ khai chưa hợp lệ. Vui lòng kiểm tra các trường được nêu.');
  }
}
