// One workflow per EventSource: it holds the current spec (the ingress reads it from the memo)
// and, for sources that are not pushed to us, drives their timers and listeners.
import { condition, setHandler, upsertMemo, continueAsNew, workflowInfo } from '@temporalio/workflow';
import {
  eventSourceDeleteSignal,
  eventSourceSpecQuery,
  eventSourceSpecSignal,
  type EventSourceWorkflowInput,
} from './eventsource-api.js';

export async function eventSourceWorkflow(input: EventSourceWorkflowInput): Promise<void> {
  let spec = input.spec;
  let deleted = false;
  let updates = 0;
  setHandler(eventSourceSpecSignal, (next) => {
    spec = next;
    updates++;
    upsertMemo({ spec });
  });
  setHandler(eventSourceDeleteSignal, () => {
    deleted = true;
  });
  setHandler(eventSourceSpecQuery, () => spec);
  await condition(() => deleted || (updates > 0 && workflowInfo().continueAsNewSuggested));
  if (!deleted) await continueAsNew<typeof eventSourceWorkflow>({ source: input.source, spec });
}
