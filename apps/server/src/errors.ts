/**
 * One error body for every failure: `{ error: { code, message, field?, hint?, requestId } }`.
 * Coded OgohErrors keep their code and get core's HTTP status; fastify's own failures (schema
 * validation, body too large, bad JSON) are given the matching code; anything else is a 500 whose
 * details stay in the log, found by the request id.
 */
import { httpStatusFor, isOgohError } from '@ogoh/core';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';

/** Codes whose HTTP status is more precise than their kind's. */
const STATUS_OF_CODE: Record<string, number> = { INPUT_TOO_LARGE: 413 };

interface ErrorFields {
  code: string;
  message: string;
  field?: string;
  hint?: string;
}

export function errorBody(req: FastifyRequest, e: ErrorFields) {
  return { error: { ...e, requestId: String(req.id) } };
}

/** "querystring/limit must be <= 200" → field "limit". */
function validationField(err: FastifyError): string | undefined {
  const first = err.validation?.[0];
  if (!first) return undefined;
  const missing =
    (first.params as { missingProperty?: string; additionalProperty?: string } | undefined) ?? {};
  const path = first.instancePath.replace(/^\//, '').replace(/\//g, '.');
  return missing.missingProperty ?? missing.additionalProperty ?? (path || err.validationContext);
}

function validationMessage(err: FastifyError): string {
  const first = err.validation?.[0];
  const params = (first?.params ?? {}) as { additionalProperty?: string; allowedValues?: unknown[] };
  if (params.additionalProperty)
    return `unknown ${err.validationContext ?? 'field'} "${params.additionalProperty}"`;
  if (first?.keyword === 'enum' && params.allowedValues)
    return `${first.message ?? 'not allowed'}: ${params.allowedValues.join(', ')}`;
  return err.message.replace(/^(querystring|body|params|headers)\/?/, '').trim() || 'invalid request';
}

export function errorHandler(err: FastifyError | Error, req: FastifyRequest, reply: FastifyReply) {
  if (isOgohError(err)) {
    const status = STATUS_OF_CODE[err.code] ?? httpStatusFor(err);
    if (status >= 500) req.log.error({ err }, 'request failed');
    const body: ErrorFields = { code: err.code, message: err.message };
    if (err.field !== undefined) body.field = err.field;
    if (err.hint !== undefined) body.hint = err.hint;
    return reply.status(status).send(errorBody(req, body));
  }
  const fe = err as FastifyError;
  if (fe.validation) {
    const field = validationField(fe);
    return reply
      .status(400)
      .send(errorBody(req, { code: 'USAGE', message: validationMessage(fe), ...(field ? { field } : {}) }));
  }
  const status = fe.statusCode ?? 500;
  if (status === 413)
    return reply.status(413).send(
      errorBody(req, {
        code: 'INPUT_TOO_LARGE',
        message: 'the request body is too large',
        hint: 'send less at once; files go to POST /api/ingest',
      }),
    );
  if (status === 415)
    return reply
      .status(415)
      .send(errorBody(req, { code: 'USAGE', message: fe.message, field: 'Content-Type' }));
  if (status >= 400 && status < 500)
    return reply.status(status).send(errorBody(req, { code: 'INPUT_PARSE', message: fe.message }));
  req.log.error({ err }, 'request failed');
  return reply.status(500).send(
    errorBody(req, {
      code: 'INTERNAL',
      message: 'the server failed; the log has the details under this request id',
    }),
  );
}
