import type { ChecksAnswer } from '../../operator/contract/checks.js';
import { indent } from './words.js';

const marks = { passed: 'ok  ', failed: 'FAIL', unknown: '?   ', pending: '... ' } as const;

/** One line per check, with the fix under each one that did not pass, and a tally. */
export function formatChecks(answer: ChecksAnswer): string {
  const lines = answer.checks.map((c) => {
    const head = `${marks[c.status]}  ${c.title}: ${c.detail}`;
    return c.fix && c.status !== 'passed' ? `${head}\n${indent(`Fix: ${c.fix}`, '      ')}` : head;
  });
  const count = (s: keyof typeof marks) => answer.checks.filter((c) => c.status === s).length;
  const waiting = count('pending');
  const tally =
    `${count('passed')} passed, ${count('failed')} failed, ${count('unknown')} could not be checked` +
    (waiting ? `, ${waiting} wait${waiting === 1 ? 's' : ''} for an answer (check again later).` : '.');
  return [`Prerequisites of ${answer.connectionId}:`, ...lines, '', tally].join('\n');
}
