// The evaluation case format (shared with ../shared/eval): a customer's message or turns and what
// a good reply is.
import { readFileSync } from 'node:fs';
import { z } from 'zod';

export const evalCase = z
  .object({
    id: z.union([z.string(), z.number()]).transform(String),
    message: z.string().optional(),
    turns: z.array(z.string()).min(1).optional(),
    expect: z.enum(['answer', 'clarify', 'handoff', 'urgent']).optional(),
    topics: z.array(z.string()).default([]),
    lang: z.string().optional(),
  })
  .refine((c) => c.message !== undefined || c.turns !== undefined, 'needs "message" or "turns"');

export type EvalCase = z.infer<typeof evalCase>;

export function turnsOf(c: EvalCase): string[] {
  return c.turns ?? [c.message ?? ''];
}

/** Parses JSON lines; a bad line fails with its number and what is wrong. */
export function parseCases(text: string, source = 'input'): EvalCase[] {
  return text
    .split('\n')
    .map((line, i) => ({ line, n: i + 1 }))
    .filter(({ line }) => line.trim())
    .map(({ line, n }) => {
      let json: unknown;
      try {
        json = JSON.parse(line);
      } catch {
        throw new Error(`${source}:${n}: not JSON`);
      }
      const result = evalCase.safeParse(json);
      if (!result.success) throw new Error(`${source}:${n}: ${result.error.issues.map((i) => `${i.path.join('.') || 'case'}: ${i.message}`).join('; ')}`);
      return result.data;
    });
}

export function readCases(path: string): EvalCase[] {
  return parseCases(readFileSync(path, 'utf8'), path);
}
