/** The public face of the Pareto engine: the job task and the bench import from here, never from the parts. */
export { analyseFront, ParetoInputError } from './analyse-front.js';
export type { ExcludedRow, ParetoAnalysis, ParetoInput } from './analyse-front.js';
export { crowdingDistance } from './crowding-distance.js';
export { thinFront } from './epsilon-thinning.js';
export type { Thinning } from './epsilon-thinning.js';
export { hypervolume } from './hypervolume.js';
export type { Hypervolume } from './hypervolume.js';
export { kneePoint, normaliseFront } from './knee-point.js';
export type { Knee } from './knee-point.js';
export { lexicographicChoice } from './lexicographic.js';
export type { LexicographicChoice, LexicographicStep } from './lexicographic.js';
export { frontMembers, nonDominatedSort } from './non-dominated-sort.js';
export type { Fronts, SortOptions } from './non-dominated-sort.js';
