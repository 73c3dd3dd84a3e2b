// A broker message's body as Argo puts it in the event: parsed JSON with `jsonBody: true`, else
// Go's []byte, which encoding/json writes as base64. A body that is not JSON under jsonBody stays
// a string (Argo drops the message with an error; Eventide keeps it and says so in the README).
export function argoBody(payload: Buffer, jsonBody: boolean): unknown {
  if (!jsonBody) return payload.toString('base64');
  const text = payload.toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
