// The sink through which the Sensor workflow reports each decision. A live worker may log them;
// `eventide explain` replays history with a sink that collects them, so the audit is the
// history run through the very code that decided.
import type { Sinks } from '@temporalio/workflow';
import type { Decision } from '../src/engine/types.js';

export interface AuditSinks extends Sinks {
  audit: {
    decision(sensorWorkflowId: string, decision: Decision): void;
  };
}
