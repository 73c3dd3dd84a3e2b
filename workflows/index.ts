// Every workflow the Eventide worker runs.
export { sensorWorkflow } from './sensor.js';
export { eventSourceWorkflow } from './eventsource.js';
