// Error replies of the ingress: one JSON shape, a stable code per failure (EVT_ERR_INGRESS_*),
// whose status comes from the error catalogue.
import type { FastifyReply } from 'fastify';
import { errorStatus, type ReplyErrorCode } from '../errors/error-catalogue.js';

interface IngressErrorBody {
  code: ReplyErrorCode;
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

export function sendError(reply: FastifyReply, code: ReplyErrorCode, message: string): FastifyReply {
  const statusCode = errorStatus(code);
  const body: IngressErrorBody = { code, error: STATUS_TEXT[statusCode] ?? 'Error', message, statusCode };
  return reply.code(statusCode).type('application/json').send(body);
}
