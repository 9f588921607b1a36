/** A command's problem shown where it belongs: on the fields it names, the rest above the button. */
import { Alert, type FormInstance } from 'antd';
import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { formFieldErrors, toProblem, type NamePath, type ProblemBody } from '../api/problem';
import type { CommandAnswer } from '../api/views';

export function ProblemAlert({ problem }: { problem: ProblemBody | undefined }) {
  if (!problem) return null;
  return (
    <Alert
      role="alert"
      type="error"
      showIcon
      style={{ marginBottom: 12 }}
      title={problem.title}
      description={
        <>
          {problem.detail && <div>{problem.detail}</div>}
          {(problem.errors ?? []).map((e) => (
            <div key={e.field}>{e.messages.join('; ')}</div>
          ))}
        </>
      }
    />
  );
}

/**
 * Runs a command from a form: while it runs the button waits; on success every read is fetched
 * again at the command's position; on a problem, the fields it names show its messages.
 */
export function useFormCommand<V>(
  form: FormInstance | undefined,
  run: (values: V) => Promise<unknown>,
  options: { toName?: (apiPath: string[]) => NamePath | undefined; onDone?: (answer: CommandAnswer) => void } = {},
) {
  const client = useQueryClient();
  const [problem, setProblem] = useState<ProblemBody>();
  const [pending, setPending] = useState(false);
  const submit = async (values: V) => {
    setPending(true);
    setProblem(undefined);
    try {
      const answer = (await run(values)) as CommandAnswer;
      await client.invalidateQueries();
      options.onDone?.(answer);
      return answer;
    } catch (error) {
      const p = toProblem(error);
      const { fields, unplaced } = formFieldErrors(p, options.toName);
      if (form && fields.length > 0) form.setFields(fields);
      setProblem({ ...p, errors: unplaced });
      return undefined;
    } finally {
      setPending(false);
    }
  };
  return { submit, problem, pending, clear: () => setProblem(undefined) };
}
