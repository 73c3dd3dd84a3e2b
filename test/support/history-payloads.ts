// Reading a workflow's history in tests: what it was started with, which signals it received,
// and the inputs of the activities it scheduled, decoded with Temporal's default converter.
import type { Client } from '@temporalio/client';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import proto from '@temporalio/proto';

type HistoryEvent = proto.temporal.api.history.v1.IHistoryEvent;

const decode = (payloads: Payload[] | null | undefined): unknown[] =>
  (payloads ?? []).map((p) => defaultPayloadConverter.fromPayload(p));

export async function historyEvents(client: Client, workflowId: string, runId?: string) {
  const history = await client.workflow.getHandle(workflowId, runId).fetchHistory();
  return (history.events ?? []) as HistoryEvent[];
}

/** The workflow's arguments, from its first event (WorkflowExecutionStarted). */
export function startArgs(events: HistoryEvent[]): unknown[] {
  const started = events[0]?.workflowExecutionStartedEventAttributes;
  if (!started) throw new Error('the history does not begin with WorkflowExecutionStarted');
  return decode(started.input?.payloads as Payload[] | undefined);
}

/** Every WorkflowExecutionSignaled event: its signal name and decoded arguments. */
export function signalsReceived(events: HistoryEvent[]): { name: string; args: unknown[] }[] {
  return events.flatMap((ev) => {
    const s = ev.workflowExecutionSignaledEventAttributes;
    return s ? [{ name: s.signalName ?? '', args: decode(s.input?.payloads as Payload[] | undefined) }] : [];
  });
}

/** The decoded arguments of every activity of this type the workflow scheduled. */
export function scheduledActivityArgs(events: HistoryEvent[], activityType: string): unknown[][] {
  return events.flatMap((ev) => {
    const a = ev.activityTaskScheduledEventAttributes;
    return a?.activityType?.name === activityType ? [decode(a.input?.payloads as Payload[] | undefined)] : [];
  });
}

/** The whole history as text (payload data included, undecoded), to look for what must not be there. */
export async function historyText(client: Client, workflowId: string): Promise<string> {
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  return Buffer.from(proto.temporal.api.history.v1.History.encode(history).finish()).toString('utf8');
}
