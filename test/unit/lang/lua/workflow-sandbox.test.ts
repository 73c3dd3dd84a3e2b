// The Lua module must load and run inside Temporal's workflow sandbox (a webpack bundle run in a
// V8 context without Node built-ins or `process`). We bundle a small workflow with the bundler
// options the module documents, then replay a one-task history against it: the workflow checks
// its own Lua answers and fails its task, and so the replay, if anything is off.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { bundleWorkflowCode, DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { LUA_WORKFLOW_BUNDLER_OPTIONS } from '../../../../src/lang/lua/workflow-bundler-options.js';

const quiet = new DefaultLogger('ERROR');
Runtime.install({ logger: quiet });

const workflowsPath = fileURLToPath(new URL('./fixtures/lua-workflow.ts', import.meta.url));
const at = '2024-01-01T00:00:00Z';
const history = {
  events: [
    {
      eventId: '1',
      eventTime: at,
      eventType: 'EVENT_TYPE_WORKFLOW_EXECUTION_STARTED',
      workflowExecutionStartedEventAttributes: {
        workflowType: { name: 'workflow' },
        taskQueue: { name: 'lua' },
        workflowTaskTimeout: '10s',
        originalExecutionRunId: 'run-1',
        firstExecutionRunId: 'run-1',
        attempt: 1,
      },
    },
    {
      eventId: '2',
      eventTime: at,
      eventType: 'EVENT_TYPE_WORKFLOW_TASK_SCHEDULED',
      workflowTaskScheduledEventAttributes: {
        taskQueue: { name: 'lua' },
        startToCloseTimeout: '10s',
        attempt: 1,
      },
    },
    {
      eventId: '3',
      eventTime: at,
      eventType: 'EVENT_TYPE_WORKFLOW_TASK_STARTED',
      workflowTaskStartedEventAttributes: { scheduledEventId: '2', requestId: 'request-1' },
    },
    {
      eventId: '4',
      eventTime: at,
      eventType: 'EVENT_TYPE_WORKFLOW_TASK_COMPLETED',
      workflowTaskCompletedEventAttributes: { scheduledEventId: '2', startedEventId: '3' },
    },
    {
      eventId: '5',
      eventTime: at,
      eventType: 'EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED',
      workflowExecutionCompletedEventAttributes: { workflowTaskCompletedEventId: '4' },
    },
  ],
};

test('the Lua module bundles for the workflow sandbox with no ignoreModules, and runs there', async () => {
  const bundle = await bundleWorkflowCode({ workflowsPath, logger: quiet, ...LUA_WORKFLOW_BUNDLER_OPTIONS });
  // fengari's Node-only branches (fs, child_process, readline-sync, tmp) are compiled out.
  assert.doesNotMatch(bundle.code, /readline-sync|child_process/);
  await Worker.runReplayHistory({ workflowBundle: bundle }, history, 'lua-workflow');
});
