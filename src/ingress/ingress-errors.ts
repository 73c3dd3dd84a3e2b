// Error replies of the ingress: one JSON shape, a stable code per failure (EVT_ERR_INGRESS_*).
import type { FastifyReply } from 'fastify';

export interface IngressErrorBody {
  code: string;
  error: string;
  message: string;
  statusCode: number;
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

export function sendError(
  reply: FastifyReply,
  statusCode: number,
  code: string,
  message: string,
): FastifyReply {
  const body: IngressErrorBody = { code, error: STATUS_TEXT[statusCode] ?? 'Error', message, statusCode };
  return reply.code(statusCode).type('application/json').send(body);
}
