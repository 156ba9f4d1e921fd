import type { Plan } from '../../shared/plan/document.js';

/**
 * One citizen page of each kind, the list the page tests check and the web budget measures: the
 * home page, the lists, the first indicator and one with a growth target, a project, the method.
 */
export const citizenPagePaths = (plan: Plan): string[] => [
  '/',
  '/indicators',
  '/indicators/gdp',
  '/indicators/fixed-asset-investment-growth',
  '/projects',
  `/projects/${plan.projects[0]!.id}`,
  '/method',
];
