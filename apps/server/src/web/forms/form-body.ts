/**
 * A parsed urlencoded form body. Nest's Fastify adapter gives a string for a key sent once and
 * an array for a key sent more than once (checkboxes), and anything at all may arrive from a
 * hand-made request, so every read checks what it got.
 */
export type FormBody = Record<string, unknown>;

export function asFormBody(body: unknown): FormBody {
  return body && typeof body === 'object' && !Array.isArray(body) ? (body as FormBody) : {};
}

/** One text field, trimmed; '' when missing. A key sent twice counts as its first value. */
export function formText(body: FormBody, name: string): string {
  if (!Object.hasOwn(body, name)) return '';
  const value = body[name];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first.trim() : '';
}

/** Every value of a repeated field (checkboxes), trimmed, blanks and duplicates dropped. */
export function formList(body: FormBody, name: string): string[] {
  if (!Object.hasOwn(body, name)) return [];
  const value = body[name];
  const values = (Array.isArray(value) ? value : [value]).filter(
    (v): v is string => typeof v === 'string',
  );
  return [...new Set(values.map((v) => v.trim()).filter((v) => v !== ''))];
}
