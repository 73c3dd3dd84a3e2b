// The Argo Workflow that Argo's example Sensors create: one template echoing its `message`
// argument, which the Sensors' parameters overwrite from the event.
export function helloWorkflow(generateName = 'webhook-') {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Workflow',
    metadata: { generateName },
    spec: {
      entrypoint: 'print-message',
      arguments: { parameters: [{ name: 'message', value: 'hello world' }] },
      templates: [
        {
          name: 'print-message',
          inputs: { parameters: [{ name: 'message' }] },
          container: { image: 'busybox', command: ['echo'], args: ['{{inputs.parameters.message}}'] },
        },
      ],
    },
  };
}
