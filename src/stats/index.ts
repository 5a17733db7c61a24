export { inverseNormal } from './inverse-normal.ts';
export type { Interval } from './wilson.ts';
export { wilsonInterval, Z_95 } from './wilson.ts';
