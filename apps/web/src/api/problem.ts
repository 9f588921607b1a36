/** A problem (RFC 9457) the API answered, and where its field errors go on a form. */
export interface FieldError {
  field: string;
  messages: string[];
}

export interface ProblemBody {
  type?: string;
  title: string;
  status: number;
  detail?: string;
  code?: string;
  errors?: FieldError[];
}

export class ApiProblem extends Error {
  constructor(readonly problem: ProblemBody) {
    super(problem.detail ?? problem.title);
  }
  get status(): number {
    return this.problem.status;
  }
  get code(): string | undefined {
    return this.problem.code;
  }
}

/** Anything thrown (a problem, a network failure) as a problem to show. */
export function toProblem(error: unknown): ProblemBody {
  if (error instanceof ApiProblem) return error.problem;
  return {
    title: 'Không kết nối được máy chủ',
    status: 0,
    detail: error instanceof Error ? error.message : String(error),
  };
}

export function isProblemBody(value: unknown): value is ProblemBody {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ProblemBody).title === 'string' &&
    typeof (value as ProblemBody).status === 'number'
  );
}

export type NamePath = (string | number)[];

/**
 * The problem's field errors as Ant Design form fields. `toName` maps an API field path
 * (`scores.3.points`) to the form's name path; fields it does not know (undefined) stay on the
 * problem's summary instead.
 */
export function formFieldErrors(
  problem: ProblemBody,
  toName: (apiPath: string[]) => NamePath | undefined = (p) => p.map((s) => (/^\d+$/.test(s) ? Number(s) : s)),
): { fields: { name: NamePath; errors: string[] }[]; unplaced: FieldError[] } {
  const fields: { name: NamePath; errors: string[] }[] = [];
  const unplaced: FieldError[] = [];
  for (const e of problem.errors ?? []) {
    const name = toName(e.field.split('.'));
    if (name) fields.push({ name, errors: e.messages });
    else unplaced.push(e);
  }
  return { fields, unplaced };
}
