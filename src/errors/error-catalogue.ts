// Every error code a user can see, defined once: its HTTP status, what it means and how to fix it.
// Call sites name a code and add the detail of their case; the status comes from here, so a code
// always answers with the same status. README "Error codes" lists them (a test keeps it complete).

interface ErrorEntry {
  /** HTTP status of a reply carrying this code; absent for errors that are not HTTP replies (start-up configuration) */
  status?: number;
  /** what went wrong, in one sentence */
  meaning: string;
  /** what the user can do about it */
  fix: string;
}

export const ERROR_CATALOGUE = {
  EVT_ERR_INGRESS_ROUTE_NOT_FOUND: {
    status: 404,
    meaning: 'no EventSource listens at this port and path',
    fix: 'check the EventSource `port` and `endpoint`, and that the EventSource is applied (`eventide get eventsources`)',
  },
  EVT_ERR_INGRESS_METHOD_MISMATCH: {
    status: 400,
    meaning: 'the request used another HTTP method than the event declares in `method`',
    fix: 'send with the declared method, or change `method` in the EventSource',
  },
  EVT_ERR_INGRESS_PAYLOAD_TOO_LARGE: {
    status: 413,
    meaning: 'the request body, or the event made from it, is larger or deeper than the limit',
    fix: 'send a smaller body, or raise `maxPayloadSize` on the event (the reply names the limit)',
  },
  EVT_ERR_INGRESS_EVENT_TOO_DEEP: {
    status: 400,
    meaning: 'the event nests deeper than Eventide can hold and signal durably (1,000 levels)',
    fix: 'flatten the payload; the reply names the limit',
  },
  EVT_ERR_INGRESS_EVENT_TOO_LARGE: {
    status: 413,
    meaning:
      'the event, once encoded, is larger than Eventide signals to a Sensor (Temporal caps a payload at 2 MB)',
    fix: 'send a smaller body; the reply names the limit',
  },
  EVT_ERR_INGRESS_BAD_BODY: {
    status: 400,
    meaning: 'the request body could not be read as the source type expects (invalid JSON, form or encoding)',
    fix: 'send a body in the format the source type documents; the reply says what could not be read',
  },
  EVT_ERR_INGRESS_BAD_REQUEST: {
    status: 400,
    meaning: 'the HTTP request itself was malformed',
    fix: 'check the request line and headers the sender produces',
  },
  EVT_ERR_INGRESS_UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    meaning: 'the request has a content type this source type does not accept',
    fix: 'send the content type the provider documents (e.g. application/json for GitHub webhooks)',
  },
  EVT_ERR_INGRESS_UNAUTHORIZED: {
    status: 401,
    meaning: 'the request lacks the credentials the event requires (e.g. the bearer token of `authSecret`)',
    fix: 'send the token the EventSource expects',
  },
  EVT_ERR_INGRESS_BAD_SIGNATURE: {
    status: 401,
    meaning: "the request's signature does not match the configured secret, or its timestamp is too old",
    fix: 'configure the same secret at the provider and in the EventSource; check the sender clock',
  },
  EVT_ERR_INGRESS_FORBIDDEN: {
    status: 403,
    meaning: 'the request is authentic but not allowed (e.g. an SNS topic that is not the configured one)',
    fix: 'send from the configured topic or account, or change the EventSource',
  },
  EVT_ERR_INGRESS_UNTRUSTED_URL: {
    status: 400,
    meaning:
      'the request asks Eventide to call a URL it does not trust (e.g. an SNS certificate not on amazonaws.com)',
    fix: 'only the provider itself can send this request',
  },
  EVT_ERR_INGRESS_SECRET_MISSING: {
    status: 500,
    meaning: 'a secret the event needs could not be found',
    fix: 'provide the secret (README "Secrets" says where Eventide looks); the reply names the reference, never the value',
  },
  EVT_ERR_INGRESS_UPSTREAM_FAILED: {
    status: 502,
    meaning: 'a call Eventide had to make to the provider while handling the request failed',
    fix: 'the provider retries; check that Eventide can reach it',
  },
  EVT_ERR_INGRESS_UPSTREAM_UNAVAILABLE: {
    status: 503,
    meaning:
      'the provider API Eventide must read to complete the event (e.g. Bitbucket Server changes) could not be reached',
    fix: 'nothing was delivered; the provider retries the delivery; check that Eventide can reach its API',
  },
  EVT_ERR_INGRESS_DELIVERY_FAILED: {
    status: 503,
    meaning: 'a subscribed Sensor did not durably accept the event (Temporal unreachable or refusing)',
    fix: 'retry the request: nothing was acknowledged; check the Temporal server and the worker',
  },
  EVT_ERR_INGRESS_INTERNAL: {
    status: 500,
    meaning: 'Eventide failed while handling the request',
    fix: 'retry; the ingress log has the cause',
  },
  EVT_ERR_CONFIG_HISTORY_LIMIT: {
    meaning: 'EVENTIDE_SENSOR_HISTORY_LIMIT is not a whole number of history events between 20 and 40000',
    fix: 'set it within that range, or unset it for the default (10000)',
  },
  EVT_ERR_CONFIG_TEMPORAL_CONNECTION: {
    meaning: 'the Temporal connection settings (TEMPORAL_TLS_*, TEMPORAL_API_KEY, the temporal.toml profile) cannot be read',
    fix: 'fix the path or value the message names (a certificate file that does not exist, a malformed profile), or unset it',
  },
  EVT_ERR_DASHBOARD_PORT_IN_USE: {
    meaning: 'the dashboard could not listen on its port: another process holds it',
    fix: 'stop that process, or choose another port with --dashboard-port (eventide dev) or --port (eventide dashboard)',
  },
} as const satisfies Record<string, ErrorEntry>;

/** A user-facing error code: one of the catalogue's keys, never a free string. */
type ErrorCode = keyof typeof ERROR_CATALOGUE;

/** Codes that are HTTP replies, with their status. */
export type ReplyErrorCode = {
  [C in ErrorCode]: (typeof ERROR_CATALOGUE)[C] extends { status: number } ? C : never;
}[ErrorCode];

export function errorStatus(code: ReplyErrorCode): number {
  return ERROR_CATALOGUE[code].status;
}
