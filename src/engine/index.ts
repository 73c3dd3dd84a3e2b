// The pure Sensor engine: everything the workflow, simulate, explain and the tests share.
export { step, nextWakeAt } from './step.js';
export { initialState } from './state.js';
export * from './types.js';
