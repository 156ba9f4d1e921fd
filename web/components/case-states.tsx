import type { Child } from 'hono/jsx';
import { CASE_STATUSES, type CaseStatus } from '../../shared/cases/case.js';

/**
 * "What do these states mean": every state of a 差评 case, named and explained for one audience
 * (the citizen on /me, staff on the case pages). Made from the one list of states, so a state the
 * workflow gains is explained on both sides or fails the typecheck of both dictionaries.
 */
export function CaseStatesHelp({
  summary,
  name,
  meaning,
}: {
  summary: string;
  name: (status: CaseStatus) => string;
  meaning: (status: CaseStatus) => Child;
}) {
  return (
    <details class="case-states" id="case-states">
      <summary>{summary}</summary>
      <dl>
        {CASE_STATUSES.map((status) => (
          <div class="fact" data-status={status}>
            <dt>{name(status)}</dt>
            <dd>{meaning(status)}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
