// A no-op activity a Sensor schedules to end one workflow task and be woken for the next when
// its backlog needs more than one task. A 1 ms timer did the same, but Temporal fires timers on
// a coarse clock (measured on the dev server: p50 906 ms from the task's completion to the
// timer firing), so a Sensor with a backlog and nothing in flight stalled almost a second per
// chunk. An activity completes in milliseconds and wakes the workflow at once.
export function createYieldActivities() {
  return {
    async sensorYield(): Promise<void> {
      // Nothing to do: completing is the point.
    },
  };
}

export type YieldActivities = ReturnType<typeof createYieldActivities>;
