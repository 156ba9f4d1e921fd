import { CaseStatesHelp } from '../../components/case-states.js';
import { messages } from '../../i18n.js';
import type { StaffContext } from '../layout.js';

/**
 * The case states as staff name them, each with what it means and how the citizen's page words
 * the same state, so what a monitor reads and what they tell a citizen on the phone agree.
 */
export function StaffCaseStates({ ctx }: { ctx: StaffContext }) {
  const { s } = ctx;
  const citizen = messages(ctx.lang);
  return (
    <CaseStatesHelp
      summary={s.caseStatesSummary}
      name={s.caseStatus}
      meaning={(status) => (
        <>
          {s.caseStatusMeaning(status)} <span class="muted">{s.caseStatusCitizenSees(citizen.caseStatus(status))}</span>
        </>
      )}
    />
  );
}
