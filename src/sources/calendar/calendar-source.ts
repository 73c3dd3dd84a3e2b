// Argo's `calendar` EventSource: durable timers inside the EventSource workflow
// (workflows/calendar-runner.ts reads the same config with readCalendarConfig).
import { timersSource } from '../source-descriptor.js';
import { readCalendarConfig } from './calendar-config.js';

export const calendarSource = timersSource({ type: 'calendar', readConfig: readCalendarConfig });
